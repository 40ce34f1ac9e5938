// The tokens table: SHA-256 hashes of bearer tokens and what they may do, and
// revoked_tokens: the hashes of tokens that no longer work, with the reason.

export type TokenRole = 'coordinator' | 'sponsor' | 'participant';

import type { RevocationReason } from '../domain/errors';
export type { RevocationReason };

export interface TokenRow {
  role: TokenRole;
  programme_id: string;
  participant_id: string | null;
  /** Server time from which a participant token may read its answers; null = all of them. */
  reads_from: string | null;
}

/** The live token of a hash, or, when it was revoked, why. */
export interface TokenLookup extends Partial<TokenRow> {
  revoked_reason: RevocationReason | null;
}

export function findTokenByHash(db: D1Database, hash: string) {
  return db
    .prepare(
      `SELECT t.role, t.programme_id, t.participant_id, t.reads_from,
              (SELECT reason FROM revoked_tokens WHERE hash = ?1) AS revoked_reason
       FROM (SELECT 1) LEFT JOIN tokens t ON t.hash = ?1`,
    )
    .bind(hash)
    .first<TokenLookup>();
}

export function insertToken(
  db: D1Database,
  token: { hash: string; role: TokenRole; programmeId: string; participantId?: string | null },
  now: string,
) {
  return db
    .prepare('INSERT INTO tokens (hash, role, programme_id, participant_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(token.hash, token.role, token.programmeId, token.participantId ?? null, now);
}

export function deleteParticipantTokens(db: D1Database, participantId: string) {
  return db.prepare('DELETE FROM tokens WHERE participant_id = ?1').bind(participantId);
}

/** Records the hashes of a participant's tokens as revoked (run before deleting them, in one batch). */
export function recordParticipantTokensRevoked(db: D1Database, participantId: string, reason: RevocationReason, now: string) {
  return db
    .prepare(
      `INSERT OR REPLACE INTO revoked_tokens (hash, role, programme_id, reason, revoked_at)
       SELECT hash, role, programme_id, ?2, ?3 FROM tokens WHERE participant_id = ?1`,
    )
    .bind(participantId, reason, now);
}

/** Records a programme's coordinator or sponsor token as rotated (run before deleting it, in one batch). */
export function recordProgrammeTokenRotated(db: D1Database, programmeId: string, role: 'coordinator' | 'sponsor', now: string) {
  return db
    .prepare(
      `INSERT OR REPLACE INTO revoked_tokens (hash, role, programme_id, reason, revoked_at)
       SELECT hash, role, programme_id, 'token_rotated', ?3 FROM tokens WHERE programme_id = ?1 AND role = ?2`,
    )
    .bind(programmeId, role, now);
}

export function deleteProgrammeToken(db: D1Database, programmeId: string, role: 'coordinator' | 'sponsor') {
  return db.prepare('DELETE FROM tokens WHERE programme_id = ?1 AND role = ?2').bind(programmeId, role);
}
