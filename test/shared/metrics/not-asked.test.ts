// shared/metrics/README.md, "Not asked": a session a member was not asked about is
// never missed, never lowers the response rate and never makes the cadence fall.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answeredHeld, assessPair, dashboardReport, flagEvidence, pairHealth, pairMetrics, sessionStatus, tallySessions,
  type PairInfo, type Person, type SessionRecord,
} from '../../../shared/metrics';
import { answer, at, missed, pair, session, T0, window, memberAnswer as memberAnswerOf } from './build';

const notAsked = (s: SessionRecord, side: 'a' | 'b' | 'both'): SessionRecord => ({
  ...s, ...(side !== 'b' ? { aAsked: false } : {}), ...(side !== 'a' ? { bAsked: false } : {}),
});

describe('a session not asked about', () => {
  it('is held when nobody answered, and stays unknown when everybody was asked', () => {
    expect(sessionStatus(session(1, null, null))).toBe('unknown');
    expect(sessionStatus(notAsked(session(1, null, null), 'a'))).toBe('held');
    expect(sessionStatus(notAsked(session(1, null, null), 'both'))).toBe('held');
  });

  it('follows the answers once someone answered: missed on a "did not happen", held on an "it happened"', () => {
    expect(sessionStatus(notAsked(session(1, null, missed()), 'a'))).toBe('missed');
    expect(sessionStatus(notAsked(session(1, missed(), null), 'a'))).toBe('missed');
    expect(sessionStatus(notAsked(session(1, answer(), null), 'a'))).toBe('held');
  });

  it('leaves the unanswered slots it marks out of the response rate, and counts an answer given anyway', () => {
    const w = window(0, 28);
    const asked = [session(1, answer(), null), session(15, answer(), null)];
    expect(pairMetrics(pair(), tallySessions(asked), w).responseRate).toBe(0.5);
    const bNotAsked = asked.map((s) => notAsked(s, 'b'));
    expect(pairMetrics(pair(), tallySessions(bNotAsked), w).responseRate).toBe(1);
    // a answered although not asked: the answer counts, and so does b's open slot.
    const answeredAnyway = [notAsked(session(1, answer(), null), 'a'), session(15, answer(), null)];
    expect(pairMetrics(pair(), tallySessions(answeredAnyway), w).responseRate).toBe(0.5);
    // Nobody asked, nobody answered: no slot is owed, so there is no rate.
    expect(pairMetrics(pair(), tallySessions([notAsked(session(1, null, null), 'both')]), w).responseRate).toBeNull();
  });

  it('counts as held for held and cadence but adds no answer-based number, and health still needs two answered held sessions', () => {
    const w = window(0, 28);
    const sessions = [session(1, answer({ value: 5, learned: true, openness: true }), answer({ value: 5, learned: true })), notAsked(session(15, null, null), 'a')];
    const t = tallySessions(sessions);
    const m = pairMetrics(pair(), t, w);
    const answeredOnly = pairMetrics(pair(), tallySessions(sessions.slice(0, 1)), w);
    expect(m.held).toBe(2);
    expect(m.cadence).toBe(1);
    expect(answeredOnly.cadence).toBe(0.5);
    expect({ ...m, held: 0, cadence: 0, responseRate: 0 }).toEqual({ ...answeredOnly, held: 0, cadence: 0, responseRate: 0 });
    expect(answeredHeld(t)).toBe(1);
    expect(pairHealth(m, undefined, answeredHeld(t))).toBeNull();
    expect(assessPair(pair(), t, w, flagEvidence(sessions, w.to, w.from)).health).toBeNull();
    expect(t.topicSessions).toBe(0);
  });

  it('keeps a pair from lapsing: the meeting happened on both calendars', () => {
    const p = pair({ startsOn: '2025-11-01' });
    const w = window(0, 28);
    const sessions = [notAsked(session(20, null, null), 'b')];
    const t = tallySessions(sessions);
    expect(t.lastHeldAt).toBe(at(20));
    const flags = assessPair(p, t, w, flagEvidence(sessions, w.to, w.from)).flags.map((f) => f.flag);
    expect(flags).not.toContain('lapsed');
    const unmarked = [session(20, null, null)];
    expect(assessPair(p, tallySessions(unmarked), w, flagEvidence(unmarked, w.to, w.from)).flags.map((f) => f.flag)).toContain('lapsed');
  });
});

// Random pairs: each session's slots are asked or not, answered or not.
const memberAnswer = memberAnswerOf({ freq: 2 });
const sessionArb = (pairId: string): fc.Arbitrary<SessionRecord> =>
  fc.record({
    pairId: fc.constant(pairId),
    start: fc.integer({ min: 0, max: 90 * 24 - 1 }).map((h) => new Date(T0 + h * 3_600_000).toISOString()),
    a: memberAnswer,
    b: memberAnswer,
    aAsked: fc.boolean(),
    bAsked: fc.boolean(),
  });
