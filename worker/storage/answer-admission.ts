// One live answer is checked and written in a single D1 batch (one round trip):
// the first statement reads what the admission rules need, and every write
// carries the same rules as a SQL guard, so a refused answer writes nothing.
// The rules and their refusals are the domain's (worker/domain/admission.ts);
// the guard is built from them by name.
import { ANSWER_GUARD, type AdmissionFacts, type GuardRule } from '../domain/admission';
import type { PairRow } from './pairs';
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

// ?1…?10 are the Admission fields, in this order, in every guarded statement.
const admissionValues = (a: Admission) => [
  a.pairId, a.programmeId, a.participantId, a.sessionId, a.responseId, a.latestStart, a.earliestEnd, a.start, a.end, a.tokenHash,
];

const CONTEXT = `SELECT p.programme_id AS pair_programme_id, p.a_id, p.b_id, p.starts_on, p.ends_on,
    r.session_id AS previous_session_id, r.participant_id AS previous_participant_id,
    (?3 IS NULL OR EXISTS (SELECT 1 FROM tokens WHERE hash = ?3 AND participant_id = ?4)) AS token_live,
    (SELECT reason FROM revoked_tokens WHERE hash = ?3) AS token_revoked_reason
  FROM (SELECT 1)
  LEFT JOIN pairs p ON p.id = ?1
  LEFT JOIN responses r ON r.id = ?2`;

type PairColumns = Pick<PairRow, 'programme_id' | 'a_id' | 'b_id' | 'starts_on' | 'ends_on'>;

/** A pair row as the admission rules read it (worker/domain/admission.ts). */
export function pairFacts(row: PairColumns | null): AdmissionFacts['pair'] {
  return row && { programmeId: row.programme_id, aId: row.a_id, bId: row.b_id, startsOn: row.starts_on, endsOn: row.ends_on };
}

/** The context row as the admission rules read it. */
export function admissionFacts(context: AnswerContext): AdmissionFacts {
  // A pair row is there when its programme is: every other pair column is then set.
  const pair = context.pair_programme_id === null
    ? null
    : pairFacts({ ...context, programme_id: context.pair_programme_id } as PairColumns);
  const previous = context.previous_session_id === null
    ? null
    : { sessionId: context.previous_session_id, participantId: context.previous_participant_id! };
  return { pair, previous, token: { live: context.token_live === 1, revokedReason: context.token_revoked_reason } };
}

// Each admission rule as a SQL condition over the Admission fields and the pair
// `p` (NULL when there is none), under the rule's name in the domain. Times are
// compared as text: every stored and bound time is a normalised ISO-8601 UTC
// string, and its first 10 characters are its UTC day.
const RULE_SQL: Record<GuardRule, string> = {
  token_live: '?10 IS NULL OR EXISTS (SELECT 1 FROM tokens WHERE hash = ?10 AND participant_id = ?3)',
  pair_exists: 'p.id IS NOT NULL',
  pair_member: 'p.id IS NULL OR (p.programme_id = ?2 AND ?3 IN (p.a_id, p.b_id))',
  session_started: '?8 <= ?6',
  answer_in_time: '?9 >= ?7',
  enrolment: 'p.id IS NULL OR (substr(?8, 1, 10) >= p.starts_on AND (p.ends_on IS NULL OR substr(?8, 1, 10) <= p.ends_on))',
  response_id_free: 'NOT EXISTS (SELECT 1 FROM responses WHERE id = ?5 AND (participant_id != ?3 OR session_id != ?4))',
};

/** `FROM … WHERE …`: one row when every rule holds, none otherwise. */
function guard(rules: readonly GuardRule[]): string {
  return `FROM (SELECT 1) LEFT JOIN pairs p ON p.id = ?1 WHERE ${rules.map((rule) => `(${RULE_SQL[rule]})`).join(' AND ')}`;
}
const WHEN_ADMITTED = guard(ANSWER_GUARD);

/** A row `{admitted: 1}` when the rules hold for this admission, none otherwise. */
export function admittedBy(db: D1Database, rules: readonly GuardRule[], a: Admission) {
  const sql = `SELECT 1 AS admitted ${guard(rules)}`;
  // D1 wants exactly as many values as the highest ?N the statement names.
  const used = Math.max(...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
  return db.prepare(sql).bind(...admissionValues(a).slice(0, used));
}

export function readAnswerContext(db: D1Database, a: Admission) {
  return db.prepare(CONTEXT).bind(a.pairId, a.responseId, a.tokenHash, a.participantId);
}

/** Creates the session if the answer is admitted; the first report's times are kept for display. */
export function insertAdmittedSession(db: D1Database, a: Admission, eventKey: string, now: string) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       SELECT ?4, ?2, ?1, ?11, ?8, ?9, substr(?8, 1, 7), ?12 ${WHEN_ADMITTED}`,
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
       SELECT ?5, ?4, ?3, ?11, ?12, ?13, ?14, ?15, ?16, ?17 ${WHEN_ADMITTED}
       ON CONFLICT (session_id, participant_id) DO UPDATE SET
         id = excluded.id, happened = excluded.happened, value = excluded.value, learned = excluded.learned,
         openness = excluded.openness, autonomy = excluded.autonomy, topics = excluded.topics,
         answered_at = excluded.answered_at, revision = responses.revision + 1
       WHERE excluded.answered_at >= responses.answered_at
       RETURNING revision`,
    )
    .bind(...admissionValues(a), r.happened, r.value, r.learned, r.openness, r.autonomy, r.topics, r.answeredAt);
}
