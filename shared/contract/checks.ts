// A member's private answers about the pairing itself, beside the session
// answers: the fit question after their first held session, the relationship
// check at 30 days and every 90 after, and the closing question when the pair
// ends (README, "What the pair gets back"). They count only in aggregates under
// the k rules (SECURITY.md); no one else reads one.
import { z } from 'zod';
import {
  CHECK_PACE, CHECK_WORTHWHILE, CLOSING_AGAIN, CLOSING_CHANGES, FIT_ANSWERS,
} from '../vocabulary';
import { id, instant } from './common';

export const checkParams = z.strictObject({ id: z.uuid() });

const about = { pairId: id, answeredAt: instant.optional() };

export const fitCheck = z.strictObject({ kind: z.literal('fit'), ...about, fit: z.enum(FIT_ANSWERS) });
export const milestoneCheck = z.strictObject({
  kind: z.literal('milestone'),
  ...about,
  /** Days after the pair's start the check belongs to: 30, 120, 210, … (GET /me says which is due). */
  milestone: z.int().min(1).max(36_600),
  worthwhile: z.enum(CHECK_WORTHWHILE),
  pace: z.enum(CHECK_PACE),
});
export const closingCheck = z.strictObject({
  kind: z.literal('closing'),
  ...about,
  again: z.enum(CLOSING_AGAIN),
  changed: z
    .array(z.enum(CLOSING_CHANGES))
    .max(CLOSING_CHANGES.length)
    .refine((chips) => new Set(chips).size === chips.length, { message: 'changed must not repeat' })
    .default([]),
});

/**
 * PUT /me/checks/:id. One answer per (person, pair, kind, milestone): a later
 * one replaces it, an older retry (by answeredAt) is kept out, a replay changes nothing.
 */
export const submitCheck = z.discriminatedUnion('kind', [fitCheck, milestoneCheck, closingCheck]);
export type SubmitCheck = z.infer<typeof submitCheck>;

export const CHECK_OUTCOMES = ['created', 'replaced', 'kept_newer'] as const;
export const submittedCheck = z.object({ id: z.string(), outcome: z.enum(CHECK_OUTCOMES) });

/** What a member's extension should ask about one pair next, beside its session prompts (GET /me). */
export const pairQuestions = z.object({
  /** The fit question: true until this person has given a held answer or a fit answer for the pair. */
  fit: z.boolean(),
  /** The relationship check that is due and not yet answered, by its day after the start; null for none. */
  milestone: z.int().nullable(),
  /** The closing question: true once the pair has ended and until this person answers it. */
  closing: z.boolean(),
});
export type PairQuestions = z.infer<typeof pairQuestions>;
