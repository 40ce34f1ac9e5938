// Pair numbers need both voices: no number a coordinator sees (pair, month,
// timeline, programme sums) may be built from one member's answers alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bothVoices, dashboardReport, notEnoughAnswers, pairVoices, tallySessions,
  type DashboardReport, type MemberAnswer, type Person, type SessionRecord,
} from '../../../shared/metrics';
import { pairDetailReport } from '../../../shared/metrics/dashboard';
import { pair, T0, window, heldAnswer } from './build';

const people = new Map<string, Person>([
  ['ana', { id: 'ana', displayName: 'Ana', function: 'IT', region: 'EU', generation: 'Z' }],
  ['ben', { id: 'ben', displayName: 'Ben', function: 'Sales', region: 'US', generation: 'X' }],
]);
const W = window(0, 90);

const held = heldAnswer;
const anAnswer: fc.Arbitrary<MemberAnswer> = fc.oneof(
  { weight: 4, arbitrary: held },
  { weight: 1, arbitrary: fc.constant<MemberAnswer>({ happened: false, value: null, learned: null, openness: null, autonomy: null, topics: null }) },
);

/** What a coordinator sees of one pair's numbers, leaving out flags and status (judged on every answer, as defined). */
function numbers(report: DashboardReport) {
  const strip = ({ statusCounts: _s, flagCounts: _f, ...rest }: DashboardReport['summary']) => rest;
  return {
    pairs: report.pairs.map((p) => ({ health: p.health, metrics: p.metrics, withheld: p.withheld })),
    summary: strip(report.summary),
    months: report.months.map(strip),
  };
}
function detailNumbers(sessions: SessionRecord[], m: number) {
  const detail = pairDetailReport(input(sessions, m))!;
  return { health: detail.pair.health, metrics: detail.pair.metrics, months: detail.months, sessions: detail.sessions };
}
const input = (sessions: SessionRecord[], m: number) => ({
  programme: { id: 'prog', name: 'P', kAnonymity: 5, weights: null, minAnswersPerMember: m },
  pairs: [pair()],
  people,
  sessions,
  monthly: new Map(),
  window: W,
});

/** Sessions on distinct days of the window, with one member's answers from `a` and the other's from `b`. */
const sessionsOf = (days: number[], a: (MemberAnswer | null)[], b: (MemberAnswer | null)[]): SessionRecord[] =>
  days.map((day, i) => ({ pairId: 'p1', start: new Date(T0 + day * 86_400_000 + 10 * 3_600_000).toISOString(), a: a[i] ?? null, b: b[i] ?? null }));

const scenario = fc.integer({ min: 2, max: 4 }).chain((m) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 89 }), { minLength: 1, maxLength: 16 }).chain((days) =>
    fc.record({
      m: fc.constant(m),
      days: fc.constant(days),
      // The quiet member answers fewer than m of the sessions.
      quiet: fc.array(fc.option(anAnswer), { minLength: days.length, maxLength: days.length })
        .map((answers) => { let left = m - 1; return answers.map((x) => (x && left-- > 0 ? x : null)); }),
      loud1: fc.array(fc.option(anAnswer, { freq: 5 }), { minLength: days.length, maxLength: days.length }),
      loud2: fc.array(fc.option(anAnswer, { freq: 5 }), { minLength: days.length, maxLength: days.length }),
      quietIsA: fc.boolean(),
    }),
  ),
);

