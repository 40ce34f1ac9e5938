// PUT /me/requests/:id and the coordinator's queue (GET/PATCH /programmes/:pid/requests),
// with the privacy attacks: requests and checks never reach the partner or any figure.
import { expect, it } from 'vitest';
import { call, pairedProgramme } from './api';

const uuid = () => crypto.randomUUID();
const send = (token: string, body: Record<string, unknown>, id = uuid()) => call('PUT', `/me/requests/${id}`, token, body);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

it('stores a request once per id: 201, then 200 with the stored request whatever the replay says; 409 for another person', async () => {
  const p = await pairedProgramme('Requests');
  const id = uuid();
  const sentAt = minutesAgo(5);
  const sent = await send(p.anaToken, { kind: 'rematch', pairId: p.pairId, message: '  We never\n\u202emeet  ', sentAt }, id);
  expect(sent.status).toBe(201);
  expect(sent.body).toEqual({ id, kind: 'rematch', pairId: p.pairId, status: 'open', createdAt: sentAt, handledAt: null });
  const replay = await send(p.anaToken, { kind: 'contact', urgency: 'urgent', message: 'changed my mind' }, id);
  expect(replay).toMatchObject({ status: 200, body: sent.body });
  const taken = await send(p.benToken, { kind: 'contact', urgency: 'whenever' }, id);
  expect(taken).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  expect(JSON.stringify(taken.body)).not.toContain('meet');

  const queue = (await call('GET', `/programmes/${p.programme.id}/requests`, p.programme.coordinatorToken)).body.requests;
  expect(queue).toHaveLength(1);
  expect(queue[0]).toMatchObject({
    id, kind: 'rematch', from: { id: p.ana.id, displayName: 'Ana Lima', email: p.ana.email },
    partner: { id: p.ben.id, displayName: 'Ben Okafor' }, cohort: '2026', urgency: null,
  });
  // The message is cleaned as shown text: line breaks become spaces, bidi overrides go.
  expect(queue[0].message).toBe('We never meet');
  // A send time ahead of the Worker's clock is not believed.
  const ahead = await send(p.benToken, { kind: 'contact', urgency: 'whenever', sentAt: new Date(Date.now() + 3_600_000).toISOString() });
  expect(Date.parse(ahead.body.createdAt)).toBeLessThanOrEqual(Date.now());
});

it('validates requests: a rematch needs a pair of the caller; a contact an urgency; a message at most 500 characters', async () => {
  const p = await pairedProgramme('Request input');
  const q = await pairedProgramme('Request stranger');
  expect((await send(p.anaToken, { kind: 'rematch' })).status).toBe(400);
  expect((await send(p.anaToken, { kind: 'contact' })).status).toBe(400);
  expect((await send(p.anaToken, { kind: 'contact', urgency: 'asap' })).status).toBe(400);
  expect((await send(p.anaToken, { kind: 'contact', urgency: 'urgent', message: 'x'.repeat(501) })).status).toBe(400);
  expect((await send(p.anaToken, { kind: 'contact', urgency: 'urgent', message: 'x'.repeat(500) })).status).toBe(201);
  expect((await send(p.programme.coordinatorToken, { kind: 'contact', urgency: 'urgent' })).status).toBe(403);
  // Another programme's pair and no pair at all look the same.
  const stranger = await send(q.anaToken, { kind: 'rematch', pairId: p.pairId });
  const nowhere = await send(q.anaToken, { kind: 'rematch', pairId: 'no-such-pair' });
  expect(stranger.status).toBe(404);
  expect(stranger.body).toEqual(nowhere.body);
  expect((await send(q.anaToken, { kind: 'contact', urgency: 'whenever', pairId: p.pairId })).status).toBe(404);
});

it('lists the queue newest first by status and kind, and marks a request handled or open again', async () => {
  const p = await pairedProgramme('Queue');
  const coordinator = p.programme.coordinatorToken;
  const rematch = (await send(p.anaToken, { kind: 'rematch', pairId: p.pairId, sentAt: minutesAgo(30) })).body;
  const urgent = (await send(p.benToken, { kind: 'contact', urgency: 'urgent', message: 'Please call me', sentAt: minutesAgo(20) })).body;
  const later = (await send(p.anaToken, { kind: 'contact', urgency: 'whenever', pairId: p.pairId, sentAt: minutesAgo(10) })).body;
  const list = async (query = '') => (await call('GET', `/programmes/${p.programme.id}/requests${query}`, coordinator)).body.requests.map((r: { id: string }) => r.id);
  expect(await list()).toEqual([later.id, urgent.id, rematch.id]);
  expect(await list('?kind=contact')).toEqual([later.id, urgent.id]);
  const queue = (await call('GET', `/programmes/${p.programme.id}/requests?kind=contact`, coordinator)).body.requests;
  expect(queue[1]).toMatchObject({ urgency: 'urgent', message: 'Please call me', partner: null, cohort: null });
  expect(queue[0]).toMatchObject({ partner: { id: p.ben.id }, cohort: '2026' });

  const handled = await call('PATCH', `/programmes/${p.programme.id}/requests/${urgent.id}`, coordinator, { status: 'handled' });
  expect(handled.status).toBe(200);
  expect(handled.body).toMatchObject({ id: urgent.id, status: 'handled', handledAt: expect.any(String) });
  const again = await call('PATCH', `/programmes/${p.programme.id}/requests/${urgent.id}`, coordinator, { status: 'handled' });
  expect(again.body.handledAt).toBe(handled.body.handledAt);
  expect(await list()).toEqual([later.id, rematch.id]);
  expect(await list('?status=handled')).toEqual([urgent.id]);
  expect(await list('?status=all')).toEqual([later.id, urgent.id, rematch.id]);
  expect((await call('GET', '/me', p.benToken)).body.requests).toEqual([expect.objectContaining({ id: urgent.id, status: 'handled' })]);
  const reopened = await call('PATCH', `/programmes/${p.programme.id}/requests/${urgent.id}`, coordinator, { status: 'open' });
  expect(reopened.body).toMatchObject({ status: 'open', handledAt: null });

  expect((await call('GET', `/programmes/${p.programme.id}/requests?status=closed`, coordinator)).status).toBe(400);
  expect((await call('PATCH', `/programmes/${p.programme.id}/requests/${urgent.id}`, coordinator, { status: 'gone' })).status).toBe(400);
  expect((await call('PATCH', `/programmes/${p.programme.id}/requests/${uuid()}`, coordinator, { status: 'handled' })).status).toBe(404);
  const other = await pairedProgramme('Queue other');
  expect((await call('GET', `/programmes/${p.programme.id}/requests`, other.programme.coordinatorToken)).status).toBe(403);
  expect((await call('PATCH', `/programmes/${other.programme.id}/requests/${urgent.id}`, other.programme.coordinatorToken, { status: 'handled' })).status).toBe(404);
  expect((await call('GET', `/programmes/${p.programme.id}/requests`, p.programme.sponsorToken)).status).toBe(403);
  expect((await call('GET', `/programmes/${p.programme.id}/requests`, p.anaToken)).status).toBe(403);
  // The sender's own list carries no message.
  expect(JSON.stringify((await call('GET', '/me', p.benToken)).body)).not.toContain('Please call me');
});

