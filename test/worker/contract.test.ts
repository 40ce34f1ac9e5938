// The OpenAPI document is the contract: every route the Worker serves is in it,
// with its request and its responses, and it is served as JSON and as a page.
import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract';
import { createApi } from '../../worker/app';
import { call, checkAgainstContract } from './api';

/** Routes that serve the document itself rather than the API. */
const DOCUMENT_ROUTES = ['/openapi.json', '/docs', '/docs/init.js'];

const served = () =>
  createApi().routes
    .filter((route) => route.method !== 'ALL' && !DOCUMENT_ROUTES.includes(route.path))
    .map((route) => ({ method: route.method.toLowerCase(), path: route.path.replace(/:(\w+)/g, '{$1}') }));

describe('GET /api/v1/openapi.json', () => {
  it('documents every route the Worker serves, with its responses', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const routesServed = served();
    expect(routesServed.length).toBeGreaterThanOrEqual(Object.keys(routes).length);
    for (const { method, path } of routesServed) {
      const operation = res.body.paths?.[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path} is missing from the OpenAPI document`).toBeDefined();
      expect(Object.keys(operation.responses ?? {}).length, `${method} ${path} has no responses`).toBeGreaterThan(0);
    }
  });

  it('declares the error envelope and the rate shape once, as components', async () => {
    const { body } = await call('GET', '/openapi.json');
    expect(body.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
    expect(Object.keys(body.components.schemas)).toContain('Rate');
    expect(body.paths['/programmes'].post.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  });

  it('documents the CSV and NDJSON bodies', async () => {
    const { body } = await call('GET', '/openapi.json');
    expect(Object.keys(body.paths['/programmes/{pid}/import'].post.requestBody.content)).toEqual(['text/csv']);
    expect(Object.keys(body.paths['/programmes/{pid}/history'].post.requestBody.content)).toEqual(['application/x-ndjson']);
    expect(Object.keys(body.paths['/programmes/{pid}/export.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });

  it('serves a reference page whose scripts the page CSP allows', async () => {
    const page = await call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/v1/docs/init.js');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self' https://cdn.jsdelivr.net");
    const api = await call('GET', '/health');
    expect(api.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});

describe('the contract check of test/worker/api.ts', () => {
  it('refuses a body that does not match the declared schema, and an undeclared status', () => {
    expect(() => checkAgainstContract('GET', '/health', 200, { ok: true, version: '1' })).not.toThrow();
    expect(() => checkAgainstContract('GET', '/health', 200, { ok: 'yes' })).toThrow(/does not match/);
    expect(() => checkAgainstContract('GET', '/health', 418, {})).toThrow(/does not declare/);
    expect(() => checkAgainstContract('GET', '/programmes/p1?x=1', 403, { error: { code: 'forbidden', message: 'no' } })).not.toThrow();
  });
});
