// The pair_sharing table (worker/migrations/0008_pair_loop.sql): each member's
// choice to share the pair's joint summary, the latest change winning.

export interface SharingRow {
  pair_id: string;
  participant_id: string;
  joint_summary: 0 | 1;
}

/** Both members' choices for the given pairs. */
export async function listSharingOfPairs(db: D1Database, pairIds: readonly string[]) {
  if (pairIds.length === 0) return [];
  const { results } = await db
    .prepare('SELECT pair_id, participant_id, joint_summary FROM pair_sharing WHERE pair_id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(pairIds))
    .all<SharingRow>();
  return results;
}

export function deleteParticipantSharing(db: D1Database, participantId: string) {
  return db.prepare('DELETE FROM pair_sharing WHERE participant_id = ?1').bind(participantId);
}
