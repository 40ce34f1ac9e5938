// The sessions table. A session's id is derived from (pairId, eventKey), so
// every writer (either member's extension, the history import) names the same
// occurrence the same way, and creating it is an idempotent insert.
import { base64url } from '../auth/crypto';
import { sha256 } from '../auth/sha256';

export function sessionIdFor(pairId: string, eventKey: string): string {
  return base64url(sha256(`${pairId}\n${eventKey}`).subarray(0, 16));
}

export interface NewSession {
  id: string;
  programmeId: string;
  pairId: string;
  eventKey: string;
  start: string;
  end: string;
}

/** Creates the session unless it exists (the first report's times win). */
export function insertSessionIfNew(db: D1Database, session: NewSession, now: string) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, substr(?5, 1, 7), ?7)`,
    )
    .bind(session.id, session.programmeId, session.pairId, session.eventKey, session.start, session.end, now);
}

/** A session as the bulk insert binds it: one JSON array per row. */
export const sessionTuple = (s: NewSession) => [s.id, s.programmeId, s.pairId, s.eventKey, s.start, s.end];

/** Many sessions in one statement (?1 is a JSON array of sessionTuple rows). */
export function insertSessionsIfNew(db: D1Database, sessionsJson: string, now: string) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, substr(j.value ->> 4, 1, 7), ?2
       FROM json_each(?1) j`,
    )
    .bind(sessionsJson, now);
}

/**
 * Records whether this member was asked about the session (shared/metrics/README.md,
 * "Not asked"); the latest report wins. Run after the session insert, in its batch.
 */
export function markAsked(db: D1Database, sessionId: string, side: 'a' | 'b', asked: boolean) {
  return db.prepare(`UPDATE sessions SET ${side}_asked = ?2 WHERE id = ?1`).bind(sessionId, asked ? 1 : 0);
}
