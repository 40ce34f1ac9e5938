import { expect, it } from 'vitest';
import { call, db, pairedProgramme } from './api';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const uuid = () => crypto.randomUUID();

function answer(pairId: string, eventKey: string, fields: Record<string, unknown> = {}) {
  return { pairId, eventKey, start: hoursAgo(2), end: hoursAgo(1), happened: true, value: 4, ...fields };
}

it('redeems an invite once and lets the participant read only their own data', async () => {
  const p = await pairedProgramme('Redeem');
  expect(p.anaToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const again = await call('POST', '/invites/redeem', null, { code: p.ana.inviteCode });
  expect(again.status).toBe(409);
  expect((await call('POST', '/invites/redeem', null, { code: 'x'.repeat(43) })).status).toBe(404);
  expect((await call('POST', '/invites/redeem', null, { code: 1 })).status).toBe(400);

  await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'ev1', { learned: true }));
  await call('PUT', `/responses/${uuid()}`, p.benToken, answer(p.pairId, 'ev1', { value: 2, learned: false }));
  const me = await call('GET', '/me', p.anaToken);
  expect(me.status).toBe(200);
  expect(me.body.participant).toMatchObject({ id: p.ana.id, displayName: 'Ana Lima' });
  expect(me.body.pairs).toEqual([
    expect.objectContaining({ id: p.pairId, partner: { displayName: 'Ben Okafor', email: p.ben.email }, role: 'mentor' }),
  ]);
  expect(me.body.responses).toHaveLength(1);
  expect(me.body.responses[0]).toMatchObject({ pairId: p.pairId, eventKey: 'ev1', value: 4, learned: true });
  expect(JSON.stringify(me.body)).not.toContain('"value":2');
});

it('returns the pair list at redemption time', async () => {
  const p = await pairedProgramme('Redeem pairs');
  const reissued = await call('POST', `/programmes/${p.programme.id}/participants/${p.ben.id}/invite`, p.programme.coordinatorToken);
  expect(reissued.status).toBe(200);
  expect(reissued.body.inviteCode).not.toBe(p.ben.inviteCode);
  expect((await call('POST', '/invites/redeem', null, { code: p.ben.inviteCode })).status).toBe(404);
  const redeemed = await call('POST', '/invites/redeem', null, { code: reissued.body.inviteCode });
  expect(redeemed.status).toBe(200);
  expect(redeemed.body).toMatchObject({
    participant: { id: p.ben.id },
    programme: { id: p.programme.id, name: 'Redeem pairs' },
    pairs: [{ id: p.pairId, partner: { displayName: 'Ana Lima', email: p.ana.email } }],
  });
});

it('creates a session idempotently on (pairId, eventKey)', async () => {
  const p = await pairedProgramme('Sessions');
  const body = { pairId: p.pairId, eventKey: 'uid-1@2026-01-05', start: hoursAgo(2), end: hoursAgo(1) };
  const first = await call('POST', '/sessions', p.anaToken, body);
  const second = await call('POST', '/sessions', p.benToken, body);
  // The same status whoever reports first (see integrity.test.ts for the side channel).
  expect(first.status).toBe(200);
  expect(second.status).toBe(200);
  expect(second.body.id).toBe(first.body.id);
  expect((await call('POST', '/sessions', p.anaToken, { ...body, start: 'yesterday' })).status).toBe(400);
  expect((await call('POST', '/sessions', p.anaToken, { ...body, pairId: 'nope' })).status).toBe(404);
});

it('answers 201 for a new response, 200 for a replacement, and keeps a newer stored answer', async () => {
  const p = await pairedProgramme('Upsert');
  const id = uuid();
  const first = await call('PUT', `/responses/${id}`, p.anaToken, answer(p.pairId, 'ev', { answeredAt: hoursAgo(0.5) }));
  expect(first.status).toBe(201);
  const replaced = await call('PUT', `/responses/${id}`, p.anaToken, answer(p.pairId, 'ev', { value: 5, answeredAt: hoursAgo(0.2) }));
  expect(replaced.status).toBe(200);
  const stale = await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'ev', { value: 1, answeredAt: hoursAgo(0.9) }));
  expect(stale.status).toBe(200);
  const rows = await db()
    .prepare('SELECT r.id, r.value, r.revision FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.pair_id = ?')
    .bind(p.pairId)
    .all();
  expect(rows.results).toEqual([{ id, value: 5, revision: 2 }]);
  const month = await db().prepare('SELECT a_value_sum, a_value_n, responses FROM pair_months WHERE pair_id = ?').bind(p.pairId).first();
  expect(month).toEqual({ a_value_sum: 5, a_value_n: 1, responses: 1 });
});

