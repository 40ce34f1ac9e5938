// Signing in with an invite code, and what a participant may see about themselves.
import { sha256Hex, newToken } from '../auth/crypto';
import { findProgramme, programmeOfParticipantStatement, type ProgrammeRow } from '../storage/programmes';
import { findParticipantByInviteHash, markInviteRedeemed, participantStatement, type ParticipantRow } from '../storage/participants';
import { ownRequestsStatement, type RequestRow } from '../storage/requests';
import { HAPPENED_NOT_A_SESSION, ownResponsesStatement, type OwnResponseRow } from '../storage/responses';
import { maskToTopics, AUTONOMY_SCORES, NOT_A_SESSION, type Autonomy } from '../../shared/schemas';
import { ApiError, notFound } from './errors';
import { memberPairReads, memberPairs, memberPairsFrom } from './member-pairs';
import { describeParticipant } from './participants';
import { ownRequestOf } from './requests';
import { programmeForMembers } from './programmes';

/** Trades a code for a participant token. A code works once: the second use gets 409. */
export async function redeemInvite(db: D1Database, code: string, now = new Date().toISOString()) {
  const inviteHash = await sha256Hex(code);
  const participant = await findParticipantByInviteHash(db, inviteHash);
  if (!participant) throw notFound('invite code');
  if (participant.redeemed_at) throw alreadyUsed();
  const token = newToken();
  const [claim] = await db.batch([
    markInviteRedeemed(db, participant.id, inviteHash, now),
    // The token only counts if the claim above changed a row; otherwise the batch's
    // INSERT selects nothing, so two racing redemptions cannot both get a token.
    db
      .prepare(
        `INSERT INTO tokens (hash, role, programme_id, participant_id, created_at, reads_from)
         SELECT ?1, 'participant', ?2, ?3, ?4, ?5 WHERE changes() = 1`,
      )
      // After the programme reset the person's access, the new token reads only what is answered from now on.
      .bind(await sha256Hex(token), participant.programme_id, participant.id, now, participant.access_reset_at === null ? null : now),
  ]);
  if (!claim || claim.meta.changes === 0) throw alreadyUsed();
  const programme = await findProgramme(db, participant.programme_id);
  return {
    participantToken: token,
    participant: describeParticipant(participant),
    programme: programmeForMembers(participant.programme_id, programme),
    pairs: await memberPairs(db, participant.id),
  };
}

const alreadyUsed = () => new ApiError(409, 'conflict', 'this invite code has already been used');

const autonomyLevel = (score: number | null): Autonomy | undefined =>
  score === null ? undefined : (Object.entries(AUTONOMY_SCORES).find(([, s]) => s === score)?.[0] as Autonomy | undefined);
const bool = (flag: 0 | 1 | null) => (flag === null ? undefined : flag === 1);

/**
 * GET /me: the caller, their pairs, their own answers (most recent first) and
 * their own requests to the programme team (newest first).
 * `readsFrom` is the server time the token was issued at when it came from a
 * re-issued invite: answers the Worker received before then are not listed.
 */
export async function describeMe(db: D1Database, participantId: string, readsFrom: string | null = null) {
  // One round trip: under load a participant's page should not queue four times behind other reads.
  const results = await db.batch<unknown>([
    participantStatement(db, participantId),
    programmeOfParticipantStatement(db, participantId),
    ownResponsesStatement(db, participantId, readsFrom),
    ownRequestsStatement(db, participantId),
    ...memberPairReads(db, participantId),
  ]);
  const [participantRows, programmeRows, responseRows, requestRows] = results;
  const participant = (participantRows as D1Result<ParticipantRow>).results[0];
  if (!participant) throw notFound('participant');
  const programme = (programmeRows as D1Result<ProgrammeRow>).results[0] ?? null;
  const pairs = memberPairsFrom(results.slice(4), participantId);
  const responses = (responseRows as D1Result<OwnResponseRow>).results;
  const requests = (requestRows as D1Result<RequestRow>).results;
  return {
    participant: describeParticipant(participant),
    programme: programmeForMembers(participant.programme_id, programme),
    pairs,
    responses: responses.map((r) => ({
      id: r.id,
      pairId: r.pair_id,
      eventKey: r.event_key,
      start: r.start_at,
      end: r.end_at,
      happened: r.happened === HAPPENED_NOT_A_SESSION ? NOT_A_SESSION : r.happened === 1,
      value: r.value ?? undefined,
      learned: bool(r.learned),
      openness: bool(r.openness),
      autonomy: autonomyLevel(r.autonomy),
      topics: maskToTopics(r.topics),
      answeredAt: r.answered_at,
    })),
    requests: requests.map(ownRequestOf),
  };
}
