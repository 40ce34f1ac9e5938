// Erasing a participant (SECURITY.md, "Retention and erasure"). Their identity,
// tokens, invite, answers, checks, requests and sharing choices go; in each of their pairs a fresh random
// tombstone takes their place, so the partner's answers and the pair's
// history survive without anything that points back to the person.
import { newId, sha256Hex } from '../auth/crypto';
import { deleteParticipantChecks } from '../storage/checks';
import { deleteParticipantSharing } from '../storage/pair-sharing';
import { deleteParticipant, insertTombstone } from '../storage/participants';
import { listMemberPairIds, replacePairMember } from '../storage/pairs';
import { deleteParticipantRequests } from '../storage/requests';
import { deleteParticipantResponses, listAnsweredSessionIds } from '../storage/responses';
import { drainQueue } from '../analytics/snapshots';
import { refreshManySessionRollups } from '../storage/rollups';
import { enqueuePairs, invalidateAllCulture } from '../storage/snapshots';
import { deleteParticipantTokens } from '../storage/tokens';
import { participantOf } from './participants';

export async function eraseParticipant(db: D1Database, programmeId: string, participantId: string, now = new Date().toISOString()) {
  await participantOf(db, programmeId, participantId);
  const pairs = await listMemberPairIds(db, participantId);
  const sessionIds = await listAnsweredSessionIds(db, participantId);
  // One tombstone per pair, so an erased person's pairs cannot be linked to each other.
  const tombstones = await Promise.all(
    pairs.map(async (pair) => ({ pair, id: newId(), inviteHash: await sha256Hex(`tombstone:${newId()}`) })),
  );
  await db.batch([
    deleteParticipantResponses(db, participantId),
    // Their private checks, their requests (with their words) and their sharing choices go with them.
    deleteParticipantChecks(db, participantId),
    deleteParticipantRequests(db, participantId),
    deleteParticipantSharing(db, participantId),
    deleteParticipantTokens(db, participantId),
    ...tombstones.flatMap(({ pair, id, inviteHash }) => [
      insertTombstone(db, pair.programme_id, id, inviteHash, now),
      replacePairMember(db, pair.id, participantId, id),
    ]),
    deleteParticipant(db, participantId),
    ...refreshManySessionRollups(db, sessionIds),
    // The tombstone changes names and attributes in every pair and period of the person.
    ...(pairs.length ? [enqueuePairs(db, programmeId, pairs.map((p) => p.id))] : []),
    invalidateAllCulture(db, programmeId),
  ]);
  await drainQueue(db, programmeId);
  return { erased: true as const, pairs: pairs.length, responses: sessionIds.length };
}
