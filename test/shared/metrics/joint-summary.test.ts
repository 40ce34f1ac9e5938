// The joint summary's numbers (shared/metrics/README.md, "Joint summary"):
// worked examples, and the property that makes "nothing attributes an answer
// to one person" testable: the summary is the same whichever member is a.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jointNumbers, type SessionRecord } from '../../../shared/metrics';
import { topicsToMask, type Topic } from '../../../shared/vocabulary';
import { answer, missed, session, memberAnswer as memberAnswerOf } from './build';

const memberAnswer = memberAnswerOf();
const sessions = fc.array(fc.record({ a: memberAnswer, b: memberAnswer }), { maxLength: 12 });
const topicsToMaskOf = (topics: Topic[]) => topicsToMask(topics)!;
const swap = (s: Pick<SessionRecord, 'a' | 'b'>) => ({ a: s.b, b: s.a });

describe('jointNumbers', () => {
  it('counts held sessions, sessions where both learned among those where both answered, and the union of topics', () => {
    const numbers = jointNumbers([
      session(1, answer({ learned: true, topics: topicsToMaskOf(['strategy']) }), answer({ learned: true, topics: topicsToMaskOf(['career']) })),
      session(2, answer({ learned: true }), answer({ learned: false, topics: topicsToMaskOf(['tools']) })),
      session(3, answer({ learned: true }), missed()),
      session(4, missed(), missed()),
      session(5, null, null),
    ]);
    expect(numbers).toEqual({ met: 3, bothLearned: { sessions: 1, of: 2 }, topics: ['tools', 'strategy', 'career'] });
  });

  it('counts a session "held, not asked" as met, and in nothing else', () => {
    const notAsked = { ...session(1, null, null), aAsked: false };
    const numbers = jointNumbers([notAsked, session(2, answer({ learned: true }), answer({ learned: true }))]);
    expect(numbers).toEqual({ met: 2, bothLearned: { sessions: 1, of: 1 }, topics: [] });
    expect(jointNumbers([session(3, null, null)]).met).toBe(0);
  });

  it('is empty for a month without sessions', () => {
    expect(jointNumbers([])).toEqual({ met: 0, bothLearned: { sessions: 0, of: 0 }, topics: [] });
  });

  it('is symmetric: swapping the two members gives the identical summary', () => {
    fc.assert(fc.property(sessions, (rows) => {
      expect(jointNumbers(rows.map(swap))).toEqual(jointNumbers(rows));
    }));
  });

  it('does not depend on the order of the sessions', () => {
    fc.assert(fc.property(sessions, (rows) => {
      expect(jointNumbers([...rows].reverse())).toEqual(jointNumbers(rows));
    }));
  });

  it('keeps its bounds: both-learned ≤ both answered ≤ met ≤ sessions', () => {
    fc.assert(fc.property(sessions, (rows) => {
      const { met, bothLearned } = jointNumbers(rows);
      expect(bothLearned.sessions).toBeLessThanOrEqual(bothLearned.of);
      expect(bothLearned.of).toBeLessThanOrEqual(met);
      expect(met).toBeLessThanOrEqual(rows.length);
    }));
  });
});
