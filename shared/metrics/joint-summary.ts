// The pair's joint summary of one month (shared/metrics/README.md, "Joint
// summary"): built from both members' answers together, and symmetric in the
// two members, so that nothing in it says which of them gave an answer
// (SECURITY.md, "The joint summary"). Pure: the Worker gives the month's
// session rows and the tips, and serves the result to both members alike.
import { TOPICS, type Topic } from '../vocabulary';
import { sessionStatus, type MemberAnswer, type SessionRecord } from './tally';

export interface JointNumbers {
  /** Held sessions of the month: either member said it happened. */
  met: number;
  /** `of`: held sessions in which both answered "learned"; `sessions`: those in which both said yes. */
  bothLearned: { sessions: number; of: number };
  /** Every topic either member named on a held session, in vocabulary order. */
  topics: Topic[];
}

const heldAnswer = (answer: MemberAnswer | null) => (answer?.happened ? answer : null);

/** The month's numbers from its session rows (only the pair's own, only the month's). */
export function jointNumbers(sessions: readonly Pick<SessionRecord, 'a' | 'b' | 'aAsked' | 'bAsked'>[]): JointNumbers {
  let met = 0;
  let of = 0;
  let both = 0;
  let topicMask = 0;
  for (const session of sessions) {
    if (sessionStatus(session) !== 'held') continue;
    met += 1;
    const a = heldAnswer(session.a);
    const b = heldAnswer(session.b);
    if (a?.learned != null && b?.learned != null) {
      of += 1;
      if (a.learned && b.learned) both += 1;
    }
    topicMask |= (a?.topics ?? 0) | (b?.topics ?? 0);
  }
  return { met, bothLearned: { sessions: both, of }, topics: TOPICS.filter((_, bit) => topicMask & (1 << bit)) };
}
