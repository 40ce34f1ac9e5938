import fc from 'fast-check';
// Small builders for metric tests: sessions, pairs and windows by day number.
import type { MemberAnswer, PairInfo, SessionRecord, Window } from '../../../shared/metrics';
import { DAY_MS } from '../../../shared/metrics';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (day: number) => new Date(T0 + day * DAY_MS).toISOString();
export const window = (fromDay: number, toDay: number, asOfDay = toDay): Window => ({
  from: T0 + fromDay * DAY_MS,
  to: T0 + toDay * DAY_MS,
  asOf: T0 + asOfDay * DAY_MS,
});

export function answer(fields: Partial<MemberAnswer> = {}): MemberAnswer {
  return { happened: true, value: 3, learned: null, openness: null, autonomy: null, topics: null, ...fields };
}
export const missed = (): MemberAnswer => ({ happened: false, value: null, learned: null, openness: null, autonomy: null, topics: null });

export function session(day: number, a: MemberAnswer | null, b: MemberAnswer | null, pairId = 'p1'): SessionRecord {
  return { pairId, start: at(day), a, b };
}

export function pair(fields: Partial<PairInfo> = {}): PairInfo {
  return { id: 'p1', aId: 'ana', bId: 'ben', mentorId: null, cohort: '', startsOn: '2025-06-01', endsOn: null, cadenceDays: 14, ...fields };
}

/** Any "it happened" answer: a value, and each optional field given or not. */
export const heldAnswer: fc.Arbitrary<MemberAnswer> = fc.record<MemberAnswer>({
  happened: fc.constant(true),
  value: fc.integer({ min: 1, max: 5 }),
  learned: fc.option(fc.boolean()),
  openness: fc.option(fc.boolean()),
  autonomy: fc.option(fc.constantFrom(0, 0.5, 1)),
  topics: fc.option(fc.integer({ min: 0, max: 63 })),
});

/** One member's slot on a session: no answer, "it did not happen", or an "it happened" answer. */
export const memberAnswer = (options: { freq?: number } = {}): fc.Arbitrary<MemberAnswer | null> =>
  fc.option(fc.oneof(fc.constant(missed()), heldAnswer), options);
