// The Worker's `submitResponse` rules, checked before an answer is queued: an
// answer the Worker would refuse must be refused here, not retried forever.
// The rules are the contract's own (shared/contract/answer-rules.ts, which the
// schema's refinements call); this file only says which field keeps which.
// Imported as values from that zod-free module alone, so zod (about 24 KB
// gzipped) stays out of the service worker. test/extension/response-body.test.ts
// holds the check to the schema itself.
import {
  ANSWER_VALUE_MAX, ANSWER_VALUE_MIN, answerProblems, END_BEFORE_START, endsAfterStart, EVENT_KEY_MAX, ID_MAX,
  isAnswerValue, isAutonomy, isCanonicalInstant, isHappened, isTopic, topicsAreDistinct, TOPICS_REPEAT,
} from '../../shared/contract/answer-rules';
import type { SubmitResponse } from '../../shared/schemas';
import { AUTONOMY_LEVELS, NOT_A_SESSION, TOPICS } from '../../shared/vocabulary';
import type { ResponseBody } from './machine';

type FieldCheck = (value: unknown) => string | null;

const text =
  (field: string, max: number, trim = false): FieldCheck =>
  (value) => {
    if (typeof value !== 'string') return `${field} must be text`;
    const length = (trim ? value.trim() : value).length;
    return length >= 1 && length <= max ? null : `${field} must be 1 to ${max} characters`;
  };

/** The extension's times all come from `Date#toISOString()`, so only that canonical form is let through. */
const utcInstant =
  (field: string, optional = false): FieldCheck =>
  (value) =>
    (value === undefined && optional) || isCanonicalInstant(value) ? null : `${field} must be a UTC time like 2026-01-31T09:00:00.000Z`;

const optional =
  (holds: (value: unknown) => boolean, problem: string): FieldCheck =>
  (value) =>
    value === undefined || holds(value) ? null : problem;

function checkTopics(value: unknown): string | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every(isTopic)) return `topics must be some of ${TOPICS.join(', ')}`;
  return topicsAreDistinct(value) ? null : TOPICS_REPEAT;
}

/** One check per field of the schema: the mapped type makes a new schema field a compile error here. */
const FIELD_CHECKS: { [K in keyof SubmitResponse]-?: FieldCheck } = {
  pairId: text('pairId', ID_MAX, true),
  eventKey: text('eventKey', EVENT_KEY_MAX),
  start: utcInstant('start'),
  end: utcInstant('end'),
  happened: (value) => (isHappened(value) ? null : `happened must be true, false or "${NOT_A_SESSION}"`),
  value: optional(isAnswerValue, `value must be a whole number from ${ANSWER_VALUE_MIN} to ${ANSWER_VALUE_MAX}`),
  learned: optional((value) => typeof value === 'boolean', 'learned must be true or false'),
  openness: optional((value) => typeof value === 'boolean', 'openness must be true or false'),
  autonomy: optional(isAutonomy, `autonomy must be one of ${AUTONOMY_LEVELS.join(', ')}`),
  topics: checkTopics,
  answeredAt: utcInstant('answeredAt', true),
};

/** The rules that span fields, as the schema's refinements run them. */
function crossFieldProblems(body: Record<string, unknown> & { happened: unknown; start: string; end: string }): string[] {
  const problems = answerProblems(body).map((problem) => problem.message);
  return endsAfterStart(body) ? problems : [...problems, END_BEFORE_START.message];
}

/** Why the Worker would refuse this body (empty when it would take it). */
export function responseBodyProblems(body: Record<string, unknown>): string[] {
  const unknown = Object.keys(body)
    .filter((key) => !Object.hasOwn(FIELD_CHECKS, key))
    .map((key) => `unknown field ${key}`);
  const fields = Object.entries(FIELD_CHECKS).flatMap(([key, check]) => check(body[key]) ?? []);
  const problems = [...unknown, ...fields];
  // Cross-field rules only make sense once every field has the right shape, as in zod.
  return problems.length ? problems : crossFieldProblems(body as ResponseBody);
}

/** The body, typed, once it passes every rule; otherwise an error listing the problems. */
export function checkedResponseBody(body: Record<string, unknown>): ResponseBody {
  const problems = responseBodyProblems(body);
  if (problems.length) throw new Error(problems.join('; '));
  return body as ResponseBody;
}
