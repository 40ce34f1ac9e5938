// The responses table: one answer per (session, participant), upserted.

/**
 * responses.happened: 1 held, 0 did not take place, 2 "this wasn't a mentoring
 * session". A 2 is never copied into the session's answer columns; the
 * rollups mark the session instead (storage/rollups.ts).
 */
export const HAPPENED_NOT_A_SESSION = 2;

export interface StoredAnswer {
  happened: 0 | 1 | typeof HAPPENED_NOT_A_SESSION;
  value: number | null;
  learned: 0 | 1 | null;
  openness: 0 | 1 | null;
  autonomy: number | null;
  topics: number | null;
}

export interface ResponseWrite extends StoredAnswer {
  id: string;
  sessionId: string;
  participantId: string;
  answeredAt: string;
}

/**
 * Many answers in one statement (?1 is a JSON array of ResponseWrite) for the
 * history import. It fills gaps and replaces only its own earlier imports: an
 * imported answer's id derives from (session, participant), so a stored row
 * with another id was given live and is kept. A stored import that says the
 * same thing keeps its revision, so replaying a file changes nothing.
 */
export function upsertResponses(db: D1Database, rows: ResponseWrite[]) {
  return db
    .prepare(
      `INSERT INTO responses (id, session_id, participant_id, happened, value, learned, openness, autonomy, topics, answered_at)
       SELECT j.value ->> '$.id', j.value ->> '$.sessionId', j.value ->> '$.participantId', j.value ->> '$.happened',
              j.value ->> '$.value', j.value ->> '$.learned', j.value ->> '$.openness', j.value ->> '$.autonomy',
              j.value ->> '$.topics', j.value ->> '$.answeredAt'
       FROM json_each(?1) j WHERE true
       ON CONFLICT (session_id, participant_id) DO UPDATE SET
         happened = excluded.happened, value = excluded.value, learned = excluded.learned,
         openness = excluded.openness, autonomy = excluded.autonomy, topics = excluded.topics,
         answered_at = excluded.answered_at, revision = responses.revision + 1
       WHERE responses.id = excluded.id
         AND (responses.happened, responses.value, responses.learned, responses.openness, responses.autonomy, responses.topics)
         IS NOT (excluded.happened, excluded.value, excluded.learned, excluded.openness, excluded.autonomy, excluded.topics)`,
    )
    .bind(JSON.stringify(rows));
}

/**
 * Which of these imported answers meet a live one (a stored answer for the same
 * session and participant under another id), which the import keeps. Run in
 * the import's batch before its upsert, so it sees what the upsert will see.
 */
export function findLiveAnswersAmong(db: D1Database, rows: ResponseWrite[]) {
  return db
    .prepare(
      `SELECT j.value ->> '$.sessionId' AS session_id, j.value ->> '$.participantId' AS participant_id
       FROM json_each(?1) j
       JOIN responses r ON r.session_id = j.value ->> '$.sessionId' AND r.participant_id = j.value ->> '$.participantId'
       WHERE r.id != j.value ->> '$.id'`,
    )
    .bind(JSON.stringify(rows));
}

export interface OwnResponseRow extends StoredAnswer {
  id: string;
  pair_id: string;
  event_key: string;
  start_at: string;
  end_at: string;
  answered_at: string;
  revision: number;
}

/** The person's answers, received by the Worker at or after `receivedFrom` (server time) when given. */
export async function listOwnResponses(db: D1Database, participantId: string, receivedFrom: string | null = null, limit = 500) {
  const { results } = await db
    .prepare(
      `SELECT r.id, s.pair_id, s.event_key, s.start_at, s.end_at, r.happened, r.value, r.learned, r.openness,
              r.autonomy, r.topics, r.answered_at, r.revision
       FROM responses r JOIN sessions s ON s.id = r.session_id
       WHERE r.participant_id = ?1 AND (?3 IS NULL OR r.received_at >= ?3) ORDER BY s.start_at DESC LIMIT ?2`,
    )
    .bind(participantId, limit, receivedFrom)
    .all<OwnResponseRow>();
  return results;
}

export async function listAnsweredSessionIds(db: D1Database, participantId: string) {
  const { results } = await db
    .prepare('SELECT session_id FROM responses WHERE participant_id = ?1')
    .bind(participantId)
    .all<{ session_id: string }>();
  return results.map((r) => r.session_id);
}

export function deleteParticipantResponses(db: D1Database, participantId: string) {
  return db.prepare('DELETE FROM responses WHERE participant_id = ?1').bind(participantId);
}
