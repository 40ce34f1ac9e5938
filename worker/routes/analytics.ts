// The analytics routes (shared/metrics/README.md): the coordinator's dashboard
// and pair drill-down, the culture view on whole periods (README, "Culture
// query"), and their CSV exports. Each export is a view: it follows the rules
// of the JSON route it mirrors.
import type { RouteHandler } from '@hono/zod-openapi';
import { dashboardQuery, type Routes } from '../../shared/contract';
import { programmeCulture } from '../analytics/culture';
import { pairsCsv, periodsCsv } from '../analytics/csv';
import { pairDetail, programmeDashboard } from '../analytics/dashboard';
import { computedDashboard, isDefaultWindow, snapshotDashboard, type Later } from '../analytics/snapshots';
import { cultureRange, dashboardWindow, parseCultureQuery } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

type Handler<N extends keyof Routes> = RouteHandler<Routes[N], AppEnv>;
const timed = (meter: { header(): string }) => ({ 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });

/** The default window comes from the snapshots; any other is computed for this request. */
export const dashboard: Handler<'dashboard'> = async (c) => {
  const pid = c.req.valid('param').pid;
  const { asOf, from, to, ...list } = c.req.valid('query');
  const query = { ...(asOf ? { asOf } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const window = dashboardWindow(query);
  const { body, meter } = isDefaultWindow(query)
    ? await snapshotDashboard(c.env.DB, pid, list, backgroundOf(c))
    : await computedDashboard(c.env.DB, pid, window, list);
  return c.json(body, 200, timed(meter));
};

/** The request's waitUntil, or null where there is none (a direct app.fetch in tests). */
function backgroundOf(c: { executionCtx: { waitUntil(promise: Promise<unknown>): void } }): Later | null {
  try {
    const ctx = c.executionCtx;
    // A failed background refresh leaves the queue in place; the next read tries again.
    return (work) => ctx.waitUntil(work.catch((error: unknown) => console.error('snapshot refresh failed', error)));
  } catch {
    return null;
  }
}

export const pair: Handler<'pairDetail'> = async (c) => {
  const { pid, pairId } = c.req.valid('param');
  const { body, meter } = await pairDetail(c.env.DB, pid, pairId, dashboardWindow(c.req.valid('query')));
  return c.json(body, 200, timed(meter));
};

export const culture: Handler<'culture'> = async (c) => {
  const pid = c.req.valid('param').pid;
  const caller = needInProgramme(c.get('principal'), pid, 'sponsor', 'coordinator');
  // The raw query: the culture rules name the fields as the caller wrote them.
  const { body, meter } = await programmeCulture(c.env.DB, pid, cultureRange(parseCultureQuery(c.req.query()), caller.role));
  return c.json(body, 200, timed(meter));
};

export const exportCsv: Handler<'exportCsv'> = async (c) => {
  const pid = c.req.valid('param').pid;
  const caller = needInProgramme(c.get('principal'), pid, 'sponsor', 'coordinator');
  const { kind, ...rest } = c.req.query();
  if (kind === 'pairs') needInProgramme(c.get('principal'), pid, 'coordinator');
  // The pairs export is the dashboard's view, with the dashboard's whole-day windows; periods are culture's.
  const { csv, meter } = kind === 'pairs'
    ? await programmeDashboard(c.env.DB, pid, dashboardWindow(validate(dashboardQuery, rest))).then(({ body, meter }) => ({ csv: pairsCsv(body), meter }))
    : await programmeCulture(c.env.DB, pid, cultureRange(parseCultureQuery(rest), caller.role))
      .then(({ body, meter }) => ({ csv: periodsCsv(body), meter }));
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="twoway-${kind}.csv"`,
    ...timed(meter),
  });
};
