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
