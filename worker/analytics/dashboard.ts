// The coordinator's analytics: the programme dashboard and one pair's drill-down.
// Reads are bounded by the window: session rows from sessionsReadFrom() on,
// and pair-month rows for the complete months of the window.
import {
  assessDashboardPairs, completeMonths, dashboardReport, isoDay, pairDetailReport, sessionsReadFrom, windowEnd,
  type DashboardReport, type PairDetailReport, type Window,
} from '../../shared/metrics';
import type { FlagName } from '../../shared/vocabulary';
import { notFound } from '../domain/errors';
import { listTipsShown, snapshotFlags } from '../storage/sharing';
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

/** A tip the pair's members were shown, with the first and last whole UTC day (worker/domain/sharing.ts). */
export interface TipShown { flag: FlagName; firstShownOn: string; lastShownOn: string }
export type PairDetailBody = Omit<PairDetailReport, 'pair'> & { pair: PairDetailReport['pair'] & { tipsShown: TipShown[] } };

export async function pairDetail(db: D1Database, programmeId: string, pairId: string, window: Window): Promise<Metered<PairDetailBody>> {
  const { meter, input } = await load(db, programmeId, window, pairId);
  const body = pairDetailReport(input);
  if (!body) throw notFound('pair');
  const tipsShown = (await listTipsShown(db, pairId)).map((t) => ({ flag: t.flag, firstShownOn: t.first_shown_on, lastShownOn: t.last_shown_on }));
  return { body: { ...body, pair: { ...body.pair, tipsShown } }, meter };
}

/**
 * The pair's flags over the default window as of `window.asOf` (today), as the
 * coordinator's dashboard shows them: from the pair's snapshot of that day, or
 * computed for this request when it has none that is up to date.
 */
export async function pairFlagsToday(db: D1Database, programmeId: string, pairId: string, window: Window): Promise<FlagName[]> {
  const stored = await snapshotFlags(db, programmeId, pairId, isoDay(window.asOf));
  if (stored) return stored;
  const { input } = await load(db, programmeId, window, pairId);
  // The same computation a snapshot stores: a pair not shown in the window has no flags.
  return assessDashboardPairs(input)[0]?.listed?.flags.map((f) => f.flag) ?? [];
}

