import { describe, expect, it } from 'vitest';
import {
  assessPair, flagEvidence, healthSummary, programmeMetrics, rate, tallySessions,
  type AssessedPair, type PairInfo, type Person, type SessionRecord,
} from '../../../shared/metrics';
import { answer, missed, pair, session, window } from './build';

const person = (id: string, fn = '', region = '', generation = ''): Person => ({ id, displayName: id.toUpperCase(), function: fn, region, generation });
const people = new Map([
  person('ana', 'sales', 'emea', 'z'), person('ben', 'eng', 'emea', 'x'),
  person('cy', 'eng', '', 'x'), person('dee', 'eng', 'apac', 'boomer'),
  person('eve', 'ops'), person('fay', 'ops'),
].map((p) => [p.id, p]));

function assessed(p: PairInfo, sessions: SessionRecord[], w = window(0, 28)): AssessedPair {
  const own = sessions.map((s) => ({ ...s, pairId: p.id }));
  const tally = tallySessions(own);
  return { pair: p, tally, assessment: assessPair(p, tally, w, flagEvidence(own, w.to)) };
}

describe('healthSummary', () => {
  it('bins 0–9 … 90–100 and ignores nulls', () => {
    const h = healthSummary([0, 9, 10, 55, 99, 100, null]);
    expect(h.histogram).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(h.n).toBe(6);
    expect(h.mean).toBeCloseTo(273 / 6, 12);
    expect(h.median).toBe(32.5);
  });

  it('has no mean or median without scores', () => {
    expect(healthSummary([null])).toEqual({
      mean: null, median: null, n: 0, low: null, high: null, histogram: new Array(10).fill(0),
    });
  });

  it('gives the mean a 95% interval from the spread of the scores', () => {
    // 60, 70, 80: mean 70, sample sd 10, half-width 1.959964 · 10 / √3 ≈ 11.316
    const h = healthSummary([60, 70, 80]);
    expect(h.low).toBeCloseTo(58.684, 3);
    expect(h.high).toBeCloseTo(81.316, 3);
    expect(healthSummary([70]).low).toBeNull();
    expect(healthSummary([100, 100, 98]).high).toBe(100);
  });
});

describe('programmeMetrics', () => {
  const w = window(0, 28);
  const good = [
    session(3, answer({ value: 4, learned: true, openness: true, topics: 0b100 }), answer({ value: 4, learned: true, autonomy: 1 })),
    session(17, answer({ value: 5, learned: true, openness: true, topics: 0b1 }), answer({ value: 4, learned: true, autonomy: 0.5 })),
  ];
  const oneWay = [session(5, answer({ value: 3, learned: false }), answer({ value: 3, learned: true, openness: false }))];
  const quiet = [session(6, missed(), null), session(8, null, null)];
  const pairs = [
    assessed(pair({ id: 'x', aId: 'ana', bId: 'ben' }), good),
    assessed(pair({ id: 'y', aId: 'cy', bId: 'dee' }), oneWay),
    assessed(pair({ id: 'z', aId: 'eve', bId: 'fay', startsOn: '2026-02-01' }), quiet),
  ];
  const m = programmeMetrics(pairs, people, w);

  it('counts pairs, people and sessions', () => {
    expect(m).toMatchObject({ pairsEnrolled: 2, pairsActive: 2, participantsActive: 4, sessionsHeld: 3, sessionsMissed: 1 });
    expect(m.responseRate).toEqual(rate(7, 10));
  });

  it('pools the rates over sessions', () => {
    expect(m.mutualLearningRate).toEqual(rate(2, 3));
    expect(m.opennessRate).toEqual(rate(2, 3));
    expect(m.depthRate).toEqual(rate(1, 2));
    expect(m.autonomyMean).toEqual({ value: 0.75, n: 2 });
    expect(m.topicCounts).toEqual({ tools: 1, ways_of_working: 0, strategy: 1, customers_markets: 0, culture_perspectives: 0, career: 0 });
  });

  it('shares bidirectional pairs among those with reciprocity', () => {
    expect(m.bidirectionalPairShare).toEqual(rate(1, 2));
  });

  it('counts statuses and flags per pair', () => {
    expect(m.statusCounts).toEqual({ thriving: 1, steady: 0, at_risk: 0, insufficient_data: 2 });
    expect(m.health.n).toBe(1);
    expect(Object.values(m.flagCounts).reduce((s, n) => s + n, 0)).toBe(0);
  });

  it('compares boundaries only where both members have the attribute', () => {
    expect(m.crossBoundary.function).toEqual(rate(1, 3)); // sales/eng yes, eng/eng no, ops/ops no
    expect(m.crossBoundary.region).toEqual(rate(0, 1)); // cy has no region, eve and fay neither
    expect(m.crossBoundary.generation).toEqual(rate(2, 2));
  });
});

describe('what the Worker reads for a dashboard', () => {
  it('reads sessions from the first month less two of the longest cadences, and rollups for complete months', async () => {
    const { sessionsReadFrom, completeMonths } = await import('../../../shared/metrics');
    const w = { from: Date.parse('2026-02-10T00:00:00Z'), to: Date.parse('2026-04-15T00:00:00Z'), asOf: Date.parse('2026-04-15T00:00:00Z') };
    expect(new Date(sessionsReadFrom(w, [pair({ cadenceDays: 7 }), pair({ cadenceDays: 28 })])).toISOString()).toBe('2025-12-07T00:00:00.000Z');
    expect(new Date(sessionsReadFrom(w, [])).toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(completeMonths(w)).toEqual(['2026-02', '2026-03']);
    expect(completeMonths({ ...w, to: Date.parse('2026-04-01T00:00:00Z') })).toEqual(['2026-02', '2026-03']);
  });
});
