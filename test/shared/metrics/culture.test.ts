import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cultureReport, GrowingNetwork, network, periodsBetween, rate, newcombe, tallySessions, monthOf, segmentValues, solvePeriod, solveYear,
  type CultureInput, type CulturePeriod, type PairInfo, type PairTally, type Person, type SessionRecord,
} from '../../../shared/metrics';
import { answer, pair } from './build';

const ms = (iso: string) => Date.parse(iso);

describe('periods', () => {
  it('lists the years and quarters that overlap the window', () => {
    expect(periodsBetween('year', ms('2024-01-01T00:00:00Z'), ms('2026-03-01T00:00:00Z')).map((p) => p.key)).toEqual(['2024', '2025', '2026']);
    expect(periodsBetween('quarter', ms('2025-11-15T00:00:00Z'), ms('2026-04-01T00:00:00Z')).map((p) => p.key)).toEqual(['2025-Q4', '2026-Q1']);
    expect(periodsBetween('quarter', ms('2026-04-01T00:00:00Z'), ms('2026-04-01T00:00:01Z')).map((p) => p.key)).toEqual(['2026-Q2']);
  });
});

describe('network', () => {
  it('counts people, components and the largest one', () => {
    expect(network([])).toEqual({ peopleConnected: 0, largestComponent: 0, components: 0 });
    const edges = [['a', 'b'], ['b', 'c'], ['d', 'e'], ['c', 'a'], ['f', 'g'], ['g', 'd']].map(([aId, bId]) => ({ aId: aId!, bId: bId! }));
    expect(network(edges)).toEqual({ peopleConnected: 7, largestComponent: 4, components: 2 });
  });

  it('grown pair by pair, gives at every step what network gives for the pairs so far', () => {
    const edge = fc.record({ aId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), bId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h') });
    fc.assert(fc.property(fc.array(edge, { maxLength: 30 }), (edges) => {
      const growing = new GrowingNetwork();
      expect(growing.stats()).toEqual(network([]));
      edges.forEach((e, i) => {
        growing.add(e);
        expect(growing.stats()).toEqual(network(edges.slice(0, i + 1)));
      });
    }));
  });
});

// A small programme over two years: who meets when, built session by session.
const person = (id: string, fn: string): Person => ({ id, displayName: id, function: fn, region: '', generation: '' });
const people = new Map(['m1', 'e1', 'm2', 'e2', 'e3'].map((id, i) => [id, person(id, i % 2 ? 'eng' : 'sales')]));

function monthly(sessions: SessionRecord[]): Map<string, Map<string, PairTally>> {
  const grouped = new Map<string, Map<string, SessionRecord[]>>();
  for (const s of sessions) {
    const byMonth = grouped.get(s.pairId) ?? new Map<string, SessionRecord[]>();
    grouped.set(s.pairId, byMonth);
    const month = monthOf(ms(s.start));
    byMonth.set(month, [...(byMonth.get(month) ?? []), s]);
  }
  return new Map([...grouped].map(([id, byMonth]) => [id, new Map([...byMonth].map(([m, ss]) => [m, tallySessions(ss)]))]));
}
const held = (pairId: string, start: string, learned: boolean, openness = true): SessionRecord => ({
  pairId, start, a: answer({ learned, openness }), b: answer({ learned: true }),
});

const pairs: PairInfo[] = [
  pair({ id: 'p1', aId: 'm1', bId: 'e1', mentorId: 'm1', startsOn: '2025-01-10', cohort: 'c25' }),
  // e1, mentored in 2025, mentors e2 from 2026: a role flip in 2026.
  pair({ id: 'p2', aId: 'e1', bId: 'e2', mentorId: 'e1', startsOn: '2026-01-05', cohort: 'c26' }),
  pair({ id: 'p3', aId: 'm2', bId: 'e3', mentorId: null, startsOn: '2026-02-01', cohort: 'c26' }),
];
const sessions = [
  held('p1', '2025-02-01T10:00:00.000Z', true), held('p1', '2025-03-01T10:00:00.000Z', false),
  held('p1', '2026-02-01T10:00:00.000Z', true),
  held('p2', '2026-02-02T10:00:00.000Z', true), held('p2', '2026-03-02T10:00:00.000Z', true, false),
  held('p3', '2026-02-03T10:00:00.000Z', true),
];
const input = (over: Partial<CultureInput> = {}): CultureInput => ({
  pairs, people, monthly: monthly(sessions), period: 'year', by: null, k: 1,
  from: ms('2025-01-01T00:00:00Z'), to: ms('2027-01-01T00:00:00Z'), asOf: ms('2026-06-01T00:00:00Z'),
  ...over,
});
const shown = (c: CulturePeriod | undefined) => {
  if (!c || c.suppressed) throw new Error('expected a shown cell');
  return c;
};

describe('cultureReport', () => {
  const [y25, y26] = cultureReport(input()).periods.map(shown);

  it('counts active pairs, people and new pairs per year', () => {
    expect(y25).toMatchObject({ period: '2025', pairsActive: 1, participantsActive: 2, newPairs: 1 });
    expect(y26).toMatchObject({ period: '2026', pairsActive: 3, participantsActive: 5, newPairs: 2 });
  });

  it('pools rates and gives the change from the year before', () => {
    expect(y25!.mutualLearningRate).toEqual(rate(1, 2));
    expect(y26!.mutualLearningRate).toEqual(rate(4, 4));
    expect(y25!.change.mutualLearningRate).toBeNull();
    expect(y26!.change.mutualLearningRate).toEqual(newcombe(4, 4, 1, 2));
    expect(y26!.opennessRate).toEqual(rate(3, 4));
  });

  it('computes each pair health over the year', () => {
    // Only p1 in 2025 has 2 held sessions; in 2026 p2 has 2.
    expect(y25!.healthMean).not.toBeNull();
    expect(y26!.healthMean).not.toBeNull();
  });

  it('counts role flips cumulatively and retention from the previous period', () => {
    expect(y25!.roleFlips).toBe(0);
    expect(y26!.roleFlips).toBe(1);
    expect(y25!.retention).toBeNull();
    expect(y26!.retention).toEqual(rate(2, 2));
  });

  it('grows the network with every pair started by the end of the period', () => {
    expect(y25!.network).toEqual({ peopleConnected: 2, largestComponent: 2, components: 1 });
    expect(y26!.network).toEqual({ peopleConnected: 5, largestComponent: 3, components: 2 });
  });

  it('counts cross-boundary active pairs', () => {
    // m1 sales, e1 eng, m2 sales, e2 eng, e3 sales: only p1 (sales–eng) crosses.
    expect(y26!.crossBoundary.function).toBe(1);
  });

  it('places a pair in every segment value either member has', () => {
    expect(segmentValues(pairs[0]!, people, 'function')).toEqual(['sales', 'eng']);
    expect(segmentValues(pairs[1]!, people, 'cohort')).toEqual(['c26']);
    const report = cultureReport(input({ by: 'function' }));
    const cells = report.segments.filter((c) => c.period === '2026').map(shown);
    expect(cells.map((c) => [c.segment, c.pairsActive])).toEqual([['eng', 2], ['sales', 2]]);
  });

  it('suppresses cells under k and keeps only their period and segment', () => {
    const report = cultureReport(input({ by: 'cohort', k: 2 }));
    expect(report.periods.map((p) => p.suppressed)).toEqual([true, false]);
    expect(report.periods[0]).toEqual({ period: '2025', suppressed: true });
    // c25 has 1 active pair in 2026 (hidden); c26 has 2, but is then the only
    // other cell, so it is hidden too, or 3 − 2 would reveal c25's count. Both
    // are hidden in every period, so neither is named.
    expect(report.segments).toEqual([]);
    // With k = 1 both are shown, and named.
    expect(cultureReport(input({ by: 'cohort' })).segments.map((c) => [c.period, c.segment, c.suppressed])).toEqual([
      ['2025', 'c25', false], ['2025', 'c26', true], ['2026', 'c25', false], ['2026', 'c26', false],
    ]);
  });
});

describe('solvePeriod', () => {
  const cells = (sizes: Record<string, number | 'empty'>) => new Map(Object.entries(sizes).map(([key, n]) =>
    [key, n === 'empty' ? { active: 0, empty: true } : { active: n, empty: false }]));
  const group = (sizes: Record<string, number | 'empty'>) => ({ cells: cells(sizes), groups: [Object.keys(sizes)] });

  it('hides the smallest shown part when exactly one is hidden', () => {
    expect([...solvePeriod(group({ '': 30, a: 9, b: 2, c: 7 }), 5)].sort()).toEqual(['b', 'c']);
  });
  it('never takes an empty cell as the second hidden one', () => {
    // 'e' is hidden (0 < k) but holds nothing: total − a − c would still give b.
    expect([...solvePeriod(group({ '': 30, a: 9, b: 2, c: 19, e: 'empty' }), 5)].sort()).toEqual(['a', 'b', 'e']);
  });
  it('leaves a group with two hidden non-empty parts alone, and repeats across groups until nothing changes', () => {
    expect([...solvePeriod(group({ '': 30, a: 9, b: 2, c: 3 }), 5)].sort()).toEqual(['b', 'c']);
    // Hiding a's complement in one segmentation hides nothing more in the other, unless it leaves one hidden there.
    const two = { cells: cells({ '': 12, 'f:x': 2, 'f:y': 10, 'r:u': 6, 'r:v': 6 }), groups: [['', 'f:x', 'f:y'], ['', 'r:u', 'r:v']] };
    expect([...solvePeriod(two, 5)].sort()).toEqual(['f:x', 'f:y']);
  });
  it('hides the total when no part can cover', () => {
    expect([...solvePeriod({ cells: cells({ '': 6, a: 6, b: 'empty' }), groups: [['', 'a', 'b']] }, 5, ['a'])].sort()).toEqual(['', 'a', 'b']);
  });
});

describe('solveYear', () => {
  it('hides a year cell when any non-empty quarter cell of it is hidden', () => {
    const year = { cells: new Map([['', { active: 20, empty: false }], ['a', { active: 12, empty: false }], ['b', { active: 12, empty: false }]]), groups: [['', 'a', 'b']] };
    const quarter = (hidden: string[], empty: string[] = []) => ({
      cells: new Map(['', 'a', 'b'].map((key) => [key, { active: empty.includes(key) ? 0 : 6, empty: empty.includes(key) }])),
      hidden: new Set(hidden),
    });
    expect([...solveYear(year, [quarter([]), quarter(['a', 'b'])], 5)].sort()).toEqual(['a', 'b']);
    expect([...solveYear(year, [quarter(['b'], ['b'])], 5)]).toEqual([]);
  });
});

describe('pairs that have not started yet', () => {
  it('are neither new nor in the network before asOf', () => {
    const later = pair({ id: 'p4', aId: 'e2', bId: 'e3', startsOn: '2026-07-01' });
    const report = cultureReport(input({ pairs: [...pairs, later] }));
    const y26 = shown(report.periods[1]);
    expect(y26.newPairs).toBe(2);
    expect(y26.network.peopleConnected).toBe(5);
  });
});
