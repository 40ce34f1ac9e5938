// PATCH /programmes/:pid/pairs/:pairId (close, reopen, cohort, cadence) and
// POST /programmes/:pid/pairs/:pairId/rematch, on the real D1.
import { expect, it } from 'vitest';
import { call, pairedProgramme } from './api';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

async function withCleo(name: string, startsOn = daysAgo(60)) {
  const p = await pairedProgramme(name, startsOn);
  const added = await call('POST', `/programmes/${p.programme.id}/participants`, p.programme.coordinatorToken, {
    participants: [{ displayName: 'Cleo Park', email: `cleo@${name.replace(/\W/g, '').toLowerCase()}.test` }],
  });
  return { ...p, cleo: added.body.participants[0] as { id: string } };
}

it('closes, reopens and changes a pair, and the served dashboard follows at once', async () => {
  const p = await pairedProgramme('Pair changes', daysAgo(60));
  const { id: pid, coordinatorToken } = p.programme;
  const path = `/programmes/${pid}/pairs/${p.pairId}`;
  expect((await call('GET', `/programmes/${pid}/dashboard`, coordinatorToken)).body.pairs[0].cohort).toBe('2026');
  const changed = await call('PATCH', path, coordinatorToken, { cohort: 'Autumn', cadenceDays: 7, endsOn: daysAgo(1) });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ id: p.pairId, cohort: 'Autumn', cadenceDays: 7, endsOn: daysAgo(1), a: { displayName: 'Ana Lima' } });
  const dashboard = await call('GET', `/programmes/${pid}/dashboard`, coordinatorToken);
  expect(dashboard.body.served.from).toBe('snapshot');
  expect(dashboard.body.pairs[0].cohort).toBe('Autumn');
  expect((await call('GET', '/me', p.anaToken)).body.pairs[0]).toMatchObject({ endsOn: daysAgo(1), cadenceDays: 7 });
  const reopened = await call('PATCH', path, coordinatorToken, { endsOn: null });
  expect(reopened.body).toMatchObject({ endsOn: null, cohort: 'Autumn' });

  expect((await call('PATCH', path, coordinatorToken, {})).status).toBe(400);
  expect((await call('PATCH', path, coordinatorToken, { endsOn: daysAgo(61) })).status).toBe(400);
  expect((await call('PATCH', path, coordinatorToken, { cadenceDays: 0 })).status).toBe(400);
  expect((await call('PATCH', `/programmes/${pid}/pairs/nope`, coordinatorToken, { cohort: 'x' })).status).toBe(404);
  const other = await pairedProgramme('Pair changes other');
  expect((await call('PATCH', path, other.programme.coordinatorToken, { cohort: 'x' })).status).toBe(403);
  expect((await call('PATCH', `/programmes/${other.programme.id}/pairs/${p.pairId}`, other.programme.coordinatorToken, { cohort: 'x' })).status).toBe(404);
  expect((await call('PATCH', path, p.anaToken, { cohort: 'x' })).status).toBe(403);
});

