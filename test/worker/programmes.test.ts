import { expect, it } from 'vitest';
import { ADMIN, call, db, newProgramme } from './api';

it('creates a programme with two tokens and stores only their hashes', async () => {
  const res = await call('POST', '/programmes', ADMIN, { name: 'Pilot', kAnonymity: 7, weights: { value: 2 } });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ id: expect.any(String), coordinatorToken: expect.any(String), sponsorToken: expect.any(String) });
  expect(res.body.coordinatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const rows = await db().prepare('SELECT hash, role FROM tokens WHERE programme_id = ?').bind(res.body.id).all();
  expect(rows.results.map((r) => r.role).sort()).toEqual(['coordinator', 'sponsor']);
  for (const row of rows.results) {
    expect(row.hash).not.toBe(res.body.coordinatorToken);
    expect(row.hash).not.toBe(res.body.sponsorToken);
  }
  const read = await call('GET', `/programmes/${res.body.id}`, res.body.sponsorToken);
  expect(read.body).toEqual({ id: res.body.id, name: 'Pilot', kAnonymity: 7, weights: { value: 2 }, meetingKeywords: [], minAnswersPerMember: 3, maxPromptsPerPairPerWeek: null });
});

it('rejects an invalid programme with zod issues and their paths', async () => {
  const res = await call('POST', '/programmes', ADMIN, { name: '', kAnonymity: 1 });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid_input');
  expect(res.body.error.issues.map((i: any) => i.path.join('.')).sort()).toEqual(['kAnonymity', 'name']);
});

it('answers 400 to a body that is not JSON', async () => {
  const res = await call('POST', '/programmes', ADMIN, '{"name": ', { headers: { 'Content-Type': 'application/json' } });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'invalid_json' });
});

it('answers 401 without a token and with a wrong one, 403 for the wrong role', async () => {
  expect((await call('POST', '/programmes', null, { name: 'x' })).status).toBe(401);
  const bad = await call('POST', '/programmes', 'not-a-token', { name: 'x' });
  expect(bad.status).toBe(401);
  expect(bad.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  const { coordinatorToken } = await newProgramme();
  expect((await call('POST', '/programmes', coordinatorToken, { name: 'x' })).status).toBe(403);
});

it('reports health and 404s unknown API routes with the envelope', async () => {
  const health = await call('GET', '/health');
  expect(health.body).toEqual({ ok: true, version: expect.any(String) });
  const missing = await call('GET', '/nope');
  expect(missing.status).toBe(404);
  expect(missing.body.error.code).toBe('not_found');
});

it('sets security headers and CORS only for extension origins', async () => {
  const ext = await call('GET', '/health', null, undefined, { headers: { Origin: 'chrome-extension://abcdefghijklmnop' } });
  expect(ext.headers.get('x-content-type-options')).toBe('nosniff');
  expect(ext.headers.get('referrer-policy')).toBe('no-referrer');
  expect(ext.headers.get('x-frame-options')).toBe('DENY');
  expect(ext.headers.get('strict-transport-security')).toContain('max-age=');
  expect(ext.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
  const moz = await call('OPTIONS', '/responses/x', null, undefined, {
    headers: { Origin: 'moz-extension://1234-abcd', 'Access-Control-Request-Method': 'PUT' },
  });
  expect(moz.headers.get('access-control-allow-origin')).toBe('moz-extension://1234-abcd');
  expect(moz.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  const evil = await call('GET', '/health', null, undefined, { headers: { Origin: 'https://evil.example' } });
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();
});

it('returns the same participant and current invite code when an email is added again', async () => {
  const { id, coordinatorToken } = await newProgramme('Same email');
  const add = (displayName: string, email: string) =>
    call('POST', `/programmes/${id}/participants`, coordinatorToken, { participants: [{ displayName, email }] });
  const first = await add('Ana', 'ana@same.test');
  const again = await add('Ana L.', 'ANA@same.test');
  expect(again.status).toBe(201);
  expect(again.body.participants[0]).toEqual(first.body.participants[0]);
  const listed = await call('GET', `/programmes/${id}/participants`, coordinatorToken);
  expect(listed.body.participants).toHaveLength(1);
  expect(listed.body.participants[0]).toMatchObject({ displayName: 'Ana', inviteCode: first.body.participants[0].inviteCode, redeemed: false });
});

it('refuses a pair whose member belongs to another programme', async () => {
  const mine = await newProgramme('Pair mine');
  const theirs = await newProgramme('Pair theirs');
  const a = (await call('POST', `/programmes/${mine.id}/participants`, mine.coordinatorToken, { participants: [{ displayName: 'A', email: 'a@p.test' }] })).body.participants[0].id;
  const b = (await call('POST', `/programmes/${theirs.id}/participants`, theirs.coordinatorToken, { participants: [{ displayName: 'B', email: 'b@p.test' }] })).body.participants[0].id;
  const res = await call('POST', `/programmes/${mine.id}/pairs`, mine.coordinatorToken, { a, b, startsOn: '2026-01-01' });
  expect(res.status).toBe(400);
  expect(res.body.error.issues).toEqual([expect.objectContaining({ path: ['b'], message: expect.stringMatching(/not a participant/) })]);
});

it('turns an unexpected failure into a 500 envelope without a stack', async () => {
  const { onError } = await import('../../worker/http/errors');
  const spy = console.error;
  console.error = () => {};
  try {
    const res = onError(new TypeError('boom at secret place'), {} as never);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(text).not.toContain('boom');
  } finally {
    console.error = spy;
  }
});

it('lists programmes to the admin only, with their sizes and without any token', async () => {
  const { id, coordinatorToken, sponsorToken } = await newProgramme('Listed programme');
  const added = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
    participants: [
      { displayName: 'Ana Lima', email: 'ana.listed@example.org' },
      { displayName: 'Ben Okafor', email: 'ben.listed@example.org' },
    ],
  });
  const [ana, ben] = added.body.participants;
  await call('POST', `/programmes/${id}/pairs`, coordinatorToken, { a: ana.id, b: ben.id, startsOn: '2026-01-05' });

  const res = await call('GET', '/programmes', ADMIN);
  expect(res.status).toBe(200);
  const listed = res.body.programmes.find((p: any) => p.id === id);
  expect(listed).toEqual({ id, name: 'Listed programme', kAnonymity: 5, createdAt: expect.any(String), participants: 2, pairs: 1 });
  expect(JSON.stringify(res.body)).not.toContain(coordinatorToken);
  expect(JSON.stringify(res.body)).not.toContain(sponsorToken);
  for (const token of [coordinatorToken, sponsorToken]) expect((await call('GET', '/programmes', token)).status).toBe(403);
  expect((await call('GET', '/programmes', null)).status).toBe(401);
});
