// Properties that must hold for any data, checked with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addTallies, cultureReport, monthOf, pairHealth, pairMetrics, periodAt, rate, tallySessions, wilson,
  type PairInfo, type PairTally, type Person, type SessionRecord,
} from '../../../shared/metrics';
import { pair, T0, window, memberAnswer as memberAnswerOf } from './build';

const memberAnswer = memberAnswerOf();
const sessionArb = (pairId = 'p1', days = 90): fc.Arbitrary<SessionRecord> =>
  fc.record({
    pairId: fc.constant(pairId),
    start: fc.integer({ min: 0, max: days * 24 - 1 }).map((h) => new Date(T0 + h * 3_600_000).toISOString()),
    a: memberAnswer,
    b: memberAnswer,
  });
const swap = (s: SessionRecord): SessionRecord => ({ ...s, a: s.b, b: s.a });

describe('pair metrics', () => {
  it('reciprocity and health are symmetric in the two members', () => {
    fc.assert(fc.property(fc.array(sessionArb(), { maxLength: 30 }), (sessions) => {
      const w = window(0, 90);
      const m = pairMetrics(pair(), tallySessions(sessions), w);
      const swapped = pairMetrics(pair(), tallySessions(sessions.map(swap)), w);
      expect(swapped.reciprocity).toBe(m.reciprocity);
      expect(swapped.agreement).toBe(m.agreement);
      expect(pairHealth(swapped)).toBe(pairHealth(m));
    }));
  });

  it('health is an integer in [0, 100] or null, and every rate metric lies in [0, 1]', () => {
    const weights = fc.record({ value: fc.nat(100), reciprocity: fc.nat(100), cadence: fc.nat(100), openness: fc.nat(100), agreement: fc.nat(100), autonomy: fc.nat(100) });
    fc.assert(fc.property(fc.array(sessionArb(), { maxLength: 30 }), weights, fc.integer({ min: 1, max: 60 }), (sessions, w, cadenceDays) => {
      const m = pairMetrics(pair({ cadenceDays }), tallySessions(sessions), window(0, 90));
      const h = pairHealth(m, w);
      if (h !== null) {
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(100);
      }
      for (const [key, x] of Object.entries(m)) {
        if (key !== 'held' && x !== null) expect(x >= 0 && x <= 1).toBe(true);
      }
    }));
  });

  it('tallies add up: the tally of two batches is the sum of their tallies', () => {
    fc.assert(fc.property(fc.array(sessionArb()), fc.array(sessionArb()), (xs, ys) => {
      expect(addTallies(tallySessions(xs), tallySessions(ys))).toEqual(tallySessions([...xs, ...ys]));
    }));
  });
});

describe('rates', () => {
  it('keep the value inside its Wilson interval, inside [0, 1]', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
      const x = Math.round(p * n);
      const r = rate(x, n)!;
      expect(r.low).toBeGreaterThanOrEqual(0);
      expect(r.high).toBeLessThanOrEqual(1);
      expect(r.low).toBeLessThanOrEqual(r.value + 1e-12);
      expect(r.high).toBeGreaterThanOrEqual(r.value - 1e-12);
      expect(wilson(x, n)).toEqual({ low: r.low, high: r.high });
    }));
  });
});

