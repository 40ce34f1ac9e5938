// Requests a member sends the programme team by choice: a new partner, or to be
// contacted. Each reaches the coordinator's queue with the sender's name; the
// partner is never told, and nothing in a request enters a metric (SECURITY.md).
import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES, URGENCIES } from '../vocabulary';
import { REQUEST_MESSAGE_MAX } from './answer-rules';
import { id, instant, shownText } from './common';

export const requestParams = z.strictObject({ id: z.uuid() });

const message = shownText().max(REQUEST_MESSAGE_MAX).optional();

/** PUT /me/requests/:id, idempotent on the client's UUID: a replay answers the stored request. */
export const submitRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rematch'), pairId: id, message, sentAt: instant.optional() }),
  z.strictObject({
    kind: z.literal('contact'),
    /** The pair it is about, if any; the coordinator sees it, the partner does not. */
    pairId: id.optional(),
    urgency: z.enum(URGENCIES),
    message,
    sentAt: instant.optional(),
  }),
]);
export type SubmitRequest = z.infer<typeof submitRequest>;

/** A request as its sender sees it. */
export const ownRequest = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_KINDS),
  pairId: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  createdAt: z.string(),
  handledAt: z.string().nullable(),
});
export type OwnRequest = z.infer<typeof ownRequest>;

/** A request as the coordinator's queue shows it: who sent it, about which pair, and what they wrote. */
export const queuedRequest = ownRequest.extend({
  from: z.object({ id: z.string(), displayName: z.string(), email: z.string() }),
  /** The pair's other member, so the coordinator can act; never told of the request. */
  partner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  cohort: z.string().nullable(),
  urgency: z.enum(URGENCIES).nullable(),
  message: z.string().nullable(),
}).meta({ id: 'QueuedRequest' });
export type QueuedRequest = z.infer<typeof queuedRequest>;

export const requestsQuery = z.object({
  status: z.enum([...REQUEST_STATUSES, 'all']).default('open'),
  kind: z.enum(REQUEST_KINDS).optional(),
});
export const requestQueue = z.object({ requests: z.array(queuedRequest) });

/** PATCH /programmes/:pid/requests/:id: mark a request handled, or open it again. */
export const updateRequest = z.strictObject({ status: z.enum(REQUEST_STATUSES) });
