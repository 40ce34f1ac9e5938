// The answer's write batch admits by its SQL guard and explains a refusal with
// the domain's rules (worker/domain/admission.ts). Both must agree on every
// case, rule by rule, or an answer could be refused without a reason (or
// accepted with a refusal). Driven through both on a real D1: the context read
// and the rules in TypeScript, the guard built from the same rules in SQL.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { admissionRefusal, ANSWER_GUARD, answerTimeBounds, type AdmissionClaim } from '../../worker/domain/admission';
import { admissionFacts, admittedBy, readAnswerContext, type Admission, type AnswerContext } from '../../worker/storage/answer-admission';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const created = '2026-01-01T00:00:00.000Z';

beforeAll(async () => {
  const db = env.DB;
  const person = (id: string, programme: string) =>
    db.prepare(
      `INSERT INTO participants (id, programme_id, display_name, email, invite_hash, created_at) VALUES (?1, ?2, ?1, ?1 || '@example.com', 'invite-' || ?1, ?3)`,
    ).bind(id, programme, created);
  const pair = (id: string, programme: string, a: string, b: string, startsOn: string, endsOn: string | null) =>
    db.prepare('INSERT INTO pairs (id, programme_id, a_id, b_id, starts_on, ends_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)')
      .bind(id, programme, a, b, startsOn, endsOn, created);
  const token = (hash: string, programme: string, participant: string) =>
    db.prepare("INSERT INTO tokens (hash, role, programme_id, participant_id, created_at) VALUES (?1, 'participant', ?2, ?3, ?4)")
      .bind(hash, programme, participant, created);
  const revokedToken = (hash: string, reason: string) =>
    db.prepare("INSERT INTO revoked_tokens (hash, role, programme_id, reason, revoked_at) VALUES (?1, 'participant', 'p1', ?2, ?3)")
      .bind(hash, reason, created);
  await db.batch([
    db.prepare("INSERT INTO programmes (id, name, created_at) VALUES ('p1', 'One', ?1), ('p2', 'Two', ?1)").bind(created),
    person('ana', 'p1'), person('ben', 'p1'), person('cleo', 'p1'), person('dan', 'p2'),
    // Enrolments whose first and last days fall inside the answer window around NOW.
    pair('pair1', 'p1', 'ana', 'ben', '2026-02-24', '2026-03-01'),
    pair('pair2', 'p1', 'ana', 'cleo', '2026-02-27', null),
    pair('pair3', 'p2', 'dan', 'zed', '2026-01-01', null),
    db.prepare(
      `INSERT INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       VALUES ('s1', 'p1', 'pair1', 'k1', '2026-02-26T10:00:00.000Z', '2026-02-26T11:00:00.000Z', '2026-02', ?1)`,
    ).bind(created),
    db.prepare("INSERT INTO responses (id, session_id, participant_id, happened, answered_at) VALUES ('r-used', 's1', 'ana', 0, ?1)").bind(created),
    token('t-ana', 'p1', 'ana'), token('t-ben', 'p1', 'ben'), token('t-dan', 'p2', 'dan'),
    revokedToken('t-gone', 'token_revoked'), revokedToken('t-reset', 'access_reset'),
  ]);
});

/** Offsets that sit on the rules' edges (the 5-minute lead, day boundaries, the 7-day window), and any other. */
const startOffset = fc.oneof(
  fc.constantFrom(5 * MINUTE, 5 * MINUTE + 1, 0, -12 * 60 * MINUTE, -12 * 60 * MINUTE - 1, -5 * DAY, -7 * DAY - 60 * MINUTE),
  fc.integer({ min: -9 * DAY, max: DAY }),
);
const duration = fc.oneof(fc.constantFrom(0, 1, 60 * MINUTE), fc.integer({ min: 0, max: 2 * DAY }));

