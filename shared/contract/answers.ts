// Sessions and answers: what a member's extension reports (POST /sessions,
// PUT /responses/:id) and what the history import carries. The vocabulary of an
// answer (topics, autonomy levels) lives in shared/vocabulary.ts.
import { z } from 'zod';
import { AUTONOMY_LEVELS, NOT_A_SESSION, TOPICS, type Autonomy, type Topic } from '../vocabulary';
import { hasHiddenCharacters } from '../text';
import {
  ANSWER_VALUE_MAX, ANSWER_VALUE_MIN, answerProblems, END_BEFORE_START, endsAfterStart, EVENT_KEY_MAX, topicsAreDistinct,
  TOPICS_REPEAT,
} from './answer-rules';
import { id, instant } from './common';

const sessionFields = {
  pairId: id,
  eventKey: z.string().min(1).max(EVENT_KEY_MAX),
  start: instant,
  end: instant,
};
const endsAfterStartIssue = { message: END_BEFORE_START.message, path: [END_BEFORE_START.path] };

export const reportSession = z
  .strictObject({
    ...sessionFields,
    /**
     * false: this member's extension chose not to ask about the session (the
     * programme's cap, "every other session", quiet hours). Such a session is
     * never missed and never lowers the response rate (shared/metrics/README.md, "Not asked").
     */
    asked: z.boolean().optional(),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type ReportSession = z.infer<typeof reportSession>;
export const reportedSession = z.object({ id: z.string() });

/** What one person says about one session (shared/metrics/README.md, "Inputs"). */
const answerFields = {
  happened: z.boolean(),
  value: z.int().min(ANSWER_VALUE_MIN).max(ANSWER_VALUE_MAX).optional(),
  learned: z.boolean().optional(),
  openness: z.boolean().optional(),
  autonomy: z.enum(AUTONOMY_LEVELS as [Autonomy, ...Autonomy[]]).optional(),
  topics: z
    .array(z.enum(TOPICS))
    .max(TOPICS.length)
    .refine(topicsAreDistinct, { message: TOPICS_REPEAT })
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

export type Happened = boolean | typeof NOT_A_SESSION;
/** A live answer (PUT /responses): an Answer whose `happened` may also be NOT_A_SESSION. */
export type SessionAnswer = Omit<Answer, 'happened'> & { happened: Happened };

/** The answer rules of answer-rules.ts, as zod issues. */
function checkAnswer(answer: SessionAnswer, ctx: z.RefinementCtx) {
  for (const { path, message } of answerProblems(answer)) ctx.addIssue({ code: 'custom', message, path: [path] });
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
export const responseParams = z.strictObject({ id: responseId });

export const SUBMIT_OUTCOMES = ['created', 'replaced', 'kept_newer'] as const;
export const submittedResponse = z.object({ id: z.string(), sessionId: z.string(), outcome: z.enum(SUBMIT_OUTCOMES) });

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

export const historyReport = z.object({
  sessions: z.int(),
  /** Answers written or already stored as imported; skipped ones are not counted. */
  responses: z.int(),
  rejected: z.array(z.object({ line: z.int(), error: z.string() })),
  /** Answers of accepted lines that were not stored, with the reason. */
  skipped: z.array(z.object({ line: z.int(), participantId: z.string(), reason: z.string() })),
});
export type HistoryReport = z.infer<typeof historyReport>;

export const importReport = z.object({
  rows: z.array(z.object({
    line: z.int(),
    type: z.string(),
    status: z.enum(['created', 'existing', 'rejected']),
    id: z.string().optional(),
    /** The participant's display name, or the pair's two names joined by ' & '. */
    name: z.string().optional(),
    error: z.string().optional(),
  })),
  created: z.int(),
  existing: z.int(),
  rejected: z.int(),
});
export type ImportReport = z.infer<typeof importReport>;
