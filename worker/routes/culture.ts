// GET /programmes/:pid/culture — the multi-year culture view (METRICS.md, "Culture
// metrics"), on whole periods (README, "Culture query").
import { Hono } from 'hono';
import { programmeCulture } from '../analytics/culture';
import { cultureRange, parseCultureQuery } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import type { AppEnv } from '../http/context';

export const culture = new Hono<AppEnv>().get('/programmes/:pid/culture', async (c) => {
  const pid = c.req.param('pid');
  const caller = needInProgramme(c.get('principal'), pid, 'sponsor', 'coordinator');
  const range = cultureRange(parseCultureQuery(c.req.query()), caller.role);
  const { body, meter } = await programmeCulture(c.env.DB, pid, range);
  return c.json(body, 200, { 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });
});
