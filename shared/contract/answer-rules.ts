// The rules an answer keeps, written once and free of zod. The contract's
// schemas (answers.ts) build their fields from these limits and run these
// cross-field rules in their refinements; the extension's background checks an
// answer with the same functions before queuing it (extension/outbox/
// response-body.ts), without bundling zod. A rule changed here changes both.
import { AUTONOMY_LEVELS, NOT_A_SESSION, TOPICS } from '../vocabulary';

/** The limits of an answer's fields. */
export const ID_MAX = 64;
export const EVENT_KEY_MAX = 512;
/** A request's optional message to the programme team (contract/requests.ts). */
export const REQUEST_MESSAGE_MAX = 500;
export const ANSWER_VALUE_MIN = 1;
export const ANSWER_VALUE_MAX = 5;

/** What a person may add to "it happened"; "didn't happen" and "not a session" carry none of it. */
export const ANSWER_DETAILS = ['value', 'learned', 'openness', 'autonomy', 'topics'] as const;

/** One broken rule: the field it is about, and a sentence saying what is wrong. */
export interface RuleProblem {
  path: string;
  message: string;
}

type AnswerLike = { happened: unknown } & { [K in (typeof ANSWER_DETAILS)[number]]?: unknown };

/** "Didn't happen" and "not a session" carry nothing else; "happened" needs at least the one-click value. */
export function answerProblems(answer: AnswerLike): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (answer.happened === true && answer.value === undefined) {
    problems.push({ path: 'value', message: 'value is required when the session happened' });
  }
  if (answer.happened !== true) {
    const what = answer.happened === false ? 'the session did not happen' : 'it was not a mentoring session';
    for (const field of ANSWER_DETAILS) {
      if (answer[field] !== undefined) problems.push({ path: field, message: `${field} must be absent when ${what}` });
    }
  }
  return problems;
}

/** Times compare as text: both are normalised UTC `...Z` instants by then. */
export const endsAfterStart = (session: { start: string; end: string }) => session.end >= session.start;
export const END_BEFORE_START: RuleProblem = { path: 'end', message: 'end must not be before start' };

export const topicsAreDistinct = (topics: readonly unknown[]) => new Set(topics).size === topics.length;
export const TOPICS_REPEAT = 'topics must not repeat';

// Field predicates for code that checks an answer without zod. The schemas
// express the same limits with zod's own types (answers.ts).

export const isTopic = (value: unknown) => (TOPICS as readonly unknown[]).includes(value);
export const isAutonomy = (value: unknown) => (AUTONOMY_LEVELS as readonly unknown[]).includes(value);
export const isHappened = (value: unknown) => typeof value === 'boolean' || value === NOT_A_SESSION;
export const isAnswerValue = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= ANSWER_VALUE_MIN && (value as number) <= ANSWER_VALUE_MAX;

/**
 * The canonical UTC form `Date#toISOString()` gives, which the schema's
 * `instant` takes as it is; the round trip rules out impossible dates such as
 * 30 February.
 */
export const isCanonicalInstant = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) && new Date(value).toISOString() === value;