describe('k-anonymity', () => {
  const functions = ['eng', 'sales', 'ops', 'hr', ''];
  const programme = fc.record({
    people: fc.array(fc.constantFrom(...functions), { minLength: 2, maxLength: 16 }),
    pairs: fc.array(fc.record({ a: fc.nat(15), b: fc.nat(15), startDay: fc.nat(700), cohort: fc.constantFrom('c1', 'c2', 'c3') }), { maxLength: 25 }),
    heldDays: fc.array(fc.record({ pair: fc.nat(24), day: fc.nat(729) }), { maxLength: 120 }),
    k: fc.integer({ min: 2, max: 6 }),
    by: fc.constantFrom('function' as const, 'cohort' as const),
    period: fc.constantFrom('year' as const, 'quarter' as const),
  });

  it('never shows a cell under k, nor exactly one hidden non-empty cell beside a shown total', () => {
    fc.assert(fc.property(programme, (g) => {
      const people = new Map<string, Person>(g.people.map((fn, i) => [`u${i}`, { id: `u${i}`, displayName: `u${i}`, function: fn, region: '', generation: '' }]));
      const pairs: PairInfo[] = g.pairs
        .map((p, i) => ({ ...p, i, a: p.a % g.people.length, b: p.b % g.people.length }))
        .filter((p) => p.a !== p.b)
        .map((p) => pair({ id: `p${p.i}`, aId: `u${p.a}`, bId: `u${p.b}`, cohort: p.cohort, startsOn: new Date(T0 + p.startDay * 86_400_000).toISOString().slice(0, 10) }));
      const monthly = new Map<string, Map<string, PairTally>>();
      for (const { pair: index, day } of g.heldDays) {
        const p = pairs[index % Math.max(1, pairs.length)];
        if (!p) continue;
        const start = T0 + day * 86_400_000;
        const months = monthly.get(p.id) ?? new Map<string, PairTally>();
        monthly.set(p.id, months);
        const one = tallySessions([{ pairId: p.id, start: new Date(start).toISOString(), a: { happened: true, value: 4, learned: true, openness: true, autonomy: null, topics: 1 }, b: null }]);
        const month = monthOf(start);
        months.set(month, months.has(month) ? addTallies(months.get(month)!, one) : one);
      }
      const report = cultureReport({
        pairs, people, monthly, period: g.period, by: g.by, k: g.k,
        from: T0, to: T0 + 730 * 86_400_000, asOf: T0 + 730 * 86_400_000,
      });
      for (const c of [...report.periods, ...report.segments]) {
        if (c.suppressed) expect(Object.keys(c).sort()).toEqual(c.segment === undefined ? ['period', 'suppressed'] : ['period', 'segment', 'suppressed']);
        else expect(c.pairsActive).toBeGreaterThanOrEqual(g.k);
      }
      // Exactly one hidden non-empty part beside a shown total could be had by subtraction. Empty
      // parts (nothing held and no pair started in the period) are known to be empty and cover
      // nothing. What is in each part is read from the generated pairs and sessions.
      const valuesOf = (p: PairInfo) => {
        if (g.by === 'cohort') return [p.cohort];
        const values = [...new Set([people.get(p.aId)!.function, people.get(p.bId)!.function].filter(Boolean))];
        return values.length > 0 ? values : [''];
      };
      const periodOf = (day: number) => periodAt(g.period, T0 + day * 86_400_000).key;
      const nonEmpty = new Set<string>();
      const active = new Map<string, Set<string>>();
      for (const { pair: index, day } of g.heldDays) {
        const p = pairs[index % Math.max(1, pairs.length)];
        if (!p) continue;
        for (const value of valuesOf(p)) {
          const cell = `${periodOf(day)}|${value}`;
          nonEmpty.add(cell);
          active.set(cell, (active.get(cell) ?? new Set()).add(p.id));
        }
      }
      // The pairs with no value are never published, so they are one more unknown part; solving
      // for them alone is harmless only when they are k or more active pairs.
      const unknown = (value: string, shown: Set<string | undefined>) => value === '' || !shown.has(value);
      for (const p of pairs) for (const value of valuesOf(p)) nonEmpty.add(`${periodAt(g.period, Date.parse(p.startsOn)).key}|${value}`);
      for (const total of report.periods) {
        if (total.suppressed) continue;
        const shown = new Set(report.segments.filter((c) => c.period === total.period && !c.suppressed).map((c) => c.segment));
        const unknowns = [...nonEmpty].filter((cell) => cell.startsWith(`${total.period}|`) && unknown(cell.slice(total.period.length + 1), shown));
        const solvable = unknowns.length === 1 && !(unknowns[0] === `${total.period}|` && (active.get(unknowns[0])?.size ?? 0) >= g.k);
        expect(solvable, `${total.period}: ${unknowns.join(', ')} could be had by subtraction`).toBe(false);
      }
    }), { numRuns: 200, seed: 20261201 });
  });
});