describe('both voices', () => {
  it('while one member has fewer than m answers, nothing shown changes with the other member’s answers', () => {
    fc.assert(fc.property(scenario, ({ m, days, quiet, loud1, loud2, quietIsA }) => {
      const build = (loud: (MemberAnswer | null)[]) => (quietIsA ? sessionsOf(days, quiet, loud) : sessionsOf(days, loud, quiet));
      const [one, two] = [build(loud1), build(loud2)];
      expect(numbers(dashboardReport(input(two, m)))).toEqual(numbers(dashboardReport(input(one, m))));
      expect(detailNumbers(two, m)).toEqual(detailNumbers(one, m));
      const shown = dashboardReport(input(one, m)).pairs[0]!;
      expect(shown.health).toBeNull();
      expect(Object.values(shown.metrics).every((x) => x === null)).toBe(true);
      expect(shown.withheld.value).toBe(notEnoughAnswers('values', m));
    }), { numRuns: 300 });
  });

  const fields = ['value', 'learned', 'openness', 'autonomy', 'topics'] as const;
  it('a number built from one kind of answer ignores the other member’s answers of that kind while one member has fewer than m of them', () => {
    const perField = fc.record({
      field: fc.constantFrom(...fields),
      m: fc.integer({ min: 2, max: 3 }),
      days: fc.uniqueArray(fc.integer({ min: 0, max: 89 }), { minLength: 6, maxLength: 14 }),
      seedA: fc.array(held, { minLength: 14, maxLength: 14 }),
      seedB: fc.array(held, { minLength: 14, maxLength: 14 }),
      other: fc.array(held, { minLength: 14, maxLength: 14 }),
    });
    fc.assert(fc.property(perField, ({ field, m, days, seedA, seedB, other }) => {
      // B answers every session, but gives `field` on fewer than m of them.
      const b = seedB.slice(0, days.length).map((x, i): MemberAnswer =>
        field === 'value' ? { ...x } : { ...x, [field]: i < m - 1 ? x[field] ?? (field === 'autonomy' ? 0.5 : field === 'topics' ? 1 : true) : null });
      // A's answers differ only in the values of `field`.
      const a1 = seedA.slice(0, days.length);
      const a2 = a1.map((x, i) => ({ ...x, [field]: x[field] === null ? null : other[i]![field] ?? x[field] }));
      if (field === 'value') {
        // value is required when held: the quiet member says "it did not happen" instead, except m - 1 times.
        b.forEach((x, i) => { if (i >= m - 1) Object.assign(x, { happened: false, value: null, learned: null, openness: null, autonomy: null, topics: null }); });
      }
      const one = sessionsOf(days, a1, b);
      const two = sessionsOf(days, a2, b);
      const voice = field === 'value' ? 'values' : field;
      expect(bothVoices(pairVoices(one), voice, m)).toBe(false);
      expect(numbers(dashboardReport(input(two, m)))).toEqual(numbers(dashboardReport(input(one, m))));
      expect(detailNumbers(two, m)).toEqual(detailNumbers(one, m));
    }), { numRuns: 300 });
  });

  it('shows the numbers once each member has m answers, and says what is missing in the same words either way', () => {
    const answer = (value: number): MemberAnswer => ({ happened: true, value, learned: true, openness: true, autonomy: null, topics: null });
    const both = sessionsOf([1, 15, 29], [answer(4), answer(5), answer(4)], [answer(3), answer(3), answer(2)]);
    const shown = dashboardReport(input(both, 3)).pairs[0]!;
    expect(shown.metrics.value).toBeCloseTo((21 / 6 - 1) / 4);
    expect(shown.health).not.toBeNull();
    expect(shown.withheld).toEqual({ autonomy: notEnoughAnswers('autonomy', 3), depth: notEnoughAnswers('topics', 3) });
    const aShort = dashboardReport(input(both.map((s, i) => (i === 0 ? { ...s, a: null } : s)), 3)).pairs[0]!;
    const bShort = dashboardReport(input(both.map((s, i) => (i === 0 ? { ...s, b: null } : s)), 3)).pairs[0]!;
    expect(aShort.withheld).toEqual(bShort.withheld);
    expect(aShort.withheld.value).toBe('not enough answers yet: needs at least 3 value ratings from each member');
    expect(JSON.stringify(aShort.flags)).not.toMatch(/\d+ of|from \d/);
    expect(tallySessions(both).responses).toBe(6);
  });
});
