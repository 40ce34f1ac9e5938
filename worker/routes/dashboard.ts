// GET /programmes/:pid/dashboard — the coordinator's programme view (METRICS.md, "Programme metrics").
import { Hono } from 'hono';
import { dashboardQuery } from '../../shared/schemas';
import { programmeDashboard } from '../analytics/dashboard';
import { dashboardWindow } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

export const dashboard = new Hono<AppEnv>().get('/programmes/:pid/dashboard', async (c) => {
  const pid = c.req.param('pid');
  needInProgramme(c.get('principal'), pid, 'coordinator');
  const window = dashboardWindow(validate(dashboardQuery, c.req.query()));
  const { body, meter } = await programmeDashboard(c.env.DB, pid, window);
  return c.json(body, 200, { 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });
});
