// The sponsor's subtraction attacks, tried against the real culture route on
// a real D1 (SECURITY.md, "Sponsor culture"): each must get a 400 or numbers
// that do not give the hidden cell away.
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../../worker/domain/history';
import { ADMIN, call, db } from '../api';

type Cell = {
  period: string; segment?: string; suppressed: boolean; pairsActive?: number;
  opennessRate?: { value: number; n: number } | null; retention?: unknown; change?: Record<string, unknown>;
  previous?: { period: string; suppressed: boolean } | null;
};
let pid = '';
let sponsor = '';
let coordinator = '';

// Cohorts (k = 3), all meeting in the first quarter of each year: A and D have
// 3 pairs meeting in 2024 and 2025. B is one small pair with a single session,
// in March 2025. C is one pair active in 2024 only, so its 2025 cell is empty.
// E has one pair in 2024 and three in 2025, so its 2024 cell is hidden and its
// 2025 cell shown.
const PLAN: { cohort: string; startsOn: string; endsOn?: string; sessions: string[] }[] = [
  ...[1, 2, 3].flatMap(() => ['A', 'D'].map((cohort) => ({ cohort, startsOn: '2024-01-05', sessions: ['2024-02-10', '2025-02-10'] }))),
  { cohort: 'B', startsOn: '2025-01-10', sessions: ['2025-03-10'] },
  { cohort: 'C', startsOn: '2024-01-05', endsOn: '2024-12-31', sessions: ['2024-02-12'] },
  { cohort: 'E', startsOn: '2024-01-05', sessions: ['2024-03-10', '2025-03-12'] },
  { cohort: 'E', startsOn: '2025-01-05', sessions: ['2025-03-14'] },
  { cohort: 'E', startsOn: '2025-01-05', sessions: ['2025-03-14'] },
];

beforeAll(async () => {
  const created = await call('POST', '/programmes', ADMIN, { name: 'Culture attacks', kAnonymity: 3 });
  ({ id: pid, sponsorToken: sponsor, coordinatorToken: coordinator } = created.body);
  const people = await call('POST', `/programmes/${pid}/participants`, coordinator, {
    participants: PLAN.flatMap((_, i) => ['m', 'e'].map((side) => ({
      displayName: `${side}${i}`, email: `${side}${i}@attacks.test`, function: side === 'm' ? 'Ops' : 'IT', region: i % 2 ? 'EU' : 'US',
    }))),
  });
  const ids = people.body.participants.map((p: { id: string }) => p.id) as string[];
  const lines = [];
  for (const [i, plan] of PLAN.entries()) {
    const [a, b] = [ids[2 * i]!, ids[2 * i + 1]!];
    const pair = await call('POST', `/programmes/${pid}/pairs`, coordinator, { a, b, mentorId: a, cohort: plan.cohort, startsOn: plan.startsOn, endsOn: plan.endsOn ?? null });
    for (const [j, day] of plan.sessions.entries()) {
      const start = `${day}T10:00:00.000Z`;
      // The small pair B is the one a sponsor would like to read: it said it could not speak openly.
      const openness = plan.cohort !== 'B';
      lines.push({
        pairId: pair.body.id, eventKey: `s${i}-${j}`, start, end: start,
        responses: [a, b].map((participantId) => ({ participantId, happened: true, value: 4, learned: true, openness, topics: ['strategy'] })),
      });
    }
  }
  expect((await importHistory(db(), pid, lines)).rejected).toEqual([]);
});

const culture = (query: string, token = sponsor) => call('GET', `/programmes/${pid}/culture?${query}`, token);
const cellOf = (cells: Cell[], period: string, segment?: string) => cells.find((c) => c.period === period && c.segment === segment);

describe('the windows attack: two windows that differ by one small pair’s activity', () => {
  it('refuses windows that are not whole periods, and an asOf that is not a whole day', async () => {
    for (const [query, accepted] of [
      ['from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z', /day after the last day of a year/],
      ['period=quarter&from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z', /day after the last day of a quarter/],
      ['from=2025-02-01&toPeriod=2025', /first day of a year/],
      ['asOf=2025-03-15T12:00:00Z', /whole UTC day/],
      ['period=quarter&fromPeriod=2025&toPeriod=2025-Q2', /quarter such as 2024-Q3/],
    ] as const) {
      const res = await culture(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message).toMatch(accepted);
    }
  });

  it('gives the same numbers for every allowed way of asking for the same period', async () => {
    const asked = [];
    for (const q of [
      'fromPeriod=2025&toPeriod=2025&by=cohort',
      'from=2025-01-01&to=2026-01-01&by=cohort',
      'from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00.000Z&by=cohort',
      'fromPeriod=2024&toPeriod=2025&by=cohort&asOf=2026-03-01',
      'fromPeriod=2025&toPeriod=2025&by=cohort&asOf=2026-01-09',
    ]) asked.push(await culture(q));
    for (const res of asked) expect(res.status).toBe(200);
    // Every cell of 2025 reads the same in every response that holds it (a range that also holds
    // 2024 names A, shown then; a range of 2025 alone does not, as A is hidden in 2025).
    const seen = new Map<string, string>();
    for (const res of asked) {
      for (const c of [...res.body.periods, ...res.body.segments] as Cell[]) {
        if (c.period !== '2025') continue;
        const key = c.segment ?? '';
        if (seen.has(key)) expect(JSON.stringify(c), key).toBe(seen.get(key));
        seen.set(key, JSON.stringify(c));
      }
    }
    expect([...seen.keys()].sort()).toEqual(['', 'A', 'D', 'E']);
    // Before late answers stop (8 days after the year ends) 2025 is not yet a completed year.
    expect((await culture('fromPeriod=2025&toPeriod=2025&asOf=2026-01-08')).status).toBe(400);
  });

  it('hides the small pair’s cell and a second cell beside it, in years and in quarters alike', async () => {
    for (const query of ['fromPeriod=2025&toPeriod=2025&by=cohort', 'period=quarter&fromPeriod=2025-Q1&toPeriod=2025-Q4&by=cohort']) {
      const { body } = await culture(query);
      const named = new Set(body.segments.map((c: Cell) => c.segment));
      // B is hidden everywhere, so it is not even named.
      expect(named.has('B')).toBe(false);
      const first = body.periods[0].period as string;
      const total = cellOf(body.periods, first)!;
      expect(total.suppressed).toBe(false);
      // Total minus the shown cohorts must not isolate B's one pair: another non-empty cohort is hidden with it.
      const shown = (body.segments as Cell[]).filter((c) => c.period === first && !c.suppressed);
      expect(total.pairsActive! - shown.reduce((n, c) => n + c.pairsActive!, 0), query).toBeGreaterThan(1);
    }
  });
});