const admission = fc.record({
  pairId: fc.constantFrom('pair1', 'pair2', 'pair3', 'no-such-pair'),
  programmeId: fc.constantFrom('p1', 'p2'),
  participantId: fc.constantFrom('ana', 'ben', 'cleo', 'dan'),
  sessionId: fc.constantFrom('s1', 's2'),
  responseId: fc.constantFrom('r-used', 'r-new'),
  tokenHash: fc.constantFrom(null, 't-ana', 't-ben', 't-dan', 't-gone', 't-reset', 't-unknown'),
  startOffset,
  duration,
}).map(({ startOffset: offset, duration: length, ...ids }): Admission => {
  const start = NOW.getTime() + offset;
  return {
    ...ids,
    ...answerTimeBounds(NOW),
    start: new Date(start).toISOString(),
    end: new Date(start + length).toISOString(),
  };
});

describe('answer admission', () => {
  it('admits in SQL exactly what the domain rules admit, rule by rule and all together', async () => {
    const rulesets = [ANSWER_GUARD, ...ANSWER_GUARD.map((rule) => [rule] as const)];
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(admission, async (a) => {
        const [context, ...guards] = await env.DB.batch([
          readAnswerContext(env.DB, a),
          ...rulesets.map((rules) => admittedBy(env.DB, rules, a)),
        ]);
        const facts = admissionFacts(context!.results[0] as AnswerContext);
        const claim: AdmissionClaim = {
          programmeId: a.programmeId, participantId: a.participantId, eventKey: 'k', start: a.start, end: a.end, sessionId: a.sessionId,
        };
        rulesets.forEach((rules, i) => {
          const refusal = admissionRefusal(rules, facts, claim, NOW);
          const admittedBySql = guards[i]!.results.length === 1;
          expect({ rules, admitted: admittedBySql }).toEqual({ rules, admitted: refusal === null });
        });
        if (admissionRefusal(ANSWER_GUARD, facts, claim, NOW)) refused++;
      }),
      { numRuns: 400 },
    );
    // Both outcomes were exercised, not only refusals.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(400);
  });

  it('explains each refusal with the error code the API has always sent', async () => {
    const base: Admission = {
      pairId: 'pair1', programmeId: 'p1', participantId: 'ben', sessionId: 's1', responseId: 'r-new',
      ...answerTimeBounds(NOW), start: '2026-02-28T10:00:00.000Z', end: '2026-02-28T11:00:00.000Z', tokenHash: 't-ben',
    };
    const refusalOf = async (change: Partial<Admission>) => {
      const a = { ...base, ...change };
      const context = (await readAnswerContext(env.DB, a).first()) as AnswerContext;
      const claim = { programmeId: a.programmeId, participantId: a.participantId, eventKey: 'k', start: a.start, end: a.end, sessionId: a.sessionId };
      const refusal = admissionRefusal(ANSWER_GUARD, admissionFacts(context), claim, NOW);
      return refusal && { status: refusal.status, code: refusal.code, message: refusal.message };
    };
    expect(await refusalOf({})).toBeNull();
    expect(await refusalOf({ tokenHash: 't-gone' })).toMatchObject({ status: 401, code: 'token_revoked' });
    expect(await refusalOf({ tokenHash: 't-reset' })).toMatchObject({ status: 401, code: 'access_reset' });
    expect(await refusalOf({ tokenHash: 't-unknown' })).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await refusalOf({ pairId: 'no-such-pair' })).toEqual({ status: 404, code: 'not_found', message: 'pair not found' });
    expect(await refusalOf({ pairId: 'pair3' })).toEqual({ status: 403, code: 'forbidden', message: 'you are not a member of this pair' });
    expect(await refusalOf({ start: '2026-03-01T12:06:00.000Z', end: '2026-03-01T13:00:00.000Z' })).toMatchObject({
      status: 422, message: 'the session has not started yet',
    });
    expect(await refusalOf({ start: '2026-02-21T10:00:00.000Z', end: '2026-02-21T11:00:00.000Z' })).toMatchObject({
      status: 422, message: 'the session ended more than 7 days ago; answers for it have expired',
    });
    expect(await refusalOf({ start: '2026-02-23T23:00:00.000Z', end: '2026-02-24T11:00:00.000Z' })).toMatchObject({
      status: 422, message: "the session starts before the pair's start (2026-02-24)",
    });
    expect(await refusalOf({ responseId: 'r-used' })).toEqual({
      status: 409, code: 'conflict', message: 'this response id is already used for another answer',
    });
  });
});
