import { env, SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers health and has the schema', async () => {
  const res = await SELF.fetch('http://twoway.test/api/v1/health');
  expect(res.status).toBe(200);
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='pair_months'").all();
  expect(tables.results).toHaveLength(1);
});