describe('the empty-complement attack', () => {
  it('does not take the empty cohort C as the cover for B in 2025', async () => {
    const { body } = await culture('fromPeriod=2024&toPeriod=2025&by=cohort');
    const total = cellOf(body.periods, '2025')!;
    expect(total.suppressed).toBe(false);
    const shown = body.segments.filter((c: Cell) => c.period === '2025' && !c.suppressed) as Cell[];
    // With C (empty) as the only other hidden cell, total − shown would equal B: one shown cohort more is hidden.
    const rest = total.opennessRate!.n - shown.reduce((n, c) => n + c.opennessRate!.n, 0);
    expect(rest).toBeGreaterThan(2); // B alone would be 2 answers
    expect(cellOf(body.segments, '2025', 'A')).toEqual({ period: '2025', segment: 'A', suppressed: true });
    expect(cellOf(body.segments, '2025', 'D')!.suppressed).toBe(false);
    // C is hidden in 2024 and empty in 2025, and B hidden: neither is named.
    expect(body.segments.map((c: Cell) => c.segment)).not.toContain('C');
    expect(body.segments.map((c: Cell) => c.segment)).not.toContain('B');
  });
});

describe('the year-over-year attack', () => {
  it('withholds the change and retention of a shown cell whose previous period is hidden, and says so', async () => {
    const { body } = await culture('fromPeriod=2024&toPeriod=2025&by=cohort');
    expect(cellOf(body.segments, '2024', 'E')).toEqual({ period: '2024', segment: 'E', suppressed: true });
    const e2025 = cellOf(body.segments, '2025', 'E')!;
    expect(e2025).toMatchObject({ suppressed: false, pairsActive: 3, previous: { period: '2024', suppressed: true }, retention: null });
    expect(e2025.change).toEqual({ mutualLearningRate: null, opennessRate: null, depthRate: null });
    // D was shown in both years: its change and retention are there.
    expect(cellOf(body.segments, '2025', 'D')).toMatchObject({ previous: { period: '2024', suppressed: false }, retention: { value: 1 } });
    // The programme's first period has no earlier one, which reads differently from a hidden one.
    expect(cellOf(body.periods, '2024')).toMatchObject({ suppressed: false, previous: null, retention: null });
    // A range that starts at 2025 gives the same derived fields: they do not depend on the range.
    const later = await culture('fromPeriod=2025&toPeriod=2025&by=cohort');
    expect(cellOf(later.body.segments, '2025', 'D')).toEqual(cellOf(body.segments, '2025', 'D'));
  });
});

describe('open periods and cost bounds', () => {
  it('gives a sponsor completed periods only, and a coordinator the open one as of today', async () => {
    const year = new Date().getUTCFullYear();
    const refused = await culture(`fromPeriod=${year - 1}&toPeriod=${year}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/sponsors see completed periods only/);
    const csvRefused = await call('GET', `/programmes/${pid}/export.csv?kind=periods&toPeriod=${year}`, sponsor);
    expect(csvRefused.status).toBe(400);
    const open = await culture(`fromPeriod=${year - 1}&toPeriod=${year}`, coordinator);
    expect(open.status).toBe(200);
    expect(open.body.range).toMatchObject({ toPeriod: String(year), includesOpenPeriod: true });
    expect((await culture(`toPeriod=${year}&asOf=${year}-01-02`, coordinator)).status).toBe(400);
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await culture(`asOf=${future}`)).body.error.message).toMatch(/must not be after today/);
    expect((await culture('fromPeriod=2010&toPeriod=2025')).body.error.message).toMatch(/at most 10 years/);
  });

  it('exports the same cells as the JSON', async () => {
    const json = await culture('fromPeriod=2024&toPeriod=2025&by=cohort');
    const csv = await call('GET', `/programmes/${pid}/export.csv?kind=periods&fromPeriod=2024&toPeriod=2025&by=cohort`, sponsor);
    expect(csv.status).toBe(200);
    const rows = Papa.parse<string[]>((csv.body as string).trimEnd(), { newline: '\r\n' }).data.slice(1);
    const cells = [...json.body.periods, ...json.body.segments] as Cell[];
    expect(rows.map((r) => [r[0], r[1] || undefined, r[2]])).toEqual(cells.map((c) => [c.period, c.segment, String(c.suppressed)]));
    expect(rows.map((r) => r[1])).not.toContain('B');
  });
});
