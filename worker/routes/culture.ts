// GET /programmes/:pid/culture — the sponsor's multi-year view (METRICS.md, "Culture metrics").
import { Hono } from 'hono';
import { analyticsQuery } from '../../shared/schemas';
import { programmeCulture } from '../analytics/culture';
import { cultureWindow } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

export const culture = new Hono<AppEnv>().get('/programmes/:pid/culture', async (c) => {
  const pid = c.req.param('pid');
  needInProgramme(c.get('principal'), pid, 'sponsor', 'coordinator');
  const query = validate(analyticsQuery, c.req.query());
  const { body, meter } = await programmeCulture(c.env.DB, pid, cultureWindow(query), query.period ?? 'year', query.by ?? null);
  return c.json(body, 200, { 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });
});
