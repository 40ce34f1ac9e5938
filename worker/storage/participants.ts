// The participants table. Erased members are replaced by tombstone rows
// (erased_at set), which lists of people leave out.

export interface ParticipantRow {
  id: string;
  programme_id: string;
  display_name: string;
  email: string;
  function: string;
  region: string;
  generation: string;
  invite_version: number;
  redeemed_at: string | null;
  access_reset_at: string | null;
}

const COLUMNS = 'id, programme_id, display_name, email, function, region, generation, invite_version, redeemed_at, access_reset_at';

export interface NewParticipantRow {
  id: string;
  displayName: string;
  email: string;
  function: string;
  region: string;
  generation: string;
  inviteHash: string;
}

/** Rows per participants insert: each binds its rows as one JSON string, and D1 caps a bound value at 2 MB. */
export const PARTICIPANTS_PER_STATEMENT = 2000;

/** Adds many participants in as few statements as D1 allows; an email already in the programme is left as it is. */
export function insertParticipantsIfNew(db: D1Database, programmeId: string, rows: NewParticipantRow[], now: string): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += PARTICIPANTS_PER_STATEMENT) {
    statements.push(db
      .prepare(
        `INSERT INTO participants (id, programme_id, display_name, email, function, region, generation, invite_version, invite_hash, created_at)
         SELECT j.value ->> '$.id', ?2, j.value ->> '$.displayName', j.value ->> '$.email', j.value ->> '$.function',
                j.value ->> '$.region', j.value ->> '$.generation', 1, j.value ->> '$.inviteHash', ?3
         FROM json_each(?1) j WHERE true
         ON CONFLICT (programme_id, email) DO NOTHING`,
      )
      .bind(JSON.stringify(rows.slice(i, i + PARTICIPANTS_PER_STATEMENT)), programmeId, now));
  }
  return statements;
}

export async function findParticipantsByEmail(db: D1Database, programmeId: string, emails: string[]) {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM participants
       WHERE programme_id = ?1 AND erased_at IS NULL AND email IN (SELECT value FROM json_each(?2))`,
    )
    .bind(programmeId, JSON.stringify(emails))
    .all<ParticipantRow>();
  return results;
}

export async function listParticipants(db: D1Database, programmeId: string) {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM participants WHERE programme_id = ?1 AND erased_at IS NULL ORDER BY created_at, email`)
    .bind(programmeId)
    .all<ParticipantRow>();
  return results;
}

/** Which of these ids are current (not erased) participants of the programme. */
export async function findMemberIds(db: D1Database, programmeId: string, ids: readonly string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare(`SELECT id FROM participants WHERE programme_id = ?1 AND erased_at IS NULL AND id IN (SELECT value FROM json_each(?2))`)
    .bind(programmeId, JSON.stringify([...new Set(ids)]))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** The statement of findParticipant, for a batch. */
export function participantStatement(db: D1Database, id: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM participants WHERE id = ?1 AND erased_at IS NULL`).bind(id);
}

export function findParticipant(db: D1Database, id: string) {
  return participantStatement(db, id).first<ParticipantRow>();
}

export function findParticipantByInviteHash(db: D1Database, hash: string) {
  return db
    .prepare(`SELECT ${COLUMNS} FROM participants WHERE invite_hash = ?1 AND erased_at IS NULL`)
    .bind(hash)
    .first<ParticipantRow>();
}

/** Marks the invite used; changes nothing (meta.changes = 0) when someone got there first. */
export function markInviteRedeemed(db: D1Database, id: string, inviteHash: string, now: string) {
  return db
    .prepare('UPDATE participants SET redeemed_at = ?3 WHERE id = ?1 AND invite_hash = ?2 AND redeemed_at IS NULL')
    .bind(id, inviteHash, now);
}

/**
 * Notes that the programme took a joined person's access back. Only someone
 * who has joined is marked: before that, no answer of theirs can exist.
 */
export function markAccessReset(db: D1Database, id: string, now: string) {
  return db
    .prepare('UPDATE participants SET access_reset_at = ?2 WHERE id = ?1 AND (redeemed_at IS NOT NULL OR access_reset_at IS NOT NULL)')
    .bind(id, now);
}

export function setInvite(db: D1Database, id: string, version: number, inviteHash: string) {
  return db
    .prepare('UPDATE participants SET invite_version = ?2, invite_hash = ?3, redeemed_at = NULL WHERE id = ?1')
    .bind(id, version, inviteHash);
}

/** A stand-in member with nothing of the erased person in it. */
export function insertTombstone(db: D1Database, programmeId: string, tombstoneId: string, inviteHash: string, now: string) {
  return db
    .prepare(
      `INSERT INTO participants (id, programme_id, display_name, email, invite_version, invite_hash, erased_at, created_at)
       VALUES (?1, ?2, 'Erased participant', ?1 || '@erased.invalid', 0, ?3, ?4, ?4)`,
    )
    .bind(tombstoneId, programmeId, inviteHash, now);
}

export function deleteParticipant(db: D1Database, id: string) {
  return db.prepare('DELETE FROM participants WHERE id = ?1').bind(id);
}
