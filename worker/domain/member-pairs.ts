// A member's pairs as their own extension sees them (GET /me and the invite
// redemption): the partner's name and email, what to ask next, and whether the
// joint summary is on. Never the partner's answers, checks or requests.
import type { MemberPair } from '../../shared/contract/invites';
import { answeredChecksStatement, pairsWithHeldAnswerStatement, type AnsweredCheck } from '../storage/checks';
import { pairsWithNamesStatement, type PairWithNames } from '../storage/pairs';
import { sharingOfMemberPairsStatement, type SharingRow } from '../storage/sharing';
import { sharingState } from './sharing';
import { isoDay } from '../../shared/metrics/time';
import { questionsFor } from './checks';

/** The reads a member's pairs are described from, to be sent in one batch with the caller's others. */
export function memberPairReads(db: D1Database, memberId: string): D1PreparedStatement[] {
  return [
    pairsWithNamesStatement(db, 'member', memberId),
    answeredChecksStatement(db, memberId),
    pairsWithHeldAnswerStatement(db, memberId),
    sharingOfMemberPairsStatement(db, memberId),
  ];
}

/** The member's pairs, each with its questions and joint-summary state, from the results of memberPairReads. */
export function memberPairsFrom(results: readonly D1Result<unknown>[], memberId: string, now = new Date()): MemberPair[] {
  const [pairRows, answeredRows, heldRows, choiceRows] = results as [
    D1Result<PairWithNames>, D1Result<AnsweredCheck>, D1Result<{ pair_id: string }>, D1Result<SharingRow>,
  ];
  const pairs = pairRows.results;
  const answered = answeredRows.results;
  const held = heldRows.results.map((row) => row.pair_id);
  const choices = choiceRows.results;
  const today = isoDay(now.getTime());
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

/** The member's pairs, read in one round trip (the invite's redemption). */
export async function memberPairs(db: D1Database, memberId: string, now = new Date()): Promise<MemberPair[]> {
  return memberPairsFrom(await db.batch(memberPairReads(db, memberId)), memberId, now);
}
