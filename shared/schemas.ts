// The request bodies of the HTTP API (see README, "API"), as zod schemas.
// The Worker validates every boundary with these, and the extension builds its
// requests from the same types, so the two sides cannot drift apart.
import { z } from 'zod';

export const TOPICS = [
  'tools',
  'ways_of_working',
  'strategy',
  'customers_markets',
  'culture_perspectives',
  'career',
] as const;
export type Topic = (typeof TOPICS)[number];

/** The autonomy ladder, from dependence to independence, with its score. */
export const AUTONOMY_SCORES = { did_it_for_me: 0, showed_me: 0.5, i_can_now: 1 } as const;
export type Autonomy = keyof typeof AUTONOMY_SCORES;
export const AUTONOMY_LEVELS = Object.keys(AUTONOMY_SCORES) as Autonomy[];

export const HEALTH_COMPONENTS = ['value', 'reciprocity', 'cadence', 'openness', 'agreement', 'autonomy'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

const id = z.string().trim().min(1).max(64);
const shortText = z.string().trim().max(100);

/** Any ISO-8601 instant with a zone, normalised to UTC `...Z` so that stored times sort as text. */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/** A calendar day, `YYYY-MM-DD`. */
export const day = z.iso.date();

export const healthWeights = z
  .partialRecord(z.enum(HEALTH_COMPONENTS), z.number().min(0).max(100))
  .refine((weights) => Object.values(weights).some((w) => (w ?? 0) > 0) || Object.keys(weights).length === 0, {
    message: 'at least one weight must be positive',
  });
export type HealthWeights = z.infer<typeof healthWeights>;

export const createProgramme = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kAnonymity: z.int().min(2).max(1000).optional(),
  weights: healthWeights.optional(),
});
export type CreateProgramme = z.infer<typeof createProgramme>;

export const newParticipant = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).transform((email) => email.toLowerCase()),
  function: shortText.optional(),
  region: shortText.optional(),
  generation: shortText.optional(),
});
export type NewParticipant = z.infer<typeof newParticipant>;

export const addParticipants = z.strictObject({
  participants: z.array(newParticipant).min(1).max(1000),
});

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

export const redeemInvite = z.strictObject({ code: z.string().trim().min(8).max(200) });

const sessionFields = {
  pairId: id,
  eventKey: z.string().min(1).max(512),
  start: instant,
  end: instant,
};
const endsAfterStart = (session: { start: string; end: string }) => session.end >= session.start;
const endsAfterStartIssue = { message: 'end must not be before start', path: ['end'] };

export const reportSession = z.strictObject(sessionFields).refine(endsAfterStart, endsAfterStartIssue);
export type ReportSession = z.infer<typeof reportSession>;

/** What one person says about one session (METRICS.md, "Response"). */
const answerFields = {
  happened: z.boolean(),
  value: z.int().min(1).max(5).optional(),
  learned: z.boolean().optional(),
  openness: z.boolean().optional(),
  autonomy: z.enum(AUTONOMY_LEVELS as [Autonomy, ...Autonomy[]]).optional(),
  topics: z
    .array(z.enum(TOPICS))
    .max(TOPICS.length)
    .refine((topics) => new Set(topics).size === topics.length, { message: 'topics must not repeat' })
    .optional(),
};
export type Answer = {
  happened: boolean;
  value?: number | undefined;
  learned?: boolean | undefined;
  openness?: boolean | undefined;
  autonomy?: Autonomy | undefined;
  topics?: Topic[] | undefined;
};

/** "Didn't happen" carries nothing else; "happened" needs at least the one-click value. */
function checkAnswer(answer: Answer, ctx: z.RefinementCtx) {
  if (answer.happened && answer.value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'value is required when the session happened', path: ['value'] });
  }
  if (!answer.happened) {
    for (const field of ['value', 'learned', 'openness', 'autonomy', 'topics'] as const) {
      if (answer[field] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `${field} must be absent when the session did not happen`, path: [field] });
      }
    }
  }
}

export const submitResponse = z
  .strictObject({
    ...sessionFields,
    ...answerFields,
    /** When the person answered; a retry older than the stored answer is ignored. */
    answeredAt: instant.optional(),
  })
  .superRefine(checkAnswer)
  .refine(endsAfterStart, endsAfterStartIssue);
export type SubmitResponse = z.infer<typeof submitResponse>;

export const responseId = z.uuid();

export const historyResponse = z
  .strictObject({ participantId: id, ...answerFields })
  .superRefine(checkAnswer);

export const historyLine = z
  .strictObject({
    ...sessionFields,
    responses: z
      .array(historyResponse)
      .max(2)
      .refine((rs) => new Set(rs.map((r) => r.participantId)).size === rs.length, {
        message: 'one response per participant',
      }),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type HistoryLine = z.infer<typeof historyLine>;

/** Query parameters shared by the analytics routes. */
export const analyticsQuery = z.object({
  asOf: instant.optional(),
  from: instant.optional(),
  to: instant.optional(),
  period: z.enum(['year', 'quarter']).optional(),
  by: z.enum(['function', 'region', 'generation', 'cohort']).optional(),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/**
 * Query parameters of the culture view and its periods export (README, "Culture
 * query"): a range of whole periods, given by label or by period boundaries.
 */
const periodLabel = z.string().regex(/^\d{4}(-Q[1-4])?$/, 'a period is a year such as 2024 or a quarter such as 2024-Q3');
const utcDay = z.string().refine((text) => /^\d{4}-\d{2}-\d{2}(T00:00(:00(\.0+)?)?(Z|[+-]00:?00))?$/.test(text) && !Number.isNaN(Date.parse(text.slice(0, 10))), {
  message: 'expected a whole UTC day, such as 2026-03-01 or 2026-03-01T00:00:00Z',
}).transform((text) => Date.parse(`${text.slice(0, 10)}T00:00:00.000Z`));
export const cultureQuery = z.object({
  asOf: utcDay.optional(),
  fromPeriod: periodLabel.optional(),
  toPeriod: periodLabel.optional(),
  from: utcDay.optional(),
  to: utcDay.optional(),
  period: z.enum(['year', 'quarter']).optional(),
  by: z.enum(['function', 'region', 'generation', 'cohort']).optional(),
});
export type CultureQuery = z.infer<typeof cultureQuery>;

export function topicsToMask(topics: readonly Topic[] | undefined): number | null {
  if (!topics) return null;
  return topics.reduce((mask, topic) => mask | (1 << TOPICS.indexOf(topic)), 0);
}

export function maskToTopics(mask: number | null | undefined): Topic[] | undefined {
  if (mask === null || mask === undefined) return undefined;
  return TOPICS.filter((_, bit) => mask & (1 << bit));
}
