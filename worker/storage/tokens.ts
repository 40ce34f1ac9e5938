// The tokens table: SHA-256 hashes of bearer tokens and what they may do.

export type TokenRole = 'coordinator' | 'sponsor' | 'participant';

export interface TokenRow {
  role: TokenRole;
  programme_id: string;
  participant_id: string | null;
}

export function findTokenByHash(db: D1Database, hash: string) {
  return db
    .prepare('SELECT role, programme_id, participant_id FROM tokens WHERE hash = ?1')
    .bind(hash)
    .first<TokenRow>();
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
