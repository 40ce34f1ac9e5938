// Pairs: creating and listing a programme's mentoring pairs.
import { z } from 'zod';
import { day, id, shortText } from './common';

export const newPair = z
  .strictObject({
    a: id,
    b: id,
    mentorId: id.nullable().optional(),
    cohort: shortText.optional(),
    startsOn: day,
    endsOn: day.nullable().optional(),
    cadenceDays: z.int().min(1).max(365).optional(),
  })
  .refine((pair) => pair.a !== pair.b, { message: 'a pair needs two different participants', path: ['b'] })
  .refine((pair) => pair.mentorId == null || pair.mentorId === pair.a || pair.mentorId === pair.b, {
    message: 'mentorId must be a or b',
    path: ['mentorId'],
  })
  .refine((pair) => pair.endsOn == null || pair.endsOn >= pair.startsOn, {
    message: 'endsOn must not be before startsOn',
    path: ['endsOn'],
  });
export type NewPair = z.infer<typeof newPair>;

export const createdPair = z.object({ id: z.string() });

/** Pairs one bulk request may create (README, "Bulk set-up"). */
export const MAX_PAIRS_PER_REQUEST = 1000;
export const newPairs = z.strictObject({ pairs: z.array(newPair).min(1).max(MAX_PAIRS_PER_REQUEST) });
/** Each pair of a bulk request in the request's order: created, already there (the same members and start day), or refused. */
export const createdPairs = z.object({
  pairs: z.array(z.object({
    status: z.enum(['created', 'existing', 'rejected']),
    id: z.string().optional(),
    error: z.string().optional(),
  })),
  created: z.int(),
  existing: z.int(),
  rejected: z.int(),
});
export type CreatedPairs = z.infer<typeof createdPairs>;

const member = z.object({ id: z.string(), displayName: z.string() });
export const pairRow = z.object({
  id: z.string(),
  a: member,
  b: member,
  mentorId: z.string().nullable(),
  cohort: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  cadenceDays: z.int(),
});
export type PairRow = z.infer<typeof pairRow>;
export const pairList = z.object({ pairs: z.array(pairRow) });

/** PATCH /programmes/:pid/pairs/:pairId: close a pair (set endsOn), reopen it (null), or change its cohort or cadence. */
export const updatePair = z
  .strictObject({
    endsOn: day.nullable().optional(),
    cohort: shortText.optional(),
    cadenceDays: z.int().min(1).max(365).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'endsOn, cohort or cadenceDays is required' });
export type UpdatePair = z.infer<typeof updatePair>;

/**
 * POST /programmes/:pid/pairs/:pairId/rematch: end the pair and pair one of its
 * members with someone new, in one step. The old pair ends the day before the
 * new one starts; a request it answers is marked handled.
 */
export const rematchPair = z.strictObject({
  /** The member who gets a new partner (a or b of the old pair). */
  member: id,
  partnerId: id,
  /** The new pair's first day; today (UTC) when left out. */
  startsOn: day.optional(),
  cohort: shortText.optional(),
  cadenceDays: z.int().min(1).max(365).optional(),
  requestId: z.uuid().optional(),
});
export type RematchPair = z.infer<typeof rematchPair>;
export const rematched = z.object({ ended: pairRow, created: createdPair });
