// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { apiBase, parseInvite, serverUrlProblem, twowayApi } from '../../extension/api/twoway';

describe('parseInvite', () => {
  it.each([
    ['tw_AbCdEf123456', { code: 'tw_AbCdEf123456' }],
    ['  tw_AbCdEf123456 \n', { code: 'tw_AbCdEf123456' }],
    ['https://twoway.example.org/join#tw_AbCdEf123456', { code: 'tw_AbCdEf123456', workerUrl: 'https://twoway.example.org' }],
    ['http://127.0.0.1:8787/join?code=abc12345', { code: 'abc12345', workerUrl: 'http://127.0.0.1:8787' }],
    ['https://twoway.example.org/join#code=abc12345', { code: 'abc12345', workerUrl: 'https://twoway.example.org' }],
    ['https://twoway.example.org/invite/abc12345', { code: 'abc12345', workerUrl: 'https://twoway.example.org' }],
    ['https://twoway.example.org/join', { code: '', workerUrl: 'https://twoway.example.org' }],
  ])('reads %j', (input, expected) => {
    expect(parseInvite(input)).toEqual(expected);
  });
});

describe('twowayApi', () => {
  it('puts every route under /api/v1 of the server origin', () => {
    expect(apiBase('https://twoway.example.org/join#x')).toBe('https://twoway.example.org/api/v1');
  });

  it('turns the error envelope and Retry-After into a send outcome', async () => {
    const api = twowayApi('https://twoway.test', 'tok', async () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
        status: 429,
        headers: { 'retry-after': '12' },
      }),
    );
    const body = { pairId: 'p', eventKey: 'k', start: '2026-11-23T10:00:00.000Z', end: '2026-11-23T11:00:00.000Z', happened: false, answeredAt: '2026-11-23T11:05:00.000Z' };
    expect(await api.putResponse('id', body)).toEqual({ kind: 'http', status: 429, code: 'rate_limited', message: 'slow down', retryAfterMs: 12_000 });
  });

  it('reports a network failure as such, and keeps a non-JSON error generic', async () => {
    const down = twowayApi('https://twoway.test', 'tok', async () => Promise.reject(new TypeError('Failed to fetch')));
    const body = { pairId: 'p', eventKey: 'k', start: '2026-11-23T10:00:00.000Z', end: '2026-11-23T11:00:00.000Z', happened: false, answeredAt: '2026-11-23T11:05:00.000Z' };
    // The cause goes with it, so the runner can word a timeout and a lost connection differently.
    expect(await down.putResponse('id', body)).toEqual({ kind: 'network', message: 'Failed to fetch', cause: new TypeError('Failed to fetch') });
    const proxy = twowayApi('https://twoway.test', 'tok', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await proxy.putResponse('id', body)).toMatchObject({ kind: 'http', status: 502, code: 'http_502' });
  });

  it('sends the bearer token and JSON body', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const api = twowayApi('https://twoway.test', 'tok', async (url, init) => {
      seen = { url, init: init! };
      return new Response(JSON.stringify({ id: 's1' }), { status: 201 });
    });
    await api.reportSession({ pairId: 'p', eventKey: 'k', start: '2026-11-23T10:00:00Z', end: '2026-11-23T11:00:00Z' });
    expect(seen?.url).toBe('https://twoway.test/api/v1/sessions');
    expect(seen?.init.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer tok' });
  });
});

describe('putResponse', () => {
  it('PUTs the answer to its id under the server origin, with the request timeout armed', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const api = twowayApi('https://twoway.test/join#x', 'tok', async (url, init) => {
      seen = { url, init: init! };
      return new Response(JSON.stringify({ id: 'r/1', sessionId: 's1', outcome: 'created' }), { status: 201 });
    });
    const body = { pairId: 'p', eventKey: 'k', start: '2026-11-23T10:00:00.000Z', end: '2026-11-23T11:00:00.000Z', happened: false, answeredAt: '2026-11-23T11:05:00.000Z' };
    expect(await api.putResponse('r/1', body)).toEqual({ kind: 'ok', status: 201 });
    expect(seen?.url).toBe('https://twoway.test/api/v1/responses/r%2F1');
    expect(seen?.init.method).toBe('PUT');
    expect(JSON.parse(seen?.init.body as string)).toEqual(body);
    expect(seen?.init.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('the programme server address', () => {
  it('refuses plain http:// except to this computer, with words that say why', () => {
    for (const url of ['https://twoway.example.org', 'http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
      expect(serverUrlProblem(url)).toBeNull();
    }
    for (const url of ['http://twoway.example.org', 'http://10.0.0.5:8787', 'http://127.0.0.1.evil.example']) {
      expect(serverUrlProblem(url)).toMatch(/https:\/\/.*unencrypted/);
    }
    expect(serverUrlProblem('ftp://twoway.example.org')).toMatch(/https:\/\//);
    expect(serverUrlProblem('not a url')).toMatch(/Enter the Twoway server address/);
    expect(() => twowayApi('http://twoway.example.org')).toThrow(/unencrypted/);
  });
});