it('rematches a member: ends the old pair the day before, creates the new one, marks the request handled', async () => {
  const p = await withCleo('Rematch');
  const { id: pid, coordinatorToken } = p.programme;
  const requestId = crypto.randomUUID();
  expect((await call('PUT', `/me/requests/${requestId}`, p.benToken, { kind: 'rematch', pairId: p.pairId })).status).toBe(201);
  const today = new Date().toISOString().slice(0, 10);
  const res = await call('POST', `/programmes/${pid}/pairs/${p.pairId}/rematch`, coordinatorToken, { member: p.ben.id, partnerId: p.cleo.id, requestId });
  expect(res.status).toBe(201);
  expect(res.body.ended).toMatchObject({ id: p.pairId, endsOn: daysAgo(1) });
  const pairs = (await call('GET', `/programmes/${pid}/pairs`, coordinatorToken)).body.pairs;
  const created = pairs.find((pair: { id: string }) => pair.id === res.body.created.id);
  // Ana was Ben's mentor; Ben stays the mentee, so his new partner mentors him. Cohort and cadence carry over.
  expect(created).toMatchObject({ a: { id: p.ben.id }, b: { id: p.cleo.id }, mentorId: p.cleo.id, cohort: '2026', startsOn: today, endsOn: null, cadenceDays: 14 });
  const queue = (await call('GET', `/programmes/${pid}/requests?status=handled`, coordinatorToken)).body.requests;
  expect(queue).toEqual([expect.objectContaining({ id: requestId, status: 'handled' })]);
  // Ben now has two pairs: the ended one asks its closing question.
  const benPairs = (await call('GET', '/me', p.benToken)).body.pairs;
  expect(benPairs.map((pair: { questions: { closing: boolean } }) => pair.questions.closing)).toEqual([true, false]);
  // A replay finds the same new pair.
  const replay = await call('POST', `/programmes/${pid}/pairs/${p.pairId}/rematch`, coordinatorToken, { member: p.ben.id, partnerId: p.cleo.id });
  expect(replay.status).toBe(201);
  expect(replay.body.created.id).toBe(res.body.created.id);
  expect((await call('GET', `/programmes/${pid}/pairs`, coordinatorToken)).body.pairs).toHaveLength(2);
});

it('refuses a rematch that does not fit the pair', async () => {
  const p = await withCleo('Rematch refusals');
  const other = await withCleo('Rematch elsewhere');
  const { id: pid, coordinatorToken } = p.programme;
  const rematch = (body: Record<string, unknown>, pairId = p.pairId) => call('POST', `/programmes/${pid}/pairs/${pairId}/rematch`, coordinatorToken, body);
  expect((await rematch({ member: p.cleo.id, partnerId: p.ben.id })).status).toBe(400);
  expect((await rematch({ member: p.ana.id, partnerId: p.ben.id })).status).toBe(400);
  expect((await rematch({ member: p.ana.id, partnerId: other.cleo.id })).status).toBe(400);
  expect((await rematch({ member: p.ana.id, partnerId: p.cleo.id, startsOn: daysAgo(60) })).status).toBe(409);
  expect((await rematch({ member: p.ana.id, partnerId: p.cleo.id, startsOn: daysAgo(90) })).status).toBe(409);
  expect((await rematch({ member: p.ana.id, partnerId: p.cleo.id, requestId: crypto.randomUUID() })).status).toBe(404);
  const foreign = crypto.randomUUID();
  await call('PUT', `/me/requests/${foreign}`, other.anaToken, { kind: 'contact', urgency: 'whenever' });
  expect((await rematch({ member: p.ana.id, partnerId: p.cleo.id, requestId: foreign })).status).toBe(404);
  expect((await rematch({ member: p.ana.id, partnerId: p.cleo.id }, 'no-such-pair')).status).toBe(404);
  expect((await call('POST', `/programmes/${pid}/pairs/${p.pairId}/rematch`, p.anaToken, { member: p.ana.id, partnerId: p.cleo.id })).status).toBe(403);
  // Nothing of the refused attempts was written.
  const pairs = (await call('GET', `/programmes/${pid}/pairs`, coordinatorToken)).body.pairs;
  expect(pairs).toEqual([expect.objectContaining({ id: p.pairId, endsOn: null })]);
  // An earlier end the pair already had stands.
  await call('PATCH', `/programmes/${pid}/pairs/${p.pairId}`, coordinatorToken, { endsOn: daysAgo(10) });
  const late = await rematch({ member: p.ana.id, partnerId: p.cleo.id });
  expect(late.body.ended.endsOn).toBe(daysAgo(10));
  expect((await call('GET', `/programmes/${other.programme.id}/requests`, other.programme.coordinatorToken)).body.requests[0].status).toBe('open');
});
