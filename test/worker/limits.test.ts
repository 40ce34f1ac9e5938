import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { JSON_LIMIT, readText } from '../../worker/http/body';
import { RateLimiter, rateLimitFrom } from '../../worker/http/rate-limit';
import { ADMIN, BASE, call } from './api';

describe('body limits', () => {
  it('answers 413 to a JSON body over 64 KiB, declared by Content-Length', async () => {
    const res = await call('POST', '/programmes', ADMIN, { name: 'x'.repeat(JSON_LIMIT) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('answers 413 when a streamed body without Content-Length grows past the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/programmes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body,
      // @ts-expect-error duplex is required for streamed request bodies
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(6);
  });

  it('checks the bytes actually read, whatever the headers say', async () => {
    const small = new Request('http://x/', { method: 'POST', body: 'a'.repeat(100) });
    await expect(readText(small, 50)).rejects.toMatchObject({ status: 413 });
    await expect(readText(new Request('http://x/', { method: 'POST', body: 'hello' }), 50)).resolves.toBe('hello');
  });

  it('accepts a body just under the limit', async () => {
    const res = await call('POST', '/programmes', ADMIN, { name: 'ok', pad: 'x'.repeat(JSON_LIMIT - 100) });
    expect(res.status).toBe(400); // read in full, then refused by the strict schema, not by size
    expect(res.body.error.issues[0].code).toBe('unrecognized_keys');
  });
});

describe('rate limiter', () => {
  it('allows the limit per window and per key, then asks to retry when the window ends', () => {
    const limiter = new RateLimiter(60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.hit('a', 3, t0 + i).allowed).toBe(true);
    const refused = limiter.hit('a', 3, t0 + 20_000);
    expect(refused).toEqual({ allowed: false, retryAfter: 40 });
    expect(limiter.hit('b', 3, t0 + 20_000).allowed).toBe(true);
    expect(limiter.hit('a', 3, t0 + 60_000).allowed).toBe(true);
  });

  it('forgets expired keys instead of growing without bound', () => {
    const limiter = new RateLimiter(1000, 10);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`, 1, i * 2000);
    // A key from long ago starts a fresh window.
    expect(limiter.hit('k0', 1, 1_000_000).allowed).toBe(true);
  });

  it('reads RATE_LIMIT_PER_MINUTE, defaulting to 600', () => {
    expect(rateLimitFrom('25')).toBe(25);
    expect(rateLimitFrom(undefined)).toBe(600);
    expect(rateLimitFrom('nonsense')).toBe(600);
  });

  it('answers 429 with Retry-After over HTTP once a client passes the limit', async () => {
    const app = createApp({ rateLimitPerMinute: 3 });
    const hit = () => app.fetch(new Request(`${BASE}/health`, { headers: { 'CF-Connecting-IP': '192.0.2.44' } }), env);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await hit()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const last = await hit();
    expect(Number(last.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await last.json()) as any).error.code).toBe('rate_limited');
  });
});
