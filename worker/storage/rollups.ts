// Incremental rollups. After any change to a session's responses, these
// statements rebuild that session's per-member columns and its pair-month row.
// They go in the same D1 batch as the write, so a failed batch leaves no
// partial rollup behind, and analytics never need to read raw responses.
import { HAPPENED_NOT_A_SESSION } from './responses';

// A "not a mentoring session" answer (happened = 2) is no answer about the
// session: it never reaches the member's columns.
const ABOUT_THE_SESSION = `happened != ${HAPPENED_NOT_A_SESSION}`;

const memberColumns = (side: 'a' | 'b', where = 'id = ?1') =>
  `UPDATE sessions SET (${side}_happened, ${side}_value, ${side}_learned, ${side}_openness, ${side}_autonomy, ${side}_topics) = (
     SELECT r.happened, r.value, r.learned, r.openness, r.autonomy, r.topics
     FROM responses r
     WHERE r.session_id = sessions.id AND r.${ABOUT_THE_SESSION}
       AND r.participant_id = (SELECT ${side}_id FROM pairs WHERE pairs.id = sessions.pair_id)
   )
   WHERE ${where}`;

const REBUILD_SESSION_A = memberColumns('a');
const REBUILD_SESSION_B = memberColumns('b');

// shared/metrics/README.md: a session that a member called "not a mentoring
// session", and that no member answered as held, counts nowhere. Runs after
// the member columns, before the pair-month rebuild (which leaves it out).
const markNotASession = (where: string) => `UPDATE sessions SET not_a_session = (
     EXISTS (SELECT 1 FROM responses r WHERE r.session_id = sessions.id AND r.happened = ${HAPPENED_NOT_A_SESSION})
     AND COALESCE(a_happened, 0) != 1 AND COALESCE(b_happened, 0) != 1)
   WHERE ${where}`;
const MARK_NOT_A_SESSION = markNotASession('id = ?1');

// shared/metrics/README.md, "Sessions: held, missed, unknown": held if anyone said it happened; missed if someone said
// it did not and nobody said it did. Topic counts use the union of both answers.
const HELD = '(COALESCE(s.a_happened, 0) = 1 OR COALESCE(s.b_happened, 0) = 1)';
const TOPICS_UNION = '(COALESCE(s.a_topics, 0) | COALESCE(s.b_topics, 0))';
const topicCount = (bit: number) => `SUM(${HELD} AND (${TOPICS_UNION} & ${1 << bit}) != 0)`;
// shared/metrics/README.md, "Not asked": nobody answered and at least one member was not asked.
// HELD above leaves these out; pair_months counts them in their own columns.
const HELD_NOT_ASKED = '(s.a_happened IS NULL AND s.b_happened IS NULL AND (s.a_asked = 0 OR s.b_asked = 0))';
const NOT_ASKED_SLOTS = '((s.a_happened IS NULL AND s.a_asked = 0) + (s.b_happened IS NULL AND s.b_asked = 0))';

const CLEAR_PAIR_MONTH = `DELETE FROM pair_months
  WHERE pair_id = (SELECT pair_id FROM sessions WHERE id = ?1)
    AND month = (SELECT month FROM sessions WHERE id = ?1)`;

const pairMonthRebuild = (where: string) => `INSERT INTO pair_months (
    programme_id, pair_id, month, sessions, held, missed, responses,
    a_value_sum, a_value_n, b_value_sum, b_value_n,
    a_learned_yes, a_learned_n, b_learned_yes, b_learned_n,
    mutual_yes, mutual_n, openness_yes, openness_n, autonomy_sum, autonomy_n,
    deep_sessions, topic_sessions,
    topic_tools, topic_ways_of_working, topic_strategy, topic_customers_markets,
    topic_culture_perspectives, topic_career, last_held_at,
    held_not_asked, not_asked_slots, last_held_not_asked_at)
  SELECT s.programme_id, s.pair_id, s.month,
    COUNT(*),
    COALESCE(SUM(${HELD}), 0),
    COALESCE(SUM(NOT ${HELD} AND (s.a_happened = 0 OR s.b_happened = 0)), 0),
    COALESCE(SUM((s.a_happened IS NOT NULL) + (s.b_happened IS NOT NULL)), 0),
    COALESCE(SUM(s.a_value), 0), COUNT(s.a_value),
    COALESCE(SUM(s.b_value), 0), COUNT(s.b_value),
    COALESCE(SUM(s.a_learned), 0), COUNT(s.a_learned),
    COALESCE(SUM(s.b_learned), 0), COUNT(s.b_learned),
    COALESCE(SUM(s.a_learned = 1 AND s.b_learned = 1), 0),
    COALESCE(SUM(s.a_learned IS NOT NULL AND s.b_learned IS NOT NULL), 0),
    COALESCE(SUM(s.a_openness), 0) + COALESCE(SUM(s.b_openness), 0),
    COUNT(s.a_openness) + COUNT(s.b_openness),
    COALESCE(SUM(s.a_autonomy), 0) + COALESCE(SUM(s.b_autonomy), 0),
    COUNT(s.a_autonomy) + COUNT(s.b_autonomy),
    COALESCE(SUM(${HELD} AND (${TOPICS_UNION} & ~1) != 0), 0),
    COALESCE(SUM(${HELD} AND ${TOPICS_UNION} != 0), 0),
    COALESCE(${topicCount(0)}, 0), COALESCE(${topicCount(1)}, 0), COALESCE(${topicCount(2)}, 0),
    COALESCE(${topicCount(3)}, 0), COALESCE(${topicCount(4)}, 0), COALESCE(${topicCount(5)}, 0),
    MAX(CASE WHEN ${HELD} THEN s.start_at END),
    COALESCE(SUM(${HELD_NOT_ASKED}), 0), COALESCE(SUM(${NOT_ASKED_SLOTS}), 0),
    MAX(CASE WHEN ${HELD_NOT_ASKED} THEN s.start_at END)
  FROM sessions s
  WHERE (${where}) AND s.not_a_session = 0
  GROUP BY s.programme_id, s.pair_id, s.month`;

