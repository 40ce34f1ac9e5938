// The request bodies of the HTTP API (see README, "API"), as zod schemas.
// The Worker validates every boundary with these, and the extension builds its
// requests from the same types, so the two sides cannot drift apart.
import { z } from 'zod';
import { hasHiddenCharacters, plainText } from './text';

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
/** Text a person typed and others will read: cleaned by shared/text.ts before it is measured. */
const shownText = () => z.string().overwrite(plainText);
const shortText = shownText().max(100);

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

/**
 * Whole words or phrases that mark a programme's sessions in meeting titles.
 * Participants' extensions use them only for meetings with no other attendees
 * (extension/README.md); none by default.
 */
export const meetingKeywords = z
  .array(z.string().trim().min(2).max(60))
  .max(20)
  .transform((words) => [...new Set(words.map((word) => word.toLowerCase()))]);

/**
 * Answers each member of a pair must have in a window before a pair-level
 * number over it is shown (SECURITY.md, "Participants, partners and
 * coordinators"). Never below 2: with one answer a number is that answer.
 */
export const DEFAULT_MIN_ANSWERS_PER_MEMBER = 3;
const minAnswersPerMember = z.int().min(2).max(100);

export const createProgramme = z.strictObject({
  name: shownText().min(1).max(200),
  kAnonymity: z.int().min(2).max(1000).optional(),
  weights: healthWeights.optional(),
  meetingKeywords: meetingKeywords.optional(),
  minAnswersPerMember: minAnswersPerMember.optional(),
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
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'name, minAnswersPerMember or meetingKeywords is required' });
export type UpdateProgramme = z.infer<typeof updateProgramme>;

export const newParticipant = z.strictObject({
  displayName: shownText().min(1).max(200),
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

/**
 * The third answer a participant may give about a prompted meeting: it was no
 * mentoring session at all (shared/metrics/README.md: such a session counts nowhere).
 */
export const NOT_A_SESSION = 'not_a_session';
export type Happened = boolean | typeof NOT_A_SESSION;
/** A live answer (PUT /responses): an Answer whose `happened` may also be NOT_A_SESSION. */
export type SessionAnswer = Omit<Answer, 'happened'> & { happened: Happened };

/** "Didn't happen" and "not a session" carry nothing else; "happened" needs at least the one-click value. */
function checkAnswer(answer: SessionAnswer, ctx: z.RefinementCtx) {
  if (answer.happened === true && answer.value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'value is required when the session happened', path: ['value'] });
  }
  if (answer.happened !== true) {
    const what = answer.happened === false ? 'the session did not happen' : 'it was not a mentoring session';
    for (const field of ['value', 'learned', 'openness', 'autonomy', 'topics'] as const) {
      if (answer[field] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `${field} must be absent when ${what}`, path: [field] });
      }
    }
  }
}

export const submitResponse = z
  .strictObject({
    ...sessionFields,
    ...answerFields,
    happened: z.union([z.boolean(), z.literal(NOT_A_SESSION)]),
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
    // An imported key must name the same session as the extension's report, so it is refused rather than cleaned.
    eventKey: sessionFields.eventKey.refine((key) => !hasHiddenCharacters(key), {
      message: 'eventKey must not contain control, bidirectional or zero-width characters',
    }),
    responses: z
      .array(historyResponse)
      .max(2)
      .refine((rs) => new Set(rs.map((r) => r.participantId)).size === rs.length, {
        message: 'one response per participant',
      }),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type HistoryLine = z.infer<typeof historyLine>;

export const WHOLE_DAY_MESSAGE = 'must be a whole UTC day: YYYY-MM-DD, or an instant at 00:00:00Z';

/** A whole UTC day, `YYYY-MM-DD` or that day's midnight instant, as its midnight `...T00:00:00.000Z`. */
export const wholeDay = z
  .string()
  .transform((text, ctx) => {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) && day.safeParse(text).success
      ? Date.parse(`${text}T00:00:00.000Z`)
      : instant.safeParse(text).success ? Date.parse(text) : NaN;
    if (Number.isNaN(ms) || ms % 86_400_000 !== 0) {
      ctx.addIssue({ code: 'custom', message: WHOLE_DAY_MESSAGE });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/**
 * The coordinator's pair windows (dashboard, pair detail, pairs export): whole
 * UTC days only, so that no window can be cut around one session
 * (SECURITY.md, "Participants, partners and coordinators").
 */
export const dashboardQuery = z.object({
  asOf: wholeDay.optional(),
  from: wholeDay.optional(),
  to: wholeDay.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/**
 * Query parameters of the culture view and its periods export (README, "Culture
 * query"): a range of whole periods, given by label or by period boundaries.
 */
const periodLabel = z.string().regex(/^\d{4}(-Q[1-4])?$/, 'a period is a year such as 2024 or a quarter such as 2024-Q3');
/** A whole UTC day as its midnight in milliseconds. */
const utcDay = wholeDay.transform((iso) => Date.parse(iso));
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