it('counts ten concurrent replays of one response once', async () => {
  const p = await pairedProgramme('Replays');
  const id = uuid();
  const body = answer(p.pairId, 'ev-concurrent', { answeredAt: hoursAgo(0.5), learned: true });
  const results = await Promise.all(Array.from({ length: 10 }, () => call('PUT', `/responses/${id}`, p.anaToken, body)));
  expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  const count = await db().prepare('SELECT COUNT(*) AS n FROM responses WHERE id = ?').bind(id).first();
  expect(count).toEqual({ n: 1 });
  const month = await db().prepare('SELECT sessions, responses, a_value_n, a_learned_yes FROM pair_months WHERE pair_id = ?').bind(p.pairId).first();
  expect(month).toEqual({ sessions: 1, responses: 1, a_value_n: 1, a_learned_yes: 1 });
});

it('rejects a response id reused by another participant or for another session with 409', async () => {
  const p = await pairedProgramme('Reuse');
  const id = uuid();
  expect((await call('PUT', `/responses/${id}`, p.anaToken, answer(p.pairId, 'ev-a'))).status).toBe(201);
  const other = await call('PUT', `/responses/${id}`, p.benToken, answer(p.pairId, 'ev-a'));
  expect(other.status).toBe(409);
  expect(other.body.error.code).toBe('conflict');
  expect((await call('PUT', `/responses/${id}`, p.anaToken, answer(p.pairId, 'ev-b'))).status).toBe(409);
});

it('rejects outsiders with 403, bad ids and answers with 400, and stale or future sessions with 422', async () => {
  const p = await pairedProgramme('Rules');
  const stranger = await pairedProgramme('Stranger');
  expect((await call('PUT', `/responses/${uuid()}`, stranger.anaToken, answer(p.pairId, 'ev'))).status).toBe(403);
  const badId = await call('PUT', '/responses/not-a-uuid', p.anaToken, answer(p.pairId, 'ev'));
  expect(badId.status).toBe(400);
  expect(badId.body.error.issues[0].path).toEqual(['id']);
  const noValue = await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'ev', { value: undefined }));
  expect(noValue.status).toBe(400);
  expect(noValue.body.error.issues[0].path).toEqual(['value']);
  const future = await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'ev', { start: hoursAgo(-1), end: hoursAgo(-2) }));
  expect(future.status).toBe(422);
  const old = await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'ev-old', { start: hoursAgo(24 * 8 + 1), end: hoursAgo(24 * 8) }));
  expect(old.status).toBe(422);
  expect(old.body.error.code).toBe('unprocessable');
  const soon = await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'ev-soon', { start: hoursAgo(-0.05), end: hoursAgo(-1) }));
  expect(soon.status).toBe(201);
});

it('leaves no session, answer or rollup behind when it refuses an answer', async () => {
  const p = await pairedProgramme('Refusals');
  const stranger = await pairedProgramme('Refusals stranger');
  const used = uuid();
  expect((await call('PUT', `/responses/${used}`, p.anaToken, answer(p.pairId, 'ev-kept'))).status).toBe(201);
  const before = await rowsOfPair(p.pairId);
  const refusals: Array<[number, string, Record<string, unknown>, string]> = [
    [403, stranger.anaToken, answer(p.pairId, 'ev-outsider'), uuid()],
    [404, p.anaToken, answer('no-such-pair', 'ev-nowhere'), uuid()],
    [422, p.anaToken, answer(p.pairId, 'ev-future', { start: hoursAgo(-1), end: hoursAgo(-2) }), uuid()],
    [422, p.anaToken, answer(p.pairId, 'ev-expired', { start: hoursAgo(24 * 8 + 1), end: hoursAgo(24 * 8) }), uuid()],
    [409, p.benToken, answer(p.pairId, 'ev-kept', { value: 1 }), used],
    [409, p.anaToken, answer(p.pairId, 'ev-other', { value: 1 }), used],
  ];
  for (const [status, token, body, id] of refusals) {
    const response = await call('PUT', `/responses/${id}`, token, body);
    expect(response.status, JSON.stringify(body)).toBe(status);
    expect(await rowsOfPair(p.pairId)).toEqual(before);
  }
  expect(await db().prepare('SELECT COUNT(*) AS n FROM sessions WHERE pair_id = ?').bind('no-such-pair').first()).toEqual({ n: 0 });
});

/** Every row a write for this pair could touch. */
async function rowsOfPair(pairId: string) {
  const sessions = await db().prepare('SELECT * FROM sessions WHERE pair_id = ? ORDER BY id').bind(pairId).all();
  const responses = await db()
    .prepare('SELECT r.* FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.pair_id = ? ORDER BY r.id')
    .bind(pairId)
    .all();
  const months = await db().prepare('SELECT * FROM pair_months WHERE pair_id = ? ORDER BY month').bind(pairId).all();
  return { sessions: sessions.results, responses: responses.results, months: months.results };
}
