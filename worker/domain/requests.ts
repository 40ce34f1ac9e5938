// Requests a member sends the programme team by choice (README, "What the pair
// gets back"): a new partner, or to be contacted. The coordinator's queue shows
// them with the sender's name; the partner is never told, and no metric,
// snapshot or pair view reads them (SECURITY.md, "Requests to the programme team").
import type { OwnRequest, QueuedRequest, SubmitRequest } from '../../shared/contract/requests';
import {
  findQueuedRequest, findRequest, insertRequestIfNew, listQueue, setRequestStatus, type QueuedRequestRow, type RequestRow,
} from '../storage/requests';
import { ownPair } from './checks';
import { ApiError, notFound } from './errors';
import type { Member } from './responses';

export function ownRequestOf(row: RequestRow): OwnRequest {
  return { id: row.id, kind: row.kind, pairId: row.pair_id, status: row.status, createdAt: row.created_at, handledAt: row.handled_at };
}

/**
 * Stores a request once per client id. A replay answers the stored request as
 * it stands (whatever the replayed body says); an id another person used is a 409.
 */
export async function submitRequest(db: D1Database, member: Member, id: string, input: SubmitRequest, now = new Date()) {
  if (input.pairId !== undefined) await ownPair(db, member, input.pairId);
  // A queued request keeps the time it was sent, but never one ahead of the Worker's clock.
  const sentAt = input.sentAt !== undefined && input.sentAt < now.toISOString() ? input.sentAt : now.toISOString();
  const [inserted, stored] = await db.batch([
    insertRequestIfNew(db, {
      id,
      programmeId: member.programmeId,
      participantId: member.participantId,
      pairId: input.pairId ?? null,
      kind: input.kind,
      urgency: input.kind === 'contact' ? input.urgency : null,
      message: input.message ? input.message : null,
      createdAt: sentAt,
    }),
    findRequest(db, id),
  ]);
  const row = stored?.results[0] as RequestRow | undefined;
  if (!row || row.participant_id !== member.participantId) {
    throw new ApiError(409, 'conflict', 'this request id is already used for another request');
  }
  return { request: ownRequestOf(row), created: (inserted?.results.length ?? 0) > 0 };
}

function queuedRequestOf(row: QueuedRequestRow): QueuedRequest {
  return {
    ...ownRequestOf(row),
    from: { id: row.participant_id, displayName: row.from_name, email: row.from_email },
    partner: row.partner_id !== null && row.partner_name !== null ? { id: row.partner_id, displayName: row.partner_name } : null,
    cohort: row.cohort,
    urgency: row.urgency,
    message: row.message,
  };
}

export async function listRequests(db: D1Database, programmeId: string, query: { status: 'open' | 'handled' | 'all'; kind?: 'rematch' | 'contact' | undefined }) {
  const rows = await listQueue(db, programmeId, query.status === 'all' ? null : query.status, query.kind ?? null);
  return rows.map(queuedRequestOf);
}

/** Marks a request handled (keeping when it first was) or opens it again. */
export async function updateRequest(db: D1Database, programmeId: string, id: string, status: 'open' | 'handled', now = new Date().toISOString()) {
  const [, read] = await db.batch([setRequestStatus(db, programmeId, id, status, now), findQueuedRequest(db, programmeId, id)]);
  const row = read?.results[0] as QueuedRequestRow | undefined;
  if (!row) throw notFound('request');
  return queuedRequestOf(row);
}
