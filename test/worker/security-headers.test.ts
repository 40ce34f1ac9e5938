// Auth hardening: guessing tokens is throttled, tokens never reach the logs,
// every response carries the secure headers, CORS admits only the extension,
// and a failure never leaks a stack trace.
import { env, SELF } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../worker/app';
import { callApi, enrolProgramme, type EnrolledProgramme, type Fetcher } from '../support/load-client';

const BASE = 'http://twoway.test';
const ADMIN = 'test-admin-token';
const api = { baseUrl: BASE, fetcher: ((input, init) => SELF.fetch(input, init)) as Fetcher };
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

let world: EnrolledProgramme;

beforeAll(async () => {
  world = await enrolProgramme(api, ADMIN, 1, { label: 'sec' });
}, 30_000);

afterEach(() => {
  vi.restoreAllMocks();
});

function expectEnvelope(body: unknown, code?: string) {
  expect(body).toEqual({ error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }) });
}

describe('token guessing', () => {
  // The test binding allows 100,000 requests a minute, so the same middleware
  // is exercised through an app built with a limit of 5.
  const limited = () => createApp({ rateLimitPerMinute: 5 });
  const guess = (app: ReturnType<typeof createApp>, address: string, token: string) =>
    app.fetch(
      new Request(`${BASE}/api/v1/programmes/${world.programmeId}`, {
        headers: { Authorization: `Bearer ${token}`, 'CF-Connecting-IP': address },
      }),
      env,
    );

  it('answers 429 with Retry-After once one client has made too many bad guesses', async () => {
    const app = limited();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      last = await guess(app, '203.0.113.7', `guess-${i}-${crypto.randomUUID()}`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const retryAfter = Number(last!.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectEnvelope(await last!.json(), 'rate_limited');

    // A throttled address still gets a real token through (colleagues behind one NAT)...
    expect((await guess(app, '203.0.113.7', world.coordinatorToken)).status).toBe(200);
    // ...but its wrong guesses stay refused, and another client is not punished for them.
    expect((await guess(app, '203.0.113.7', 'x'.repeat(43))).status).toBe(429);
    expect((await guess(app, '198.51.100.9', 'another-bad-guess')).status).toBe(401);
    expect((await guess(app, '198.51.100.9', world.coordinatorToken)).status).toBe(200);
  });

  it('throttles a single token that is used too often', async () => {
    const app = limited();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await guess(app, `192.0.2.${i}`, world.coordinatorToken)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});

describe('logs', () => {
  it('never contain a token or an invite code during a full flow, failures included', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      });
    }
    // A fresh flow, so the invite codes are known to this test.
    const programme = (await callApi(api, { method: 'POST', path: '/api/v1/programmes', token: ADMIN, body: { name: 'Log audit' } })).body as {
      id: string; coordinatorToken: string; sponsorToken: string;
    };
    const added = (await callApi(api, {
      method: 'POST', path: `/api/v1/programmes/${programme.id}/participants`, token: programme.coordinatorToken,
      body: { participants: [{ displayName: 'Ada Log', email: 'ada.log@example.org' }, { displayName: 'Bo Log', email: 'bo.log@example.org' }] },
    })).body as { participants: Array<{ id: string; inviteCode: string }> };
    const [ada, bo] = added.participants as [{ id: string; inviteCode: string }, { id: string; inviteCode: string }];
    const redeemed = (await callApi(api, { method: 'POST', path: '/api/v1/invites/redeem', body: { code: ada.inviteCode } })).body as {
      participantToken: string;
    };
    const secrets = [ADMIN, programme.coordinatorToken, programme.sponsorToken, ada.inviteCode, bo.inviteCode, redeemed.participantToken];
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length >= 16)).toBe(true);

    const pair = (await callApi(api, {
      method: 'POST', path: `/api/v1/programmes/${programme.id}/pairs`, token: programme.coordinatorToken,
      body: { a: ada.id, b: bo.id, startsOn: '2026-01-01' },
    })).body as { id: string };
    const answer = { pairId: pair.id, eventKey: 'log-audit-1', start: hoursAgo(3), end: hoursAgo(2), happened: true, value: 5 };
    const calls: Array<[string, string, string | undefined, unknown]> = [
      ['PUT', `/api/v1/responses/${crypto.randomUUID()}`, redeemed.participantToken, answer],
      ['GET', '/api/v1/me', redeemed.participantToken, undefined],
      ['POST', '/api/v1/invites/redeem', undefined, { code: ada.inviteCode }], // second use: 409
      ['POST', '/api/v1/invites/redeem', undefined, { code: `${bo.inviteCode}x` }], // wrong code
      ['GET', `/api/v1/programmes/${programme.id}/dashboard`, programme.coordinatorToken, undefined],
      ['GET', `/api/v1/programmes/${programme.id}/culture`, programme.sponsorToken, undefined],
      ['GET', `/api/v1/programmes/${programme.id}/dashboard`, programme.sponsorToken, undefined], // 403
      ['GET', '/api/v1/me', `${redeemed.participantToken}x`, undefined], // 401
      ['PUT', `/api/v1/responses/${crypto.randomUUID()}`, redeemed.participantToken, { ...answer, value: 'ten' }], // 400
      ['DELETE', `/api/v1/participants/${bo.id}`, programme.coordinatorToken, undefined],
    ];
    for (const [method, path, token, body] of calls) await callApi(api, { method: method as 'GET', path, token, body });

    // A storage failure is the likeliest thing to be logged: make one, and
    // check the log and the answer both stay free of secrets and stack traces.
    await env.DB.prepare('ALTER TABLE responses RENAME TO responses_away').run();
    let failed;
    try {
      failed = await callApi(api, {
        method: 'PUT', path: `/api/v1/responses/${crypto.randomUUID()}`, token: redeemed.participantToken, body: { ...answer, eventKey: 'log-audit-2' },
      });
    } finally {
      await env.DB.prepare('ALTER TABLE responses_away RENAME TO responses').run();
    }
    expect(failed.status).toBe(500);
    expectEnvelope(failed.body, 'internal');
    expect(JSON.stringify(failed.body)).not.toMatch(/ at |\.ts:|responses_away|D1_/);

    expect(lines.length, 'the console spy saw the Worker log the storage failure').toBeGreaterThan(0);
    const logged = lines.join('\n');
    for (const secret of secrets) expect(logged).not.toContain(secret);
  });
});