/** Everything the partner and the figures show, with the time each was served left out. */
async function everythingVisible(p: Awaited<ReturnType<typeof pairedProgramme>>) {
  const { id: pid, coordinatorToken, sponsorToken } = p.programme;
  const month = new Date().toISOString().slice(0, 7);
  const strip = ({ served: _served, ...rest }: Record<string, unknown>) => rest;
  const read = async (path: string, token: string) => {
    const res = await call('GET', path, token);
    return { status: res.status, body: res.body && typeof res.body === 'object' ? strip(res.body) : res.body };
  };
  return {
    partnerMe: await read('/me', p.benToken),
    summary: await read(`/me/pairs/${p.pairId}/summary?month=${month}`, p.benToken),
    dashboard: await read(`/programmes/${pid}/dashboard`, coordinatorToken),
    pair: await read(`/programmes/${pid}/pairs/${p.pairId}`, coordinatorToken),
    cohorts: await read(`/programmes/${pid}/cohorts`, coordinatorToken),
    culture: await read(`/programmes/${pid}/culture`, sponsorToken),
  };
}

it('a rematch request changes nothing the partner can read, nor any figure', async () => {
  const p = await pairedProgramme('Request privacy');
  const session = { pairId: p.pairId, eventKey: 'meet', start: minutesAgo(120), end: minutesAgo(60), happened: true, value: 4 };
  await call('PUT', `/responses/${uuid()}`, p.anaToken, session);
  await call('PUT', `/responses/${uuid()}`, p.benToken, session);
  const before = await everythingVisible(p);
  expect(before.dashboard.status).toBe(200);
  const request = await send(p.anaToken, { kind: 'rematch', pairId: p.pairId, message: 'Ben-never-knows' });
  expect(request.status).toBe(201);
  await send(p.anaToken, { kind: 'contact', pairId: p.pairId, urgency: 'urgent', message: 'Ben-never-knows' });
  expect(await everythingVisible(p)).toEqual(before);
});

it('no participant route shows a partner\'s fit, check or request, and no coordinator route a single fit answer', async () => {
  const p = await pairedProgramme('Check privacy');
  const { id: pid, coordinatorToken, sponsorToken } = p.programme;
  const fitId = uuid();
  const requestId = uuid();
  await call('PUT', `/me/checks/${fitId}`, p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'not_working' });
  await send(p.anaToken, { kind: 'rematch', pairId: p.pairId, message: 'secret-words' }, requestId);
  const month = new Date().toISOString().slice(0, 7);
  const partnerReads = [
    await call('GET', '/me', p.benToken),
    await call('GET', `/me/pairs/${p.pairId}/summary?month=${month}`, p.benToken),
    // Replaying Ana's ids is refused without echoing what they hold.
    await call('PUT', `/me/checks/${fitId}`, p.benToken, { kind: 'fit', pairId: p.pairId, fit: 'working' }),
    await send(p.benToken, { kind: 'contact', urgency: 'whenever' }, requestId),
  ];
  for (const read of partnerReads) {
    const text = JSON.stringify(read.body);
    for (const secret of ['not_working', fitId, requestId, 'secret-words', 'rematch']) expect(text).not.toContain(secret);
  }
  expect(partnerReads[2]?.status).toBe(409);
  expect(partnerReads[3]?.status).toBe(409);
  expect((await call('GET', '/me', p.benToken)).body.pairs[0].questions.fit).toBe(true);

  const coordinatorReads = [
    `/programmes/${pid}/dashboard`, `/programmes/${pid}/pairs`, `/programmes/${pid}/pairs/${p.pairId}`, `/programmes/${pid}/participants`,
    `/programmes/${pid}/requests?status=all`, `/programmes/${pid}/culture`, `/programmes/${pid}/export.csv`, `/programmes/${pid}/cohorts`,
  ];
  for (const path of coordinatorReads) {
    for (const token of [coordinatorToken, sponsorToken]) {
      const text = JSON.stringify((await call('GET', path, token)).body);
      expect(text).not.toContain('not_working');
      expect(text).not.toContain(fitId);
    }
  }
});
