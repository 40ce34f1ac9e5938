// @vitest-environment node
// The hand-written check the background runs before queuing an answer must
// agree with the Worker's zod schema: whatever it lets through the schema
// takes, and for the answer fields a page can send it refuses exactly what
// the schema refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTONOMY_LEVELS, submitResponse, TOPICS } from '../../shared/schemas';
import { checkedResponseBody, responseBodyProblems } from '../../extension/outbox/response-body';

const session = {
  pairId: 'pair-1',
  eventKey: 'uid-1/2026-11-23T10:00:00.000Z',
  start: '2026-11-23T10:00:00.000Z',
  end: '2026-11-23T11:00:00.000Z',
  answeredAt: '2026-11-23T11:05:00.000Z',
};

/** What a page's message could carry as an answer: good values, wrong ones, wrong types, strays. */
const junk = fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.double(), fc.boolean(), fc.constant([]));
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: junk, weight: 1 }), { nil: undefined });
const answer = fc.record(
  {
    happened: fc.oneof(
      { arbitrary: fc.boolean(), weight: 8 },
      { arbitrary: fc.constant('not_a_session'), weight: 2 },
      { arbitrary: junk, weight: 1 },
    ),
    value: field(fc.integer({ min: -1, max: 7 })),
    learned: field(fc.boolean()),
    openness: field(fc.boolean()),
    autonomy: field(fc.constantFrom(...AUTONOMY_LEVELS, 'nope')),
    topics: field(fc.array(fc.constantFrom(...TOPICS, 'nope'), { maxLength: 7 })),
    stray: field(fc.constant('x')),
  },
  { requiredKeys: ['happened'] },
);

/** Drops keys whose value is undefined, as the message channel and storage do. */
const defined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

describe('responseBodyProblems', () => {
  it('agrees with submitResponse on every answer a page could send', () => {
    fc.assert(
      fc.property(answer, (generated) => {
        const body = defined({ ...session, ...generated });
        const schemaTakesIt = submitResponse.safeParse(body).success;
        expect(responseBodyProblems(body).length === 0).toBe(schemaTakesIt);
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  it('lets through only session fields the schema takes', () => {
    const instant = fc.oneof(
      fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T10:00:00.000Z', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00+01:00', 'soon', ''),
      junk,
    );
    const sessionFields = fc.record({
      pairId: fc.oneof(fc.constantFrom('pair-1', ' ', 'p'.repeat(64), 'p'.repeat(65)), fc.string({ maxLength: 70 }), junk),
      eventKey: fc.oneof(fc.constantFrom('', 'k', 'k'.repeat(512), 'k'.repeat(513)), fc.string({ maxLength: 20 }), junk),
      start: instant,
      end: instant,
    });
    fc.assert(
      fc.property(sessionFields, answer, (fields, generated) => {
        const body = defined({ ...session, ...fields, ...generated });
        if (responseBodyProblems(body).length === 0) expect(submitResponse.safeParse(body).success).toBe(true);
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  it('says what is wrong, in words a person can act on', () => {
    expect(responseBodyProblems({ ...session, happened: false, value: 3 })).toEqual([
      'value must be absent when the session did not happen',
    ]);
    expect(responseBodyProblems({ ...session, happened: true })).toEqual(['value is required when the session happened']);
    expect(responseBodyProblems({ ...session, happened: 'not_a_session' })).toEqual([]);
    expect(responseBodyProblems({ ...session, happened: 'not_a_session', topics: ['career'] })).toEqual([
      'topics must be absent when it was not a mentoring session',
    ]);
    expect(responseBodyProblems({ ...session, happened: 'no' })).toEqual(['happened must be true, false or "not_a_session"']);
    expect(responseBodyProblems({ ...session, happened: true, value: 6 })).toEqual([
      'value must be a whole number from 1 to 5',
    ]);
    expect(responseBodyProblems({ ...session, end: '2026-11-23T09:00:00.000Z', happened: false })).toEqual([
      'end must not be before start',
    ]);
    expect(responseBodyProblems({ ...session, happened: false, extra: 1 })).toEqual(['unknown field extra']);
  });

  it('returns the body unchanged when it passes, and throws the problems when not', () => {
    const body = { ...session, happened: true, value: 4, topics: ['career' as const] };
    expect(checkedResponseBody(body)).toBe(body);
    expect(submitResponse.parse(checkedResponseBody(body))).toMatchObject({ value: 4, topics: ['career'] });
    expect(() => checkedResponseBody({ ...session, happened: true, value: 0 })).toThrow(/value must be a whole number/);
  });
});