const REBUILD_PAIR_MONTH = pairMonthRebuild(
  's.pair_id = (SELECT pair_id FROM sessions WHERE id = ?1) AND s.month = (SELECT month FROM sessions WHERE id = ?1)',
);

/**
 * The statements that bring one session's rollups up to date with its
 * responses. Append them to the batch that wrote the responses.
 */
export function refreshSessionRollups(db: D1Database, sessionId: string): D1PreparedStatement[] {
  return [REBUILD_SESSION_A, REBUILD_SESSION_B, MARK_NOT_A_SESSION, CLEAR_PAIR_MONTH, REBUILD_PAIR_MONTH].map((sql) =>
    db.prepare(sql).bind(sessionId),
  );
}

// Bulk variants for imports: ?1 is a JSON array of session ids. Each distinct
// pair-month is cleared and rebuilt once, however many of its sessions changed.
const IN_SESSIONS = 'id IN (SELECT value FROM json_each(?1))';
const TOUCHED_PAIR_MONTHS = `SELECT DISTINCT pair_id, month FROM sessions WHERE ${IN_SESSIONS}`;
const CLEAR_PAIR_MONTHS = `DELETE FROM pair_months WHERE (pair_id, month) IN (${TOUCHED_PAIR_MONTHS})`;
const REBUILD_PAIR_MONTHS = pairMonthRebuild(
  `s.pair_id IN (SELECT pair_id FROM sessions WHERE ${IN_SESSIONS}) AND (s.pair_id, s.month) IN (${TOUCHED_PAIR_MONTHS})`,
);
// Both members' columns and the "not a mentoring session" mark in one pass over
// the sessions (one pair lookup and one row rewrite per session instead of
// three): it is a hot statement of the history import. The mark is
// markNotASession's rule on the columns just read.
const REBUILD_SESSIONS_BOTH = `UPDATE sessions SET
    (a_happened, a_value, a_learned, a_openness, a_autonomy, a_topics,
     b_happened, b_value, b_learned, b_openness, b_autonomy, b_topics, not_a_session) = (
     SELECT ra.happened, ra.value, ra.learned, ra.openness, ra.autonomy, ra.topics,
            rb.happened, rb.value, rb.learned, rb.openness, rb.autonomy, rb.topics,
            EXISTS (SELECT 1 FROM responses r WHERE r.session_id = sessions.id AND r.happened = ${HAPPENED_NOT_A_SESSION})
              AND COALESCE(ra.happened, 0) != 1 AND COALESCE(rb.happened, 0) != 1
     FROM pairs p
     LEFT JOIN responses ra ON ra.session_id = sessions.id AND ra.participant_id = p.a_id AND ra.${ABOUT_THE_SESSION}
     LEFT JOIN responses rb ON rb.session_id = sessions.id AND rb.participant_id = p.b_id AND rb.${ABOUT_THE_SESSION}
     WHERE p.id = sessions.pair_id
   )
   WHERE ${IN_SESSIONS}`;

/**
 * The statements that bring many sessions' rollups up to date at once; the
 * same as calling refreshSessionRollups for each, with each pair-month rebuilt once.
 */
export function refreshManySessionRollups(db: D1Database, sessionIds: readonly string[]): D1PreparedStatement[] {
  if (sessionIds.length === 0) return [];
  const ids = JSON.stringify([...new Set(sessionIds)]);
  return [REBUILD_SESSIONS_BOTH, CLEAR_PAIR_MONTHS, REBUILD_PAIR_MONTHS].map((sql) =>
    db.prepare(sql).bind(ids),
  );
}
