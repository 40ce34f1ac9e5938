// A member's pairs as their own extension sees them (GET /me and the invite
// redemption): the partner's name and email, what to ask next, and whether the
// joint summary is on. Never the partner's answers, checks or requests.
import type { MemberPair } from '../../shared/contract/invites';
import type { SharingState } from '../../shared/contract/sharing';
import { listAnsweredChecks, listPairsWithHeldAnswer } from '../storage/checks';
import { listPairsWithNames, type PairWithNames } from '../storage/pairs';
import { listSharingOfPairs, type SharingRow } from '../storage/pair-sharing';
import { questionsFor, utcDay } from './checks';

/**
 * off: this member has not opted in; waiting: they have and the partner has
 * not; on: both have. Only "on" shows the joint summary (README, "What the pair gets back").
 */
export function sharingStateOf(pair: PairWithNames, memberId: string, choices: readonly SharingRow[]): SharingState['jointSummary'] {
  const partnerId = pair.a_id === memberId ? pair.b_id : pair.a_id;
  const optedIn = (who: string) => choices.some((c) => c.pair_id === pair.id && c.participant_id === who && c.joint_summary === 1);
  if (!optedIn(memberId)) return 'off';
  return optedIn(partnerId) ? 'on' : 'waiting';
}

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
      jointSummary: sharingStateOf(pair, memberId, choices),
    };
  });
}
