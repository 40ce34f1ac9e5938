import { expect, it } from 'vitest';
import { sha256Hex } from '../../worker/auth/crypto';
import { call, db, newProgramme } from './api';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

async function everyRow(): Promise<string> {
  const tables = await db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'").all<{ name: string }>();
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.results) dump[name] = (await db().prepare(`SELECT * FROM ${name}`).all()).results;
  return JSON.stringify(dump);
}

it('erases a participant completely while the partner keeps their data', async () => {
  const { id: pid, coordinatorToken } = await newProgramme('Erasure');
  const added = await call('POST', `/programmes/${pid}/participants`, coordinatorToken, {
    participants: [
      { displayName: 'Zelda Quintavalle', email: 'zelda.q@erasure.test', function: 'Quantum Finance', region: 'Atlantis', generation: 'Gen-Erasure' },
      { displayName: 'Ben Okafor', email: 'ben@erasure.test' },
      { displayName: 'Cleo Park', email: 'cleo@erasure.test' },
    ],
  });
  const [zelda, ben, cleo] = added.body.participants;
  const pair1 = (await call('POST', `/programmes/${pid}/pairs`, coordinatorToken, { a: zelda.id, b: ben.id, mentorId: zelda.id, startsOn: '2025-01-01' })).body.id;
  const pair2 = (await call('POST', `/programmes/${pid}/pairs`, coordinatorToken, { a: cleo.id, b: zelda.id, startsOn: '2025-02-01' })).body.id;
  const zeldaToken = (await call('POST', '/invites/redeem', null, { code: zelda.inviteCode })).body.participantToken;
  const benToken = (await call('POST', '/invites/redeem', null, { code: ben.inviteCode })).body.participantToken;
  const session = { pairId: pair1, eventKey: 'meet-1', start: hoursAgo(3), end: hoursAgo(2) };
  expect((await call('PUT', `/responses/${crypto.randomUUID()}`, zeldaToken, { ...session, happened: true, value: 5, learned: true })).status).toBe(201);
  expect((await call('PUT', `/responses/${crypto.randomUUID()}`, benToken, { ...session, happened: true, value: 3, learned: true })).status).toBe(201);
  await call('POST', `/programmes/${pid}/history`, coordinatorToken, JSON.stringify({
    pairId: pair2, eventKey: 'old', start: '2025-03-01T10:00:00Z', end: '2025-03-01T11:00:00Z',
    responses: [{ participantId: zelda.id, happened: true, value: 2 }, { participantId: cleo.id, happened: true, value: 4 }],
  }));

  // Zelda's private checks, her requests (with her words) and her sharing choice go too; Ben's request stays.
  expect((await call('PUT', `/me/checks/${crypto.randomUUID()}`, zeldaToken, { kind: 'fit', pairId: pair1, fit: 'not_working' })).status).toBe(201);
  expect((await call('PUT', `/me/requests/${crypto.randomUUID()}`, zeldaToken, { kind: 'rematch', pairId: pair1, message: 'Zelda-only words' })).status).toBe(201);
  expect((await call('PUT', `/me/requests/${crypto.randomUUID()}`, zeldaToken, { kind: 'contact', urgency: 'urgent' })).status).toBe(201);
  expect((await call('PUT', `/me/requests/${crypto.randomUUID()}`, benToken, { kind: 'contact', pairId: pair1, urgency: 'whenever' })).status).toBe(201);
  await db().prepare('INSERT INTO pair_sharing (pair_id, participant_id, joint_summary, changed_at) VALUES (?1, ?2, 1, ?3)')
    .bind(pair1, zelda.id, hoursAgo(1)).run();

  const other = await newProgramme('Erasure other');
  expect((await call('DELETE', `/participants/${zelda.id}`, other.coordinatorToken)).status).toBe(403);
  expect((await call('DELETE', `/participants/${zelda.id}`, zeldaToken)).status).toBe(403);
  const res = await call('DELETE', `/participants/${zelda.id}`, coordinatorToken);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ erased: true, pairs: 2, responses: 2 });

  const dump = await everyRow();
  expect(dump).toContain('ben@erasure.test');
  for (const secret of [zelda.id, 'Zelda', 'Quintavalle', 'Zelda-only words', 'zelda.q@erasure.test', 'Quantum Finance', 'Atlantis', 'Gen-Erasure',
    await sha256Hex(zeldaToken), await sha256Hex(zelda.inviteCode)]) {
    expect(dump).not.toContain(secret);
  }
  expect((await call('GET', '/me', zeldaToken)).status).toBe(401);
  expect((await call('DELETE', `/participants/${zelda.id}`, coordinatorToken)).status).toBe(404);

  // The partner's answers and the pairs survive, with a tombstone in Zelda's place.
  const month = await db().prepare('SELECT a_value_n, b_value_sum, b_value_n, responses FROM pair_months WHERE pair_id = ?').bind(pair1).first();
  expect(month).toEqual({ a_value_n: 0, b_value_sum: 3, b_value_n: 1, responses: 1 });
  const pairs = (await call('GET', `/programmes/${pid}/pairs`, coordinatorToken)).body.pairs;
  expect(pairs).toHaveLength(2);
  expect(pairs[0].a.displayName).toBe('Erased participant');
  expect(pairs[0].mentorId).toBe(pairs[0].a.id);
  expect(pairs[1].b.id).not.toBe(pairs[0].a.id);
  const people = (await call('GET', `/programmes/${pid}/participants`, coordinatorToken)).body.participants;
  expect(people.map((p: { email: string }) => p.email)).toEqual(['ben@erasure.test', 'cleo@erasure.test']);
  const benMe = await call('GET', '/me', benToken);
  expect(benMe.body.responses).toHaveLength(1);
  expect(benMe.body.requests).toHaveLength(1);
  const queue = (await call('GET', `/programmes/${pid}/requests?status=all`, coordinatorToken)).body.requests;
  expect(queue).toEqual([expect.objectContaining({ from: expect.objectContaining({ id: ben.id }), partner: expect.objectContaining({ displayName: 'Erased participant' }) })]);
});
