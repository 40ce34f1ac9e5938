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

/** An answer as the bulk statements bind it: one JSON array per row, no repeated keys. */
export const responseTuple = (r: ResponseWrite) =>
  [r.id, r.sessionId, r.participantId, r.happened, r.value, r.learned, r.openness, r.autonomy, r.topics, r.answeredAt];

/**
 * Many answers in one statement for the history import (?1 is a JSON array of
 * responseTuple rows, the same string findLiveAnswersAmong reads). It fills
 * gaps and replaces only its own earlier imports: an imported answer's id
 * derives from (session, participant), so a stored row with another id was
 * given live and is kept. A stored import that says the same thing keeps its
 * revision, so replaying a file changes nothing. received_at is set here
 * rather than by the insert trigger, which would write each new row twice.
 */
export function upsertResponses(db: D1Database, rowsJson: string) {
  return db
    .prepare(
      `INSERT INTO responses (id, session_id, participant_id, happened, value, learned, openness, autonomy, topics, answered_at, received_at)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6,
              j.value ->> 7, j.value ->> 8, j.value ->> 9, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       FROM json_each(?1) j WHERE true
       ON CONFLICT (session_id, participant_id) DO UPDATE SET
         happened = excluded.happened, value = excluded.value, learned = excluded.learned,
         openness = excluded.openness, autonomy = excluded.autonomy, topics = excluded.topics,
         answered_at = excluded.answered_at, revision = responses.revision + 1
       WHERE responses.id = excluded.id
         AND (responses.happened, responses.value, responses.learned, responses.openness, responses.autonomy, responses.topics)
         IS NOT (excluded.happened, excluded.value, excluded.learned, excluded.openness, excluded.autonomy, excluded.topics)`,
    )
    .bind(rowsJson);
}

/**
 * Which of these imported answers meet a live one (a stored answer for the same
 * session and participant under another id), which the import keeps. Run in
 * the import's batch before its upsert, so it sees what the upsert will see.
 */
export function findLiveAnswersAmong(db: D1Database, rowsJson: string) {
  return db
    .prepare(
      `SELECT r.session_id, r.participant_id
       FROM json_each(?1) j
       JOIN responses r ON r.session_id = j.value ->> 1 AND r.participant_id = j.value ->> 2
       WHERE r.id != j.value ->> 0`,
    )
    .bind(rowsJson);
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
export function ownResponsesStatement(db: D1Database, participantId: string, receivedFrom: string | null = null, limit = 500) {
  return db
    .prepare(
      `SELECT r.id, s.pair_id, s.event_key, s.start_at, s.end_at, r.happened, r.value, r.learned, r.openness,
              r.autonomy, r.topics, r.answered_at, r.revision
       FROM responses r JOIN sessions s ON s.id = r.session_id
       WHERE r.participant_id = ?1 AND (?3 IS NULL OR r.received_at >= ?3) ORDER BY s.start_at DESC LIMIT ?2`,
    )
    .bind(participantId, limit, receivedFrom);
}

export async function listOwnResponses(db: D1Database, participantId: string, receivedFrom: string | null = null, limit = 500) {
  const { results } = await ownResponsesStatement(db, participantId, receivedFrom, limit).all<OwnResponseRow>();
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
