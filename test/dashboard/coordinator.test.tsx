import { afterEach, describe, expect, it, vi } from 'vitest';
import { DashboardBody } from '../../worker/dashboard/components/CoordinatorView';
import { PairDetailBody } from '../../worker/dashboard/components/PairDrillDown';
import { ImportResult } from '../../worker/dashboard/components/ImportCsv';
import { BIN_LABELS } from '../../worker/dashboard/components/HealthHistogram';
import { dashboard, pairDetail, programmeMetrics } from './fixtures';
import { mount, settle, text, type, unmountAll } from './render';

afterEach(unmountAll);

describe('coordinator dashboard', () => {
  it('renders every card, and each chart has a table with the same numbers', async () => {
    const data = dashboard();
    const root = await mount(<DashboardBody dashboard={data} onOpen={vi.fn()} />);
    const titles = [...root.querySelectorAll('figcaption h3')].map(text);
    expect(titles).toEqual([
      'Pair health',
      'Status and flags',
      'Mutual learning by month',
      'Openness by month',
      'Depth by month',
      'Response rate by month',
      'Topic mix',
    ]);
    const histogram = root.querySelectorAll('figure')[0]!;
    const rows = [...histogram.querySelectorAll('tbody tr')].map((r) => [...r.children].map(text));
    expect(rows).toEqual(BIN_LABELS.map((label, i) => [label, String(data.summary.health.histogram[i])]));
    const mutual = root.querySelectorAll('figure')[2]!;
    const monthRows = [...mutual.querySelectorAll('tbody tr')].map((r) => [...r.children].map(text));
    expect(monthRows[1]).toEqual(['2026-10', 'not enough data', '—']);
    expect(root.querySelectorAll('canvas[role="img"]')).toHaveLength(7);
    expect(text(root.querySelector('#at-risk-heading'))).toBe('At-risk pairs (2)');
    expect(text(root.querySelector('#pairs-heading'))).toBe('All pairs (3)');
  });

  it('counts the pairs the status filter shows, out of all of them', async () => {
    const data = dashboard();
    const root = await mount(<DashboardBody dashboard={data} onOpen={vi.fn()} />);
    const atRisk = data.pairs.filter((p) => p.status === 'at_risk').length;
    await type(root.querySelector('#pairs-heading')?.closest('section')?.querySelector('select'), 'at_risk');
    await settle();
    expect(text(root.querySelector('#pairs-heading'))).toBe(`At risk pairs (${atRisk} of ${data.pairs.length})`);
    expect(root.querySelectorAll('#pairs-heading ~ * tbody tr, section[aria-labelledby="pairs-heading"] tbody tr')).toHaveLength(atRisk);
  });

  it('shows an empty state, not zeros, when no pair is enrolled', async () => {
    const empty = dashboard({ summary: programmeMetrics({ pairsEnrolled: 0, pairsActive: 0 }), pairs: [], atRisk: [], months: [] });
    const root = await mount(<DashboardBody dashboard={empty} onOpen={vi.fn()} />);
    expect(text(root)).toContain('No pairs are enrolled in this window');
    expect(root.querySelector('.kpi')).toBeNull();
  });

  it('drills into a pair: flags with next steps, scores and the session timeline, no individual answers', async () => {
    const root = await mount(<PairDetailBody detail={pairDetail} />);
    expect(text(root.querySelector('.pair-title'))).toContain('Ada Senior & Ben Junior');
    expect(text(root)).toContain('Ben Junior mentors');
    expect(text(root.querySelector('.reasons'))).toContain('Coach the pair on showing rather than doing.');
    const timeline = [...root.querySelectorAll('.timeline li')].map(text);
    expect(timeline).toEqual(['2026-09-03 held', '2026-09-17 held', '2026-10-01 missed', '2026-10-15 no answer yet']);
    const dl = [...root.querySelectorAll('.metric-list div')].map((d) => text(d.querySelector('dt')) + text(d.querySelector('dd')));
    expect(dl).toContain('Autonomy13%');
    expect(dl).toContain('Sessions held4');
    // Value reads on the scale people answer on: 0.6 is a mean of 3.4 out of 5, not "60%".
    expect(dl).toContain('Value3.4 of 5');
    // Every score says what it means.
    const meanings = [...root.querySelectorAll('.metric-list dd.metric-meaning')].map(text);
    expect(meanings).toHaveLength(9);
    expect(meanings.every((meaning) => meaning.length > 20)).toBe(true);
    // Each shown score says how many answers it rests on.
    expect(meanings.find((meaning) => meaning.startsWith('how valuable'))).toMatch(/\(n = 8\)$/);
    expect(meanings.find((meaning) => meaning.startsWith('answers saying'))).not.toMatch(/n =/);
    // The pair was shown a tip in its joint summary.
    expect([...root.querySelectorAll('.tips-shown li')].map(text)).toEqual(['Tip shown to the pair: helpline, first on 2026-10-02, last on 2026-11-20']);
  });

  it('shows no tips line for a pair that was shown none', async () => {
    const root = await mount(<PairDetailBody detail={{ ...pairDetail, pair: { ...pairDetail.pair, tipsShown: [] } }} />);
    expect(root.querySelector('.tips-shown')).toBeNull();
  });

  it('reports each imported row with its outcome', async () => {
    const root = await mount(
      <ImportResult
        report={{
          rows: [
            { line: 2, type: 'participant', status: 'created', id: 'p1' },
            { line: 3, type: 'participant', status: 'existing', id: 'p2' },
            { line: 4, type: 'pair', status: 'rejected', error: 'unknown email x@y.z' },
          ],
          created: 1,
          existing: 1,
          rejected: 1,
        }}
      />,
    );
    expect(text(root.querySelector('strong'))).toBe('1 created, 1 already there, 1 rejected.');
    expect(text(root.querySelector('tr.rejected'))).toContain('unknown email x@y.z');
  });
});
