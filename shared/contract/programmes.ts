// Programmes: creating, reading and changing one, and rotating its two tokens.
import { z } from 'zod';
import { shownText } from './common';

export const HEALTH_COMPONENTS = ['value', 'reciprocity', 'cadence', 'openness', 'agreement', 'autonomy'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

export const healthWeights = z
  .partialRecord(z.enum(HEALTH_COMPONENTS), z.number().min(0).max(100))
  .refine((weights) => Object.values(weights).some((w) => (w ?? 0) > 0) || Object.keys(weights).length === 0, {
    message: 'at least one weight must be positive',
  });
export type HealthWeights = z.infer<typeof healthWeights>;

/**
 * Whole words or phrases that mark a programme's sessions in meeting titles.
 * Participants' extensions use them only for meetings with no other attendees
 * (extension/README.md); none by default.
 */
export const meetingKeywords = z
  .array(z.string().trim().min(2).max(60))
  .max(20)
  .transform((words) => [...new Set(words.map((word) => word.toLowerCase()))]);

export { DEFAULT_MIN_ANSWERS_PER_MEMBER } from '../vocabulary';
const minAnswersPerMember = z.int().min(2).max(100);
/**
 * At most this many prompts per pair in a week (Monday to Sunday, UTC), each
 * member's extension asking about the same sessions; null asks about every
 * session. Sessions not asked about are reported as such (shared/metrics/README.md, "Not asked").
 */
export const maxPromptsPerPairPerWeek = z.int().min(1).max(14).nullable();

export const createProgramme = z.strictObject({
  name: shownText().min(1).max(200),
  kAnonymity: z.int().min(2).max(1000).optional(),
  weights: healthWeights.optional(),
  meetingKeywords: meetingKeywords.optional(),
  minAnswersPerMember: minAnswersPerMember.optional(),
  maxPromptsPerPairPerWeek: maxPromptsPerPairPerWeek.optional(),
});
export type CreateProgramme = z.infer<typeof createProgramme>;

/**
 * PATCH /programmes/:pid: the settings a coordinator (or the admin) may change.
 * `meetingKeywords` replaces the whole list; an empty one turns the title fallback off.
 */
export const updateProgramme = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    minAnswersPerMember: minAnswersPerMember.optional(),
    meetingKeywords: meetingKeywords.optional(),
    maxPromptsPerPairPerWeek: maxPromptsPerPairPerWeek.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'name, minAnswersPerMember, meetingKeywords or maxPromptsPerPairPerWeek is required',
  });
export type UpdateProgramme = z.infer<typeof updateProgramme>;

export const PROGRAMME_ROLES = ['coordinator', 'sponsor'] as const;
export const rotateTokenParams = z.strictObject({ pid: z.string(), role: z.enum(PROGRAMME_ROLES) });

export const newProgramme = z.object({ id: z.string(), coordinatorToken: z.string(), sponsorToken: z.string() });
export type NewProgramme = z.infer<typeof newProgramme>;

export const programme = z.object({
  id: z.string(),
  name: z.string(),
  kAnonymity: z.int(),
  /** The programme's own health weights, or null for the defaults of shared/metrics/README.md. */
  weights: z.partialRecord(z.enum(HEALTH_COMPONENTS), z.number()).nullable(),
  minAnswersPerMember: z.int(),
  meetingKeywords: z.array(z.string()),
  maxPromptsPerPairPerWeek: z.int().nullable(),
}).meta({ id: 'Programme' });
export type Programme = z.infer<typeof programme>;

export const programmeSummary = z.object({
  id: z.string(),
  name: z.string(),
  kAnonymity: z.int(),
  createdAt: z.string(),
  participants: z.int(),
  pairs: z.int(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummary>;
export const programmeList = z.object({ programmes: z.array(programmeSummary) });

export const rotatedToken = z.object({ role: z.enum(PROGRAMME_ROLES), token: z.string() });
