// The prompt cap in the set-up view and the Cohorts panel, against a fake Worker.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cohorts } from '../../shared/contract';
import { createApi } from '../../worker/dashboard/api';
import { CohortsBody, CohortsPanel } from '../../worker/dashboard/components/CohortsPanel';
import { PromptSettings } from '../../worker/dashboard/components/PromptSettings';
import { click, mount, settle, text, type, unmountAll } from './render';

afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

const programme = { id: 'prog-1', name: 'Pilot', kAnonymity: 5, weights: null, minAnswersPerMember: 3, meetingKeywords: [], maxPromptsPerPairPerWeek: null as number | null };

function fakeWorker(routes: Record<string, (body: any) => Response>) {
  const calls: Array<{ method: string; path: string; body?: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: `${url.pathname}${url.search}`, body });
    const route = routes[`${method} ${url.pathname.replace('/api/v1', '')}`];
    return route ? route(body) : Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  }));
  return calls;
}
const api = () => createApi({ token: 'coord', programmeId: 'prog-1' });

describe('prompt cap', () => {
  it('saves a number, and a blank field as null (every session)', async () => {
    let stored: number | null = null;
    const calls = fakeWorker({
      'GET /programmes/prog-1': () => Response.json({ ...programme, maxPromptsPerPairPerWeek: stored }),
      'PATCH /programmes/prog-1': (body) => {
        stored = body.maxPromptsPerPairPerWeek;
        return Response.json({ ...programme, maxPromptsPerPairPerWeek: stored });
      },
    });
    const root = await mount(<PromptSettings api={api()} />);
    await settle();
    const input = root.querySelector('input[name="maxPromptsPerPairPerWeek"]') as HTMLInputElement;
    expect(text(root.querySelector('label'))).toBe('At most N prompts per pair per week (blank: every session)');
    expect(input.value).toBe('');
    await type(input, '1');
    await click(root.querySelector('button[type="submit"]'));
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ maxPromptsPerPairPerWeek: 1 });
    expect(text(root.querySelector('[role="status"]'))).toBe('At most 1 prompt per pair per week.');
    await type(input, '');
    await click(root.querySelector('button[type="submit"]'));
    await settle();
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ maxPromptsPerPairPerWeek: 1 }, { maxPromptsPerPairPerWeek: null }]);
    expect(text(root.querySelector('[role="status"]'))).toBe('Members are asked about every session.');
  });

  it('shows the Worker\'s refusal', async () => {
    fakeWorker({
      'GET /programmes/prog-1': () => Response.json({ ...programme, maxPromptsPerPairPerWeek: 2 }),
      'PATCH /programmes/prog-1': () => Response.json({ error: { code: 'forbidden', message: 'this token may not change the programme' } }, { status: 403 }),
    });
    const root = await mount(<PromptSettings api={api()} />);
    await settle();
    expect((root.querySelector('input') as HTMLInputElement).value).toBe('2');
    await type(root.querySelector('input'), '3');
    await click(root.querySelector('button[type="submit"]'));
    await settle();
    expect(text(root.querySelector('[role="alert"]'))).toContain('this token may not change the programme');
    expect(root.querySelector('[role="status"]')).toBeNull();
  });
});

const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const rate = (value: number, n: number) => ({ value, n, low: Math.max(0, value - 0.1), high: Math.min(1, value + 0.1) });
const cohorts: Cohorts = {
  programme: { id: 'prog-1', name: 'Pilot', kAnonymity: 5 },
  asOf: '2026-12-02T00:00:00.000Z',
  overall: { cohort: null, pairsEnrolled: 12, fit: { suppressed: false, pairs: 9, rate: rate(0.75, 16) }, worthwhile: { suppressed: true }, responseRate: months.map((month, i) => ({ month, pairs: 8, rate: rate(0.9 - i * 0.05, 40) })) },
  cohorts: [
    { cohort: '2026 spring', pairsEnrolled: 8, fit: { suppressed: false, pairs: 6, rate: rate(0.8, 10) }, worthwhile: { suppressed: true }, responseRate: months.map((month) => ({ month, pairs: 6, rate: rate(0.8, 30) })) },
    { cohort: '2026 autumn', pairsEnrolled: 4, fit: { suppressed: true }, worthwhile: { suppressed: true }, responseRate: months.map((month, i) => ({ month, pairs: i < 3 ? 0 : 2, rate: i < 3 ? null : rate(0.5, 10) })) },
  ],
};

describe('Cohorts panel', () => {
  it('shows fit with its interval and pairs, and "hidden: fewer than k pairs" where the Worker suppressed it', async () => {
    const root = await mount(<CohortsBody cohorts={cohorts} />);
    const row = (name: string) => [...root.querySelectorAll('table tbody tr')].find((tr) => text(tr.querySelector('th')) === name);
    expect(text(row('2026 spring'))).toContain('80% (95% CI 70–90%, n = 10, 6 pairs)');
    expect(text(row('2026 autumn'))).toContain('hidden: fewer than 5 pairs');
    expect(text(row('All pairs'))).toContain('75% (95% CI 65–85%, n = 16, 9 pairs)');
    expect(text(row('All pairs'))).toContain('12');
  });

  it('draws one response-rate line per cohort and the whole programme, with the same numbers in a table', async () => {
    const root = await mount(<CohortsBody cohorts={cohorts} />);
    const figure = root.querySelector('figure')!;
    expect(text(figure.querySelector('h3'))).toBe('Response rate by cohort and month');
    const cells = [...figure.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => text(cell)).join(' | '));
    expect(cells).toHaveLength(3 * months.length);
    // A cohort with no shown month draws no line.
    const quiet = { ...cohorts, cohorts: [...cohorts.cohorts, { ...cohorts.cohorts[1]!, cohort: '2023', responseRate: months.map((month) => ({ month, pairs: 0, rate: null })) }] };
    const again = await mount(<CohortsBody cohorts={quiet} />);
    expect(again.querySelectorAll('figure tbody tr')).toHaveLength(3 * months.length);
    expect(cells).toContain('2026 autumn | 2026-06 | not enough data | — | 0');
    expect(cells).toContain('All pairs | 2026-11 | 65% | 95% CI 55–75%, n = 40 | 8');
  });

  it('loads GET /cohorts for the signed-in programme', async () => {
    const calls = fakeWorker({ 'GET /programmes/prog-1/cohorts': () => Response.json(cohorts) });
    const root = await mount(<CohortsPanel api={api()} />);
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/programmes/prog-1/cohorts']);
    expect(text(root.querySelector('h2'))).toBe('Cohorts');
    expect(root.querySelectorAll('table').length).toBe(2);
  });
});
