// Every route against every kind of caller: which may act, which get 401 or 403.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, pairedProgramme } from './api';

type Caller = 'none' | 'admin' | 'sponsor' | 'participant' | 'other' | 'coordinator';
// The coordinator goes last so that its successful writes cannot change what the others see.
const CALLERS: Caller[] = ['none', 'admin', 'sponsor', 'participant', 'other', 'coordinator'];

let world: Awaited<ReturnType<typeof pairedProgramme>> & { other: string; spare: string; leaving: string };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

beforeAll(async () => {
  const base = await pairedProgramme('Roles');
  const other = await pairedProgramme('Roles other');
  const extra = await call('POST', `/programmes/${base.programme.id}/participants`, base.programme.coordinatorToken, {
    participants: [{ displayName: 'Spare', email: 'spare@roles.test' }, { displayName: 'Leaving', email: 'leaving@roles.test' }],
  });
  world = { ...base, other: other.programme.coordinatorToken, spare: extra.body.participants[0].id, leaving: extra.body.participants[1].id };
});

function token(caller: Caller): string | null {
  switch (caller) {
    case 'none': return null;
    case 'admin': return ADMIN;
    case 'sponsor': return world.programme.sponsorToken;
    case 'participant': return world.anaToken;
    case 'other': return world.other;
    case 'coordinator': return world.programme.coordinatorToken;
  }
}

interface RouteCase {
  name: string;
  allowed: Partial<Record<Caller, number>>;
  request: () => [method: string, path: string, body?: unknown];
}

const pid = () => world.programme.id;
const session = () => ({ pairId: world.pairId, eventKey: 'roles-1', start: hoursAgo(2), end: hoursAgo(1) });

const ROUTES: RouteCase[] = [
  { name: 'POST /programmes', allowed: { admin: 201 }, request: () => ['POST', '/programmes', { name: 'New' }] },
  { name: 'GET /programmes/:pid', allowed: { coordinator: 200, sponsor: 200 }, request: () => ['GET', `/programmes/${pid()}`] },
  {
    name: 'POST /programmes/:pid/participants',
    allowed: { coordinator: 201 },
    request: () => ['POST', `/programmes/${pid()}/participants`, { participants: [{ displayName: 'Dee', email: 'dee@roles.test' }] }],
  },
  { name: 'GET /programmes/:pid/participants', allowed: { coordinator: 200 }, request: () => ['GET', `/programmes/${pid()}/participants`] },
  {
    name: 'POST /programmes/:pid/participants/:id/invite',
    allowed: { coordinator: 200 },
    request: () => ['POST', `/programmes/${pid()}/participants/${world.spare}/invite`],
  },
  {
    name: 'POST /programmes/:pid/pairs',
    allowed: { coordinator: 201 },
    request: () => ['POST', `/programmes/${pid()}/pairs`, { a: world.spare, b: world.ana.id, startsOn: '2026-02-01' }],
  },
  { name: 'GET /programmes/:pid/pairs', allowed: { coordinator: 200 }, request: () => ['GET', `/programmes/${pid()}/pairs`] },
  {
    name: 'POST /programmes/:pid/import',
    allowed: { coordinator: 200 },
    request: () => ['POST', `/programmes/${pid()}/import`, 'type,displayName,email\nparticipant,Eve,eve@roles.test\n'],
  },
  {
    name: 'POST /programmes/:pid/history',
    allowed: { coordinator: 200 },
    request: () => ['POST', `/programmes/${pid()}/history`, JSON.stringify({ ...session(), eventKey: 'hist', responses: [] })],
  },
  { name: 'GET /me', allowed: { participant: 200 }, request: () => ['GET', '/me'] },
  { name: 'POST /sessions', allowed: { participant: 200 }, request: () => ['POST', '/sessions', session()] },
  {
    name: 'PUT /responses/:id',
    allowed: { participant: 201 },
    request: () => ['PUT', '/responses/8f14e45f-ceea-4e7a-9c3b-1a2b3c4d5e6f', { ...session(), eventKey: 'roles-2', happened: false }],
  },
  { name: 'DELETE /participants/:id', allowed: { coordinator: 200 }, request: () => ['DELETE', `/participants/${world.leaving}`] },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const [method, path, body] = route.request();
    const res = await call(method, path, token(caller), body);
    const expected = route.allowed[caller] ?? (caller === 'none' ? 401 : 403);
    expect({ caller, status: res.status }).toEqual({ caller, status: expected });
    if (expected >= 400) expect(res.body.error.code).toBe(expected === 401 ? 'unauthorized' : 'forbidden');
  });
});

it('lets anyone redeem a code (no role needed): an unknown code is 404 for every caller', async () => {
  for (const caller of CALLERS) {
    expect((await call('POST', '/invites/redeem', token(caller), { code: 'unknown-code-123' })).status).toBe(404);
  }
});
