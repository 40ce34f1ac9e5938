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