/** For each session, which of its unanswered slots get a not-asked mark added. */
const marksArb = fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 40, maxLength: 40 });
function addMarks(sessions: SessionRecord[], marks: [boolean, boolean][]): SessionRecord[] {
  return sessions.map((s, i) => {
    const [markA, markB] = marks[i] ?? [false, false];
    return {
      ...s,
      aAsked: s.a === null && markA ? false : s.aAsked,
      bAsked: s.b === null && markB ? false : s.bAsked,
    };
  });
}
const pairArb = fc.record({ cadenceDays: fc.integer({ min: 3, max: 30 }), startsOn: fc.constantFrom('2025-06-01', '2025-12-20', '2026-01-20') });

describe('adding not-asked marks to unanswered slots, for any pair', () => {
  it('never lowers the response rate or the cadence, never raises missed, and changes no answer-based number', () => {
    fc.assert(fc.property(pairArb, fc.array(sessionArb('p1'), { maxLength: 40 }), marksArb, (shape, sessions, marks) => {
      const p = pair(shape);
      const w = window(0, 90);
      const before = tallySessions(sessions);
      const after = tallySessions(addMarks(sessions, marks));
      const mb = pairMetrics(p, before, w);
      const ma = pairMetrics(p, after, w);
      if (mb.responseRate !== null && ma.responseRate !== null) expect(ma.responseRate).toBeGreaterThanOrEqual(mb.responseRate);
      // A rate can only become undefined when no slot is owed any more, i.e. nothing was answered.
      if (ma.responseRate === null && mb.responseRate !== null) expect(mb.responseRate).toBe(0);
      if (mb.cadence !== null) expect(ma.cadence!).toBeGreaterThanOrEqual(mb.cadence);
      expect(after.missed).toBeLessThanOrEqual(before.missed);
      expect(after.held).toBeGreaterThanOrEqual(before.held);
      expect(answeredHeld(after)).toBe(answeredHeld(before));
      for (const key of ['value', 'agreement', 'reciprocity', 'mutualLearning', 'openness', 'autonomy', 'depth'] as const) {
        expect(ma[key]).toBe(mb[key]);
      }
      expect(after.topics).toEqual(before.topics);
      // Flags: the pair cannot lapse or fall silent because it was asked less.
      const flagsOf = (ss: SessionRecord[], t: typeof before) => assessPair(p, t, w, flagEvidence(ss, w.to, w.from)).flags.map((f) => f.flag);
      const flagsAfter = flagsOf(addMarks(sessions, marks), after);
      const flagsBefore = flagsOf(sessions, before);
      for (const flag of ['lapsed', 'silent'] as const) if (flagsAfter.includes(flag)) expect(flagsBefore).toContain(flag);
    }));
  });

  it('does the same for the programme\'s summary and its months', () => {
    const people = new Map<string, Person>(['a1', 'b1', 'a2', 'b2'].map((id) => [id, { id, displayName: id, function: '', region: '', generation: '' }]));
    const pairs: PairInfo[] = [pair({ id: 'p1', aId: 'a1', bId: 'b1' }), pair({ id: 'p2', aId: 'a2', bId: 'b2', cadenceDays: 7 })];
    const programme = { id: 'prog', name: 'P', kAnonymity: 5, weights: null, minAnswersPerMember: 2 };
    fc.assert(fc.property(fc.array(sessionArb('p1'), { maxLength: 20 }), fc.array(sessionArb('p2'), { maxLength: 20 }), marksArb, (s1, s2, marks) => {
      const sessions = [...s1, ...s2];
      const w = window(0, 90);
      const report = (ss: SessionRecord[]) => dashboardReport({ programme, pairs, people, sessions: ss, monthly: new Map(), window: w });
      const before = report(sessions);
      const after = report(addMarks(sessions, marks));
      expect(after.summary.sessionsMissed).toBeLessThanOrEqual(before.summary.sessionsMissed);
      const rb = before.summary.responseRate?.value;
      const ra = after.summary.responseRate?.value;
      if (rb !== undefined && ra !== undefined) expect(ra).toBeGreaterThanOrEqual(rb - 1e-12);
      for (const [i, month] of after.months.entries()) {
        const was = before.months[i]!;
        expect(month.sessionsMissed).toBeLessThanOrEqual(was.sessionsMissed);
        if (was.responseRate && month.responseRate) expect(month.responseRate.value).toBeGreaterThanOrEqual(was.responseRate.value - 1e-12);
      }
    }));
  });
});
