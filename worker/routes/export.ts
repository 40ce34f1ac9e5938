// GET /programmes/:pid/export.csv?kind=pairs|periods — the dashboard's pairs
// (coordinators only) or the culture periods (sponsors and coordinators) as CSV.
// Each export is a view: it follows the rules of the JSON route it mirrors.
import { Hono } from 'hono';
import { z } from 'zod';
import { dashboardQuery } from '../../shared/schemas';
import { programmeCulture } from '../analytics/culture';
import { pairsCsv, periodsCsv } from '../analytics/csv';
import { programmeDashboard } from '../analytics/dashboard';
import { cultureRange, dashboardWindow, parseCultureQuery } from '../analytics/window';
import { needInProgramme } from '../http/auth';
import { validate } from '../http/body';
import type { AppEnv } from '../http/context';

const exportKind = z.object({ kind: z.enum(['pairs', 'periods']) });

export const csvExport = new Hono<AppEnv>().get('/programmes/:pid/export.csv', async (c) => {
  const pid = c.req.param('pid');
  // Check the caller before the query, so that a stranger learns nothing from a 400.
  const caller = needInProgramme(c.get('principal'), pid, 'sponsor', 'coordinator');
  const { kind, ...rest } = c.req.query();
  const query = validate(exportKind, { kind });
  if (query.kind === 'pairs') needInProgramme(c.get('principal'), pid, 'coordinator');
  // The pairs export is the dashboard's view, with the dashboard's whole-day windows; periods are culture's.
  const { csv, meter } = query.kind === 'pairs'
    ? await programmeDashboard(c.env.DB, pid, dashboardWindow(validate(dashboardQuery, rest))).then(({ body, meter }) => ({ csv: pairsCsv(body), meter }))
    : await programmeCulture(c.env.DB, pid, cultureRange(parseCultureQuery(rest), caller.role))
      .then(({ body, meter }) => ({ csv: periodsCsv(body), meter }));
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="twoway-${kind}.csv"`,
    'Server-Timing': meter.header(),
    'Cache-Control': 'no-store',
  });
});
