// One live answer is checked and written in a single D1 batch (one round trip):
// the first statement reads what the checks need, and every write carries the
// same checks as a SQL guard, so a refused answer writes nothing. The domain
// (worker/domain/responses.ts) turns the context row into the HTTP answer;
// the guard below must admit exactly what those checks admit.
import type { ResponseWrite } from './responses';

/** What identifies the answer and bounds its session's times. */
export interface Admission {
  pairId: string;
  programmeId: string;
  participantId: string;
  sessionId: string;
  responseId: string;
  /** A session starting later than this is in the future (ISO time). */
  latestStart: string;
  /** A session ending before this has expired (ISO time). */
  earliestEnd: string;
  /**
   * The times this member reports. The answer is checked against these, never
   * against the stored session's (another member's first report), and they
   * become the session's times only if the session is not stored yet.
   */
  start: string;
  end: string;
  /** The caller's token hash: the answer is refused if the token was revoked meanwhile (null: not checked). */
  tokenHash: string | null;
}

/** The state the checks are made against, as it was when the batch began. */
export interface AnswerContext {
  pair_programme_id: string | null;
  a_id: string | null;
  b_id: string | null;
  starts_on: string | null;
  ends_on: string | null;
  previous_session_id: string | null;
  previous_participant_id: string | null;
  /** 1 while the caller's token exists (or none is checked). */
  token_live: 0 | 1;
  token_revoked_reason: 'access_reset' | 'token_revoked' | 'token_rotated' | null;
}

// ?1…?10 are the Admission fields, in this order, in both guarded writes.
const admissionValues = (a: Admission) => [
  a.pairId, a.programmeId, a.participantId, a.sessionId, a.responseId, a.latestStart, a.earliestEnd, a.start, a.end, a.tokenHash,
];

const CONTEXT = `SELECT p.programme_id AS pair_programme_id, p.a_id, p.b_id, p.starts_on, p.ends_on,
    r.session_id AS previous_session_id, r.participant_id AS previous_participant_id,
    (?3 IS NULL OR EXISTS (SELECT 1 FROM tokens WHERE hash = ?3)) AS token_live,
    (SELECT reason FROM revoked_tokens WHERE hash = ?3) AS token_revoked_reason
  FROM (SELECT 1)
  LEFT JOIN pairs p ON p.id = ?1
  LEFT JOIN responses r ON r.id = ?2`;

// Times are compared as text: every stored and bound time is a normalised ISO-8601 UTC string,
// and its first 10 characters are its UTC day. The answer window and the enrolment are
// checked on this member's own reported times (session-bounds.ts says why).
const ADMITTED = `EXISTS (SELECT 1 FROM pairs p WHERE p.id = ?1 AND p.programme_id = ?2 AND ?3 IN (p.a_id, p.b_id)
    AND substr(?8, 1, 10) >= p.starts_on AND (p.ends_on IS NULL OR substr(?8, 1, 10) <= p.ends_on))
  AND ?8 <= ?6
  AND ?9 >= ?7
  AND NOT EXISTS (SELECT 1 FROM responses WHERE id = ?5 AND (participant_id != ?3 OR session_id != ?4))
  AND (?10 IS NULL OR EXISTS (SELECT 1 FROM tokens WHERE hash = ?10 AND participant_id = ?3))`;

export function readAnswerContext(db: D1Database, a: Admission) {
  return db.prepare(CONTEXT).bind(a.pairId, a.responseId, a.tokenHash);
}

/** Creates the session if the answer is admitted; the first report's times are kept for display. */
export function insertAdmittedSession(db: D1Database, a: Admission, eventKey: string, now: string) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       SELECT ?4, ?2, ?1, ?11, ?8, ?9, substr(?8, 1, 7), ?12 WHERE ${ADMITTED}`,
    )
    .bind(...admissionValues(a), eventKey, now);
}

/**
 * The answer upsert of storage/responses.ts, if the answer is admitted.
 * RETURNING revision: 1 when created, more when replaced, no row when a newer
 * stored answer was kept or the answer was refused.
 */
export function upsertAdmittedResponse(db: D1Database, a: Admission, r: Omit<ResponseWrite, 'id' | 'sessionId' | 'participantId'>) {
  return db
    .prepare(
      `INSERT INTO responses (id, session_id, participant_id, happened, value, learned, openness, autonomy, topics, answered_at)
       SELECT ?5, ?4, ?3, ?11, ?12, ?13, ?14, ?15, ?16, ?17 WHERE ${ADMITTED}
       ON CONFLICT (session_id, participant_id) DO UPDATE SET
         id = excluded.id, happened = excluded.happened, value = excluded.value, learned = excluded.learned,
         openness = excluded.openness, autonomy = excluded.autonomy, topics = excluded.topics,
         answered_at = excluded.answered_at, revision = responses.revision + 1
       WHERE excluded.answered_at >= responses.answered_at
       RETURNING revision`,
    )
    .bind(...admissionValues(a), r.happened, r.value, r.learned, r.openness, r.autonomy, r.topics, r.answeredAt);
}
