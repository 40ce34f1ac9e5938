// GET /programmes/:pid/export.csv?kind=pairs|periods — the dashboard's pairs
// (coordinators only) or the culture periods (sponsors and coordinators) as CSV.
import { Hono } from 'hono';
import { z } from 'zod';
import { analyticsQuery, dashboardQuery } from '../../shared/schemas';
import { programmeCulture } from '../analytics/culture';
import { pairsCsv, periodsCsv } from '../analytics/csv';
import { programmeDashboard } from '../analytics/dashboard';
import { cultureWindow, dashboardWindow } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

const exportQuery = z.object({ kind: z.enum(['pairs', 'periods']) }).passthrough();
// The pairs export is the dashboard's view, with the dashboard's whole-day windows.
const pairsQuery = dashboardQuery.extend({ kind: z.literal('pairs') });
const periodsQuery = analyticsQuery.extend({ kind: z.literal('periods') });

export const csvExport = new Hono<AppEnv>().get('/programmes/:pid/export.csv', async (c) => {
  const pid = c.req.param('pid');
  // Check the caller before the query, so that a stranger learns nothing from a 400.
  needInProgramme(c.get('principal'), pid, 'sponsor', 'coordinator');
  const { kind } = validate(exportQuery, c.req.query());
  if (kind === 'pairs') needInProgramme(c.get('principal'), pid, 'coordinator');
  const query = c.req.query();
  const { csv, meter } = kind === 'pairs'
    ? await programmeDashboard(c.env.DB, pid, dashboardWindow(validate(pairsQuery, query))).then(({ body, meter }) => ({ csv: pairsCsv(body), meter }))
    : await exportPeriods(c.env.DB, pid, validate(periodsQuery, query));
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="twoway-${kind}.csv"`,
    'Server-Timing': meter.header(),
    'Cache-Control': 'no-store',
  });
});

function exportPeriods(db: D1Database, pid: string, query: z.output<typeof periodsQuery>) {
  return programmeCulture(db, pid, cultureWindow(query), query.period ?? 'year', query.by ?? null)
    .then(({ body, meter }) => ({ csv: periodsCsv(body), meter }));
}
