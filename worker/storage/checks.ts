// The pair_checks table (worker/migrations/0008_pair_loop.sql): one private
// answer per (pair, member, kind, milestone) about the pairing itself. Only the
// member's own reads and the aggregates under k read it (SECURITY.md).

export type CheckKind = 'fit' | 'milestone' | 'closing';

export interface CheckWrite {
  id: string;
  programmeId: string;
  pairId: string;
  participantId: string;
  kind: CheckKind;
  /** The check's day after the pair's start; 0 for fit and closing. */
  milestone: number;
  fit: string | null;
  worthwhile: string | null;
  pace: string | null;
  again: string | null;
  changedMask: number | null;
  answeredAt: string;
  receivedAt: string;
}

/** The answer this write would replace, read in the write's batch so the outcome matches what the upsert saw. */
export function findCheckAt(db: D1Database, write: CheckWrite) {
  return db
    .prepare('SELECT id FROM pair_checks WHERE pair_id = ?1 AND participant_id = ?2 AND kind = ?3 AND milestone = ?4')
    .bind(write.pairId, write.participantId, write.kind, write.milestone);
}

/** A later answer replaces the stored one; an older one (by answered_at) changes nothing and returns no row. */
export function upsertCheck(db: D1Database, w: CheckWrite) {
  return db
    .prepare(
      `INSERT INTO pair_checks (id, programme_id, pair_id, participant_id, kind, milestone, fit, worthwhile, pace, again,
                                changed_mask, answered_at, received_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
       ON CONFLICT (pair_id, participant_id, kind, milestone) DO UPDATE SET
         id = excluded.id, fit = excluded.fit, worthwhile = excluded.worthwhile, pace = excluded.pace,
         again = excluded.again, changed_mask = excluded.changed_mask, answered_at = excluded.answered_at,
         received_at = excluded.received_at
       WHERE excluded.answered_at >= pair_checks.answered_at
       RETURNING id`,
    )
    .bind(w.id, w.programmeId, w.pairId, w.participantId, w.kind, w.milestone, w.fit, w.worthwhile, w.pace, w.again,
      w.changedMask, w.answeredAt, w.receivedAt);
}

export interface AnsweredCheck {
  pair_id: string;
  kind: CheckKind;
  milestone: number;
}

/** Which checks the person has answered, never what they said: enough to know what to ask next. */
export function answeredChecksStatement(db: D1Database, participantId: string) {
  return db.prepare('SELECT pair_id, kind, milestone FROM pair_checks WHERE participant_id = ?1').bind(participantId);
}

/** The pairs on which the person has answered that a session was held. */
export function pairsWithHeldAnswerStatement(db: D1Database, participantId: string) {
  return db
    .prepare(
      `SELECT DISTINCT s.pair_id FROM responses r JOIN sessions s ON s.id = r.session_id
       WHERE r.participant_id = ?1 AND r.happened = 1`,
    )
    .bind(participantId);
}

export function deleteParticipantChecks(db: D1Database, participantId: string) {
  return db.prepare('DELETE FROM pair_checks WHERE participant_id = ?1').bind(participantId);
}