describe('headers', () => {
  const expectSecureHeaders = (response: Response, what: string) => {
    expect(response.headers.get('X-Content-Type-Options'), what).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy'), what).toBe('no-referrer');
    expect(response.headers.get('Strict-Transport-Security'), what).toMatch(/max-age=\d{7,}/);
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp, what).toMatch(/frame-ancestors 'none'/);
    expect(csp, what).toMatch(/script-src 'self'(;|$)/);
    expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval/);
  };

  it('are on every kind of API answer: success, 400, 401, 403, 404, 413 and preflight', async () => {
    const token = world.pairs[0]!.members[0].token;
    const samples: Array<[string, RequestInit, number]> = [
      ['/api/v1/health', {}, 200],
      ['/api/v1/programmes', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: '{' }, 400],
      ['/api/v1/me', { headers: { Authorization: 'Bearer nope-nope-nope' } }, 401],
      [`/api/v1/programmes/${world.programmeId}/dashboard`, { headers: { Authorization: `Bearer ${token}` } }, 403],
      ['/api/v1/no-such-route', {}, 404],
      ['/api/v1/programmes', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` }, body: 'x'.repeat(70_000) }, 413],
      ['/api/v1/health', { method: 'OPTIONS', headers: { Origin: 'chrome-extension://abcdefghijklmnop', 'Access-Control-Request-Method': 'PUT' } }, 204],
    ];
    for (const [path, init, status] of samples) {
      const response = await SELF.fetch(`${BASE}${path}`, init);
      expect(response.status, path).toBe(status);
      expectSecureHeaders(response, `${init.method ?? 'GET'} ${path}`);
      if (status >= 400) expectEnvelope(await response.json());
      if (path.startsWith('/api/')) expect(response.headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('give the dashboard page a strict CSP', async () => {
    const response = await SELF.fetch(`${BASE}/`);
    expectSecureHeaders(response, 'GET /');
    const csp = response.headers.get('Content-Security-Policy')!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    SELF.fetch(`${BASE}/api/v1/responses/${crypto.randomUUID()}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });

  it.each(['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b5d6e2a-1c1f-4a5e-9c1e-6f7b3c1d2e4f'])(
    'lets the extension at %s call the API',
    async (origin) => {
      const response = await preflight(origin);
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(response.headers.get('Access-Control-Allow-Methods')).toMatch(/PUT/);
      expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toMatch(/authorization/);
      const simple = await SELF.fetch(`${BASE}/api/v1/health`, { headers: { Origin: origin } });
      expect(simple.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    },
  );

  it.each(['https://evil.example', 'null', 'chrome-extension://evil.example/x', 'https://chrome-extension.evil.example', 'http://twoway.test.evil.example'])(
    'does not let %s read answers',
    async (origin) => {
      const response = await preflight(origin);
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
      const simple = await SELF.fetch(`${BASE}/api/v1/health`, { headers: { Origin: origin } });
      expect(simple.headers.get('Access-Control-Allow-Origin')).toBeNull();
    },
  );

  it('serves the same-origin dashboard without needing CORS', async () => {
    const response = await SELF.fetch(`${BASE}/api/v1/programmes/${world.programmeId}`, {
      headers: { Origin: BASE, Authorization: `Bearer ${world.coordinatorToken}` },
    });
    expect(response.status).toBe(200);
    // No wildcard: a browser only grants other origins what they are named for.
    expect(response.headers.get('Access-Control-Allow-Origin')).not.toBe('*');
  });
});
