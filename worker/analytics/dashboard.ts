// The coordinator's analytics: the programme dashboard and one pair's drill-down.
// Reads are bounded by the window: session rows from sessionsReadFrom() on,
// and pair-month rows for the complete months of the window.
import {
  completeMonths, dashboardReport, pairDetailReport, sessionsReadFrom, windowEnd,
  type DashboardReport, type PairDetailReport, type Window,
} from '../../shared/metrics';
import { notFound } from '../domain/errors';
import { readProgrammeShape, readWindowRows } from './reads';
import { D1Meter } from './timing';

export interface Metered<T> {
  body: T;
  meter: D1Meter;
}

async function load(db: D1Database, programmeId: string, window: Window, pairId?: string) {
  const meter = new D1Meter();
  const shape = await readProgrammeShape(db, meter, programmeId, pairId);
  if (!shape) throw notFound('programme');
  if (pairId !== undefined && shape.pairs.length === 0) throw notFound('pair');
  const months = completeMonths(window);
  const rows = await readWindowRows(
    db, meter, { programmeId, ...(pairId === undefined ? {} : { pairId }) },
    { from: sessionsReadFrom(window, shape.pairs), to: windowEnd(window) },
    months.length ? { first: months[0]!, last: months[months.length - 1]! } : null,
  );
  return { meter, input: { ...shape, ...rows, window } };
}

export async function programmeDashboard(db: D1Database, programmeId: string, window: Window): Promise<Metered<DashboardReport>> {
  const { meter, input } = await load(db, programmeId, window);
  return { body: dashboardReport(input), meter };
}

export async function pairDetail(db: D1Database, programmeId: string, pairId: string, window: Window): Promise<Metered<PairDetailReport>> {
  const { meter, input } = await load(db, programmeId, window, pairId);
  const body = pairDetailReport(input);
  if (!body) throw notFound('pair');
  return { body, meter };
}

