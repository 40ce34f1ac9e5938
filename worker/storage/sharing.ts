// The pair_sharing and pair_tips_shown tables (worker/migrations/0008_pair_loop.sql):
// each member's choice to share the pair's joint summary, and the tips the
// pair's members were shown.
import { FLAGS, type FlagName } from '../../shared/vocabulary';

export interface SharingRow {
  pair_id: string;
  participant_id: string;
  joint_summary: 0 | 1;
  changed_at: string;
}

/**
 * Records a member's choice unless a later one is already stored: an older
 * retry from the outbox is kept out, and of two choices made at the same
 * instant, opting out wins.
 */
export function upsertSharing(db: D1Database, pairId: string, participantId: string, on: boolean, changedAt: string) {
  return db
    .prepare(
      `INSERT INTO pair_sharing (pair_id, participant_id, joint_summary, changed_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (pair_id, participant_id) DO UPDATE SET joint_summary = excluded.joint_summary, changed_at = excluded.changed_at
       WHERE excluded.changed_at > pair_sharing.changed_at
          OR (excluded.changed_at = pair_sharing.changed_at AND excluded.joint_summary < pair_sharing.joint_summary)`,
    )
    .bind(pairId, participantId, on ? 1 : 0, changedAt);
}

export function readSharing(db: D1Database, pairId: string) {
  return db.prepare('SELECT pair_id, participant_id, joint_summary, changed_at FROM pair_sharing WHERE pair_id = ?1').bind(pairId);
}

/** Both members' choices for each pair of one member (GET /me). */
export function sharingOfMemberPairsStatement(db: D1Database, memberId: string) {
  return db
    .prepare(
      `SELECT pair_id, participant_id, joint_summary, changed_at FROM pair_sharing
       WHERE pair_id IN (SELECT id FROM pairs WHERE a_id = ?1 OR b_id = ?1)`,
    )
    .bind(memberId);
}

export function deleteParticipantSharing(db: D1Database, participantId: string) {
  return db.prepare('DELETE FROM pair_sharing WHERE participant_id = ?1').bind(participantId);
}

/** Notes that the pair's members were shown these flags' tips on `day` (a whole UTC day, YYYY-MM-DD). */
export function recordTipsShown(db: D1Database, pairId: string, flags: readonly FlagName[], day: string) {
  return db
    .prepare(
      `INSERT INTO pair_tips_shown (pair_id, flag, first_shown_on, last_shown_on)
       SELECT ?1, value, ?3, ?3 FROM json_each(?2) WHERE true
       ON CONFLICT (pair_id, flag) DO UPDATE SET
         first_shown_on = min(pair_tips_shown.first_shown_on, excluded.first_shown_on),
         last_shown_on = max(pair_tips_shown.last_shown_on, excluded.last_shown_on)`,
    )
    .bind(pairId, JSON.stringify(flags), day);
}

export interface TipShownRow { flag: FlagName; first_shown_on: string; last_shown_on: string }

export async function listTipsShown(db: D1Database, pairId: string): Promise<TipShownRow[]> {
  const { results } = await db
    .prepare('SELECT flag, first_shown_on, last_shown_on FROM pair_tips_shown WHERE pair_id = ?1')
    .bind(pairId)
    .all<TipShownRow>();
  return results.filter((r) => FLAGS.includes(r.flag)).sort((x, y) => FLAGS.indexOf(x.flag) - FLAGS.indexOf(y.flag));
}

/**
 * The pair's flags in its default-window snapshot of `day` (YYYY-MM-DD): null
 * when the pair has no snapshot of that day, or one that a later answer has
 * queued for refreshing.
 */
export async function snapshotFlags(db: D1Database, programmeId: string, pairId: string, day: string): Promise<FlagName[] | null> {
  const row = await db
    .prepare(`SELECT s.listed, s.listed_json FROM pair_snapshots s
      WHERE s.programme_id = ?1 AND s.pair_id = ?2 AND s.as_of = ?3
        AND NOT EXISTS (SELECT 1 FROM snapshot_queue q WHERE q.pair_id = s.pair_id)`)
    .bind(programmeId, pairId, day)
    .first<{ listed: 0 | 1; listed_json: string | null }>();
  if (!row) return null;
  if (row.listed === 0 || row.listed_json === null) return [];
  return (JSON.parse(row.listed_json) as { flags: { flag: FlagName }[] }).flags.map((f) => f.flag);
}
