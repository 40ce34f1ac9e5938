// GET /programmes/:pid/pairs/:pairId — one pair's metrics, flags, months and timeline.
import { Hono } from 'hono';
import { dashboardQuery } from '../../shared/schemas';
import { pairDetail } from '../analytics/dashboard';
import { dashboardWindow } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

export const pairDetailRoute = new Hono<AppEnv>().get('/programmes/:pid/pairs/:pairId', async (c) => {
  const pid = c.req.param('pid');
  needInProgramme(c.get('principal'), pid, 'coordinator');
  const window = dashboardWindow(validate(dashboardQuery, c.req.query()));
  const { body, meter } = await pairDetail(c.env.DB, pid, c.req.param('pairId'), window);
  return c.json(body, 200, { 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });
});
