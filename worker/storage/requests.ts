// The support_requests table (worker/migrations/0008_pair_loop.sql): rematch
// and contact requests a member sent by choice. Only the sender (their own,
// without the message) and the programme's coordinators read them; no metric does.

export interface RequestWrite {
  id: string;
  programmeId: string;
  participantId: string;
  pairId: string | null;
  kind: 'rematch' | 'contact';
  urgency: string | null;
  message: string | null;
  createdAt: string;
}

/** Stores a new request; an id already stored is left as it is (a replay answers the stored request). */
export function insertRequestIfNew(db: D1Database, r: RequestWrite) {
  return db
    .prepare(
      `INSERT INTO support_requests (id, programme_id, participant_id, pair_id, kind, urgency, message, status, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    )
    .bind(r.id, r.programmeId, r.participantId, r.pairId, r.kind, r.urgency, r.message, r.createdAt);
}

export interface RequestRow {
  id: string;
  programme_id: string;
  participant_id: string;
  pair_id: string | null;
  kind: 'rematch' | 'contact';
  urgency: 'whenever' | 'this_week' | 'urgent' | null;
  message: string | null;
  status: 'open' | 'handled';
  created_at: string;
  handled_at: string | null;
}

const COLUMNS = 'id, programme_id, participant_id, pair_id, kind, urgency, message, status, created_at, handled_at';

export function findRequest(db: D1Database, id: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM support_requests WHERE id = ?1`).bind(id);
}

/** The person's own requests, newest first. */
export function ownRequestsStatement(db: D1Database, participantId: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM support_requests WHERE participant_id = ?1 ORDER BY created_at DESC, id`).bind(participantId);
}

export interface QueuedRequestRow extends RequestRow {
  from_name: string;
  from_email: string;
  partner_id: string | null;
  partner_name: string | null;
  cohort: string | null;
}

const QUEUE = `SELECT r.id, r.programme_id, r.participant_id, r.pair_id, r.kind, r.urgency, r.message, r.status, r.created_at,
         r.handled_at, s.display_name AS from_name, s.email AS from_email, p.cohort,
         CASE WHEN p.a_id = r.participant_id THEN p.b_id ELSE p.a_id END AS partner_id, o.display_name AS partner_name
       FROM support_requests r
       JOIN participants s ON s.id = r.participant_id
       LEFT JOIN pairs p ON p.id = r.pair_id
       LEFT JOIN participants o ON o.id = CASE WHEN p.a_id = r.participant_id THEN p.b_id ELSE p.a_id END`;

/** The programme's queue, newest first; `status` null for every status, `kind` null for both kinds. */
export async function listQueue(db: D1Database, programmeId: string, status: string | null, kind: string | null) {
  const { results } = await db
    .prepare(`${QUEUE} WHERE r.programme_id = ?1 AND (?2 IS NULL OR r.status = ?2) AND (?3 IS NULL OR r.kind = ?3)
       ORDER BY r.created_at DESC, r.id`)
    .bind(programmeId, status, kind)
    .all<QueuedRequestRow>();
  return results;
}

export function findQueuedRequest(db: D1Database, programmeId: string, id: string) {
  return db.prepare(`${QUEUE} WHERE r.programme_id = ?1 AND r.id = ?2`).bind(programmeId, id);
}

/** Handled keeps the first time it was handled; open clears it. */
export function setRequestStatus(db: D1Database, programmeId: string, id: string, status: 'open' | 'handled', now: string) {
  return db
    .prepare(
      `UPDATE support_requests SET status = ?3,
         handled_at = CASE WHEN ?3 = 'open' THEN NULL ELSE COALESCE(handled_at, ?4) END
       WHERE programme_id = ?1 AND id = ?2`,
    )
    .bind(programmeId, id, status, now);
}

export function deleteParticipantRequests(db: D1Database, participantId: string) {
  return db.prepare('DELETE FROM support_requests WHERE participant_id = ?1').bind(participantId);
}
