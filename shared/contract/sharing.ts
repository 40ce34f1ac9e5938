// The joint summary a pair may choose to see (README, "What the pair gets
// back"): each member opts in for a pair; only when both have does either see
// the month's summary built from both sides, with a tip for each raised flag.
// Nothing in it says which member gave which answer (SECURITY.md).
import { z } from 'zod';
import { FLAGS, TOPICS } from '../vocabulary';
import { id, instant } from './common';

export const pairParams = z.strictObject({ pairId: id });

/** PUT /me/pairs/:pairId/sharing. The latest change (by changedAt) wins; opting out takes effect at once. */
export const setSharing = z.strictObject({ jointSummary: z.boolean(), changedAt: instant.optional() });

/** off: this person has not opted in. waiting: they have, their partner not yet. on: both have. */
export const SHARING_STATES = ['off', 'waiting', 'on'] as const;
export const sharingState = z.object({ jointSummary: z.enum(SHARING_STATES) });
export type SharingState = z.infer<typeof sharingState>;

export const summaryQuery = z.object({
  /** A calendar month, YYYY-MM; the current UTC month when left out. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM').optional(),
});

export const tip = z.object({ flag: z.enum(FLAGS), text: z.string() });

/** GET /me/pairs/:pairId/summary. Only `on` carries numbers. */
export const jointSummary = z.discriminatedUnion('jointSummary', [
  z.object({ jointSummary: z.literal('off') }),
  z.object({ jointSummary: z.literal('waiting') }),
  z.object({
    jointSummary: z.literal('on'),
    month: z.string(),
    /** Sessions of the month that either of you said happened. */
    met: z.int(),
    /** "Both of you learned something in `sessions` of `of` sessions": `of` counts the held sessions in
     * which both answered "learned", `sessions` those in which both said yes. */
    bothLearned: z.object({ sessions: z.int(), of: z.int() }),
    /** Topics either of you named this month, in vocabulary order. */
    topics: z.array(z.enum(TOPICS)),
    /** One tip for each flag raised on the pair today. */
    tips: z.array(tip),
  }),
]).meta({ id: 'JointSummary' });
export type JointSummary = z.infer<typeof jointSummary>;
