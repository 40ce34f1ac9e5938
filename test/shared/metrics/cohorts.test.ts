// The cohort rates' privacy, for any programme (shared/metrics/README.md, "Cohorts"):
// a shown rate covers at least k answering pairs, and no hidden cohort can be
// worked out from the shown rows by subtraction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortReport, privateCut, trendMonths, type CheckAnswer, type PairInfo } from '../../../shared/metrics';
import { pair } from './build';

const ASOF = Date.parse('2026-04-15T00:00:00.000Z');
const programme = (k: number) => ({ id: 'p', name: 'P', kAnonymity: k, minAnswersPerMember: 2 });

const setup = fc.record({
  k: fc.integer({ min: 2, max: 6 }),
  pairs: fc.array(fc.record({ cohort: fc.constantFrom('A', 'B', 'C', 'D'), answers: fc.array(fc.constantFrom('working', 'not_sure', 'not_working'), { maxLength: 2 }) }), { maxLength: 30 }),
});

function build(pairs: { cohort: string; answers: string[] }[]) {
  const infos: PairInfo[] = pairs.map((p, i) => pair({ id: `p${i}`, aId: `a${i}`, bId: `b${i}`, cohort: p.cohort }));
  const checks: CheckAnswer[] = pairs.flatMap((p, i) => p.answers.map((fit, j) => ({
    pairId: `p${i}`, participantId: j ? `b${i}` : `a${i}`, kind: 'fit' as const, milestone: 0, fit, worthwhile: null, receivedAt: '2026-03-01T00:00:00.000Z',
  })));
  return { infos, checks };
}

describe('cohort fit rates', () => {
  it('show a rate only over at least k answering pairs, and the hidden cohorts pooled cover k pairs or none', () => {
    fc.assert(fc.property(setup, ({ k, pairs }) => {
      const { infos, checks } = build(pairs);
      const report = cohortReport({ programme: programme(k), pairs: infos, checks, sessions: [], asOf: ASOF });
      const answering = (cohort: string | null) =>
        new Set(checks.filter((c) => cohort === null || infos.find((p) => p.id === c.pairId)!.cohort === cohort).map((c) => c.pairId)).size;
      for (const row of [report.overall, ...report.cohorts]) {
        if (!row.fit.suppressed) {
          expect(row.fit.pairs).toBe(answering(row.cohort));
          expect(row.fit.pairs).toBeGreaterThanOrEqual(k);
        }
      }
      if (!report.overall.fit.suppressed) {
        const hiddenPairs = report.cohorts.filter((r) => r.fit.suppressed).reduce((sum, r) => sum + answering(r.cohort), 0);
        expect(hiddenPairs === 0 || hiddenPairs >= k).toBe(true);
      }
    }));
  });

  it('change nothing shown when a hidden cohort\'s answer changes, unless the overall shows the hidden cohorts pooled over k pairs', () => {
    fc.assert(fc.property(setup, fc.nat(), ({ k, pairs }, pick) => {
      const { infos, checks } = build(pairs);
      if (checks.length === 0) return;
      const report = cohortReport({ programme: programme(k), pairs: infos, checks, sessions: [], asOf: ASOF });
      const target = checks[pick % checks.length]!;
      const cohort = infos.find((p) => p.id === target.pairId)!.cohort;
      if (!report.cohorts.find((r) => r.cohort === cohort)!.fit.suppressed) return;
      const flipped = checks.map((c) => (c === target ? { ...c, fit: c.fit === 'working' ? 'not_working' : 'working' } : c));
      const after = cohortReport({ programme: programme(k), pairs: infos, checks: flipped, sessions: [], asOf: ASOF });
      expect(after.cohorts).toEqual(report.cohorts);
    }));
  });

  it('count answers from the start of the month after they were received', () => {
    expect(new Date(privateCut(ASOF)).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(new Date(privateCut(Date.parse('2026-05-01T00:00:00.000Z'))).toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(trendMonths(Date.parse('2026-05-01T00:00:00.000Z'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
  });
});
