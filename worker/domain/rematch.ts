// Rematch (README, "What the pair gets back"): the coordinator ends a pair and
// pairs one of its members with someone new in one step, usually answering a
// member's "Ask for a new partner" request. The partner who leaves the pair is
// told nothing beyond the pair's end, which the coordinator could set anyway.
import type { RematchPair } from '../../shared/contract/pairs';
import { drainQueue } from '../analytics/snapshots';
import { newId } from '../auth/crypto';
import { findParticipant } from '../storage/participants';
import { findSamePair, insertPairs, updatePairTerms, type PairWithNames } from '../storage/pairs';
import { findRequest, setRequestStatus, type RequestRow } from '../storage/requests';
import { DAY_MS, isoDay } from '../../shared/metrics/time';
import { ApiError, invalid, notFound } from './errors';
import { newPairTouches, pairRowOf, programmePair } from './pairs';

const dayBefore = (day: string) => isoDay(Date.parse(day) - DAY_MS);

/** The new pair keeps the member's role: a mentor stays the mentor, a mentee's new partner becomes theirs. */
function mentorOfNewPair(old: PairWithNames, member: string, partner: string): string | null {
  if (old.mentor_id === null) return null;
  return old.mentor_id === member ? member : partner;
}

async function checkRematch(db: D1Database, programmeId: string, old: PairWithNames, input: RematchPair, startsOn: string) {
  // An erased member's place holds a placeholder, who cannot be paired again.
  if ((input.member !== old.a_id && input.member !== old.b_id) || !(await findParticipant(db, input.member))) {
    throw invalid(['member'], 'member must be a or b of the pair');
  }
  const partner = await findParticipant(db, input.partnerId);
  if (!partner || partner.programme_id !== programmeId || input.partnerId === old.a_id || input.partnerId === old.b_id) {
    throw invalid(['partnerId'], 'partnerId must be a participant of this programme outside the pair');
  }
  if (old.starts_on >= startsOn) {
    throw new ApiError(409, 'conflict', `the pair started on ${old.starts_on}, so it cannot end before ${startsOn}`);
  }
  if (input.requestId !== undefined) {
    const request = await findRequest(db, input.requestId.toLowerCase()).first<RequestRow>();
    if (!request || request.programme_id !== programmeId) throw notFound('request');
  }
}

/**
 * Ends the pair the day before `startsOn` (today, UTC, by default; an earlier
 * end it already had stands), creates the new pair and marks the answered
 * request handled, in one D1 batch. Replaying it finds the new pair and writes
 * nothing new.
 */
export async function rematchPair(db: D1Database, programmeId: string, pairId: string, input: RematchPair, now = new Date()) {
  const old = await programmePair(db, programmeId, pairId);
  const startsOn = input.startsOn ?? isoDay(now.getTime());
  await checkRematch(db, programmeId, old, input, startsOn);
  const existing = await findSamePair(db, programmeId, input.member, input.partnerId, startsOn);
  const id = existing?.id ?? newId();
  const lastDay = dayBefore(startsOn);
  const endsOn = old.ends_on !== null && old.ends_on < lastDay ? old.ends_on : lastDay;
  await db.batch([
    updatePairTerms(db, old.id, { endsOn, cohort: old.cohort, cadenceDays: old.cadence_days }),
    ...(existing ? [] : insertPairs(db, [{
      id,
      programme_id: programmeId,
      a_id: input.member,
      b_id: input.partnerId,
      mentor_id: mentorOfNewPair(old, input.member, input.partnerId),
      cohort: input.cohort ?? old.cohort,
      starts_on: startsOn,
      ends_on: null,
      cadence_days: input.cadenceDays ?? old.cadence_days,
    }], now.toISOString())),
    ...(input.requestId ? [setRequestStatus(db, programmeId, input.requestId.toLowerCase(), 'handled', now.toISOString())] : []),
    ...newPairTouches(db, programmeId, [old.id, id]),
  ]);
  await drainQueue(db, programmeId);
  return { ended: pairRowOf(await programmePair(db, programmeId, old.id)), created: { id } };
}
