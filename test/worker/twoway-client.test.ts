// The dev tools' and tests' calls by method and path go through the one typed
// client: each path must name a route of the contract, with its params and
// query, and a refusal comes back as the shared ApiError.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/client';
import { callApi, routeFor } from '../../worker/dev/twoway-client';

describe('routeFor', () => {
  it('finds the contract route of a method and path, with its params and query', () => {
    expect(routeFor('GET', '/programmes/p%2F1/dashboard?asOf=2026-01-01T00:00:00.000Z')).toEqual({
      name: 'dashboard', params: { pid: 'p/1' }, query: { asOf: '2026-01-01T00:00:00.000Z' },
    });
    expect(routeFor('get', '/programmes/p1')).toEqual({ name: 'getProgramme', params: { pid: 'p1' }, query: {} });
    expect(routeFor('GET', '/programmes/p1/pairs/q1').name).toBe('pairDetail');
    expect(routeFor('GET', '/programmes/p1/export.csv').name).toBe('exportCsv');
    expect(routeFor('PUT', '/responses/r1')).toEqual({ name: 'putResponse', params: { id: 'r1' }, query: {} });
  });

  it('refuses a path the contract does not have, or the wrong method', () => {
    expect(() => routeFor('GET', '/nowhere')).toThrow(/no route of the contract is GET \/nowhere/);
    expect(() => routeFor('DELETE', '/me')).toThrow(/no route/);
  });
});

describe('callApi', () => {
  it('sends through the typed client and throws the shared ApiError on a refusal', async () => {
    const seen: string[] = [];
    const target = {
      baseUrl: 'https://twoway.test',
      fetch: async (url: string, init?: RequestInit) => {
        seen.push(`${init?.method} ${url} ${new Headers(init?.headers).get('authorization')}`);
        return new Response(JSON.stringify({ error: { code: 'conflict', message: 'this invite code has already been used' } }), { status: 409 });
      },
    };
    const refusal = await callApi(target, undefined, 'POST', '/invites/redeem', { code: 'abcdefgh' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 409, code: 'conflict', message: 'this invite code has already been used' });
    await callApi(target, 'tok', 'GET', '/me').catch(() => undefined);
    expect(seen).toEqual(['POST https://twoway.test/api/v1/invites/redeem null', 'GET https://twoway.test/api/v1/me Bearer tok']);
  });

  it('gives a text answer (the CSV export) as text', async () => {
    const target = { baseUrl: '', fetch: async () => new Response('a,b\n1,2\n', { status: 200, headers: { 'content-type': 'text/csv' } }) };
    expect(await callApi(target, 'tok', 'GET', '/programmes/p1/export.csv')).toBe('a,b\n1,2\n');
  });
});
