// The Worker's `submitResponse` rules, checked by hand before an answer is
// queued: an answer the Worker would refuse must be refused here, not retried
// forever. Hand-written so that zod (about 24 KB gzipped) stays out of the
// service worker; test/extension/response-body.test.ts checks it against the
// schema itself.
// Only types come from shared/schemas: importing a value from it would bundle every schema, and zod.
import type { Autonomy, SubmitResponse, Topic } from '../../shared/schemas';

/** shared/schemas' NOT_A_SESSION, restated: a value import would bundle zod. The type ties the two. */
const NOT_A_SESSION: Extract<SubmitResponse['happened'], string> = 'not_a_session';
import type { ResponseBody } from './machine';

/** Records keyed by the shared types, so a topic or level added there is a compile error here. */
const TOPICS: Record<Topic, true> = {
  tools: true,
  ways_of_working: true,
  strategy: true,
  customers_markets: true,
  culture_perspectives: true,
  career: true,
};
const AUTONOMY_LEVELS: Record<Autonomy, true> = { did_it_for_me: true, showed_me: true, i_can_now: true };

const isKey = (record: object, value: unknown) => typeof value === 'string' && Object.hasOwn(record, value);

type FieldCheck = (value: unknown) => string | null;

const text =
  (field: string, min: number, max: number, trim = false): FieldCheck =>
  (value) => {
    if (typeof value !== 'string') return `${field} must be text`;
    const length = (trim ? value.trim() : value).length;
    return length >= min && length <= max ? null : `${field} must be ${min} to ${max} characters`;
  };

/**
 * The extension's times all come from `Date#toISOString()`, so only that
 * canonical UTC form is accepted: the schema takes it, and the round trip
 * rules out impossible dates such as 30 February.
 */
const utcInstant =
  (field: string, optional = false): FieldCheck =>
  (value) => {
    if (value === undefined && optional) return null;
    const canonical =
      typeof value === 'string' &&
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) &&
      new Date(value).toISOString() === value;
    return canonical ? null : `${field} must be a UTC time like 2026-01-31T09:00:00.000Z`;
  };

const optionalBoolean =
  (field: string): FieldCheck =>
  (value) =>
    value === undefined || typeof value === 'boolean' ? null : `${field} must be true or false`;

function checkTopics(value: unknown): string | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every((topic) => isKey(TOPICS, topic))) {
    return `topics must be some of ${Object.keys(TOPICS).join(', ')}`;
  }
  return new Set(value).size === value.length ? null : 'topics must not repeat';
}

/** One check per field of the schema: the mapped type makes a new schema field a compile error here. */
const FIELD_CHECKS: { [K in keyof SubmitResponse]-?: FieldCheck } = {
  pairId: text('pairId', 1, 64, true),
  eventKey: text('eventKey', 1, 512),
  start: utcInstant('start'),
  end: utcInstant('end'),
  happened: (value) =>
    typeof value === 'boolean' || value === NOT_A_SESSION ? null : `happened must be true, false or "${NOT_A_SESSION}"`,
  value: (value) =>
    value === undefined || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5)
      ? null
      : 'value must be a whole number from 1 to 5',
  learned: optionalBoolean('learned'),
  openness: optionalBoolean('openness'),
  autonomy: (value) =>
    value === undefined || isKey(AUTONOMY_LEVELS, value)
      ? null
      : `autonomy must be one of ${Object.keys(AUTONOMY_LEVELS).join(', ')}`,
  topics: checkTopics,
  answeredAt: utcInstant('answeredAt', true),
};

const ANSWER_DETAILS = ['value', 'learned', 'openness', 'autonomy', 'topics'] as const;

/** The rules that span fields: the same as `checkAnswer` and `endsAfterStart` in the schema. */
function crossFieldProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (body.happened === true && body.value === undefined) problems.push('value is required when the session happened');
  if (body.happened !== true) {
    const what = body.happened === false ? 'the session did not happen' : 'it was not a mentoring session';
    for (const field of ANSWER_DETAILS) {
      if (body[field] !== undefined) problems.push(`${field} must be absent when ${what}`);
    }
  }
  if (typeof body.start === 'string' && typeof body.end === 'string' && body.end < body.start) {
    problems.push('end must not be before start');
  }
  return problems;
}

/** Why the Worker would refuse this body (empty when it would take it). */
export function responseBodyProblems(body: Record<string, unknown>): string[] {
  const unknown = Object.keys(body)
    .filter((key) => !Object.hasOwn(FIELD_CHECKS, key))
    .map((key) => `unknown field ${key}`);
  const fields = Object.entries(FIELD_CHECKS).flatMap(([key, check]) => check(body[key]) ?? []);
  const problems = [...unknown, ...fields];
  // Cross-field rules only make sense once every field has the right shape, as in zod.
  return problems.length ? problems : crossFieldProblems(body);
}

/** The body, typed, once it passes every rule; otherwise an error listing the problems. */
export function checkedResponseBody(body: Record<string, unknown>): ResponseBody {
  const problems = responseBodyProblems(body);
  if (problems.length) throw new Error(problems.join('; '));
  return body as ResponseBody;
}
