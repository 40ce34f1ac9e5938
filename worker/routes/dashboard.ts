// GET /programmes/:pid/dashboard — the coordinator's programme view (METRICS.md, "Programme metrics"),
// with one page of the pair list (README, "Dashboard paging"). The default window is served from snapshots.
import { Hono } from 'hono';
import { z } from 'zod';
import { DEFAULT_PAGE_LIMIT, FLAGS, MAX_PAGE_LIMIT, PAIR_SORTS, STATUSES } from '../../shared/metrics';
import { dashboardQuery } from '../../shared/schemas';
import { computedDashboard, isDefaultWindow, snapshotDashboard, type Later } from '../analytics/snapshots';
import { dashboardWindow } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

const pairListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  flag: z.enum(FLAGS).optional(),
  cohort: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(PAIR_SORTS).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  cursor: z.string().max(2000).optional(),
});

export const dashboard = new Hono<AppEnv>().get('/programmes/:pid/dashboard', async (c) => {
  const pid = c.req.param('pid');
  needInProgramme(c.get('principal'), pid, 'coordinator');
  const query = validate(dashboardQuery, c.req.query());
  const list = validate(pairListQuery, c.req.query());
  const window = dashboardWindow(query);
  const { body, meter } = isDefaultWindow(query)
    ? await snapshotDashboard(c.env.DB, pid, list, backgroundOf(c))
    : await computedDashboard(c.env.DB, pid, window, list);
  return c.json(body, 200, { 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });
});

/** The request's waitUntil, or null where there is none (a direct app.fetch in tests). */
function backgroundOf(c: { executionCtx: { waitUntil(promise: Promise<unknown>): void } }): Later | null {
  try {
    const ctx = c.executionCtx;
    // A failed background refresh leaves the queue in place; the next read tries again.
    return (work) => ctx.waitUntil(work.catch((error: unknown) => console.error("snapshot refresh failed", error)));
  } catch {
    return null;
  }
}
