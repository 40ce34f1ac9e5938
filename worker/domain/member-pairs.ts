// A member's pairs as their own extension sees them (GET /me and the invite
// redemption): the partner's name and email, what to ask next, and whether the
// joint summary is on. Never the partner's answers, checks or requests.
import type { MemberPair } from '../../shared/contract/invites';
import { listAnsweredChecks, listPairsWithHeldAnswer } from '../storage/checks';
import { listPairsWithNames } from '../storage/pairs';
import { listSharingOfPairs } from '../storage/sharing';
import { sharingState } from './sharing';
import { questionsFor, utcDay } from './checks';

/** The member's pairs, each with its questions and joint-summary state. */
export async function memberPairs(db: D1Database, memberId: string, now = new Date()): Promise<MemberPair[]> {
  const pairs = await listPairsWithNames(db, 'member', memberId);
  const [answered, held, choices] = await Promise.all([
    listAnsweredChecks(db, memberId),
    listPairsWithHeldAnswer(db, memberId),
    listSharingOfPairs(db, pairs.map((pair) => pair.id)),
  ]);
  const today = utcDay(now);
  return pairs.map((pair) => {
    const isA = pair.a_id === memberId;
    return {
      id: pair.id,
      partner: { displayName: isA ? pair.b_name : pair.a_name, email: isA ? pair.b_email : pair.a_email },
      role: pair.mentor_id === null ? 'peer' : pair.mentor_id === memberId ? 'mentor' : 'mentee',
      cohort: pair.cohort,
      startsOn: pair.starts_on,
      endsOn: pair.ends_on,
      cadenceDays: pair.cadence_days,
      questions: questionsFor(pair, answered, held.includes(pair.id), today),
      jointSummary: sharingState(choices, pair, memberId),
    };
  });
}
