// Taking credentials back (SECURITY.md, "Credentials: re-issue, revocation,
// rotation"). A token that stops working is deleted and its hash (never the
// token) is kept in revoked_tokens with the reason, in the same batch, so its
// holder gets a 401 that says what happened. No isolate keeps trusting it:
// coordinator and sponsor principals are never cached, and a cached
// participant principal is only used by the answer route, whose write batch
// checks that the token still exists.
import { newToken, sha256Hex } from '../auth/crypto';
import { inviteCodeAndHash, type InviteSecrets } from '../auth/invites';
import { markAccessReset, setInvite } from '../storage/participants';
import { deleteParticipantTokens, deleteProgrammeToken, insertToken, recordParticipantTokensRevoked, recordProgrammeTokenRotated } from '../storage/tokens';
import { findProgramme } from '../storage/programmes';
import { notFound, type RevocationReason } from './errors';
import { participantOf } from './participants';

export type ProgrammeRole = 'coordinator' | 'sponsor';

/** The admin replaces a programme's coordinator or sponsor token; the old one answers 401 token_rotated from now on. */
export async function rotateProgrammeToken(db: D1Database, programmeId: string, role: ProgrammeRole, now = new Date().toISOString()) {
  if (!(await findProgramme(db, programmeId))) throw notFound('programme');
  const token = newToken();
  await db.batch([
    recordProgrammeTokenRotated(db, programmeId, role, now),
    deleteProgrammeToken(db, programmeId, role),
    insertToken(db, { hash: await sha256Hex(token), role, programmeId }, now),
  ]);
  return { role, token };
}

/** Every statement that takes all of a person's tokens back, for one batch. */
function revokeAll(db: D1Database, participantId: string, reason: RevocationReason, now: string) {
  return [
    recordParticipantTokensRevoked(db, participantId, reason, now),
    deleteParticipantTokens(db, participantId),
    // Whoever joins next reads only the answers given from then on.
    markAccessReset(db, participantId, now),
  ];
}

/**
 * A coordinator signs all of a person's devices out without erasing anything;
 * the person re-joins with a re-issued invite. Repeating it revokes nothing more.
 */
export async function revokeDevices(db: D1Database, programmeId: string, participantId: string, now = new Date().toISOString()) {
  await participantOf(db, programmeId, participantId);
  const [, deleted] = await db.batch(revokeAll(db, participantId, 'token_revoked', now));
  return { revoked: deleted?.meta.changes ?? 0 };
}

/**
 * A fresh invite code (the previous one stops working). For someone who has
 * joined, it also revokes all of their tokens at once (401 access_reset), so a
 * re-issued code can never be a second, silent way into their account.
 */
export async function reissueInvite(db: D1Database, secrets: InviteSecrets, programmeId: string, participantId: string, now = new Date().toISOString()) {
  const row = await participantOf(db, programmeId, participantId);
  const version = row.invite_version + 1;
  const { code, hash } = await inviteCodeAndHash(secrets, row.id, version);
  await db.batch([...revokeAll(db, row.id, 'access_reset', now), setInvite(db, row.id, version, hash)]);
  return { inviteCode: code };
}
