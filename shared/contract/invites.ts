// Signing in with an invite code, and what a participant reads about themselves.
import { z } from 'zod';
import { AUTONOMY_LEVELS, NOT_A_SESSION, TOPICS, type Autonomy } from '../vocabulary';
import { participant } from './participants';
import { pairQuestions } from './checks';
import { ownRequest } from './requests';
import { SHARING_STATES } from './sharing';

export const redeemInvite = z.strictObject({ code: z.string().trim().min(8).max(200) });

/** What a member's extension is told about their programme. */
export const memberProgramme = z.object({
  id: z.string(),
  name: z.string(),
  meetingKeywords: z.array(z.string()),
  /** The programme's prompt cap (programmes.ts, maxPromptsPerPairPerWeek). */
  maxPromptsPerPairPerWeek: z.int().nullable(),
});

export const PAIR_ROLES = ['mentor', 'mentee', 'peer'] as const;
/** A pair seen from one member's side: the partner's name and email, never their answers. */
export const memberPair = z.object({
  id: z.string(),
  partner: z.object({ displayName: z.string(), email: z.string() }),
  role: z.enum(PAIR_ROLES),
  cohort: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  cadenceDays: z.int(),
  /** What to ask this member about the pair beside session prompts. */
  questions: pairQuestions,
  /** Whether the joint summary is off, waiting for the partner, or on (sharing.ts). */
  jointSummary: z.enum(SHARING_STATES),
});
export type MemberPair = z.infer<typeof memberPair>;

export const redeemed = z.object({
  participantToken: z.string(),
  participant,
  programme: memberProgramme,
  pairs: z.array(memberPair),
});
export type Redeemed = z.infer<typeof redeemed>;

/** One of the caller's own answers, most recent first. */
export const ownResponse = z.object({
  id: z.string(),
  pairId: z.string(),
  eventKey: z.string(),
  start: z.string(),
  end: z.string(),
  happened: z.union([z.boolean(), z.literal(NOT_A_SESSION)]),
  value: z.int().optional(),
  learned: z.boolean().optional(),
  openness: z.boolean().optional(),
  autonomy: z.enum(AUTONOMY_LEVELS as [Autonomy, ...Autonomy[]]).optional(),
  topics: z.array(z.enum(TOPICS)).optional(),
  answeredAt: z.string(),
});
export type OwnResponse = z.infer<typeof ownResponse>;

export const me = z.object({
  participant,
  programme: memberProgramme,
  pairs: z.array(memberPair),
  responses: z.array(ownResponse),
  /** The caller's own requests to the programme team, newest first. */
  requests: z.array(ownRequest),
});
export type Me = z.infer<typeof me>;
