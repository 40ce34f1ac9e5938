// Resolving an analytics query's asOf/from/to into a window (METRICS.md:
// every call takes asOf and a window [from, to) over session starts).
import type { AnalyticsQuery } from '../../shared/schemas';
import { DAY_MS, type Window } from '../../shared/metrics';
import { invalid } from '../domain/errors';

/** Longest windows served; longer ones would only burn CPU time. */
const MAX_DASHBOARD_DAYS = 3 * 366;
const MAX_CULTURE_DAYS = 20 * 366;

function resolve(query: AnalyticsQuery, now: Date, defaultFrom: (to: number, asOf: number) => number, maxDays: number): Window {
  const asOf = query.asOf ? Date.parse(query.asOf) : now.getTime();
  // A window never reaches past asOf: what happens later is not known yet.
  const to = Math.min(query.to ? Date.parse(query.to) : asOf, asOf);
  const from = query.from ? Date.parse(query.from) : defaultFrom(to, asOf);
  if (from >= to) throw invalid(['from'], 'from must be before to (and before asOf)');
  if (to - from > maxDays * DAY_MS) throw invalid(['from'], `the window may span at most ${maxDays} days`);
  return { from, to, asOf };
}

/** The pair and dashboard window: by default the 90 days before `to` (= asOf). */
export function dashboardWindow(query: AnalyticsQuery, now = new Date()): Window {
  return resolve(query, now, (to) => to - 90 * DAY_MS, MAX_DASHBOARD_DAYS);
}

/** The culture window: by default from 1 January two years before asOf's year. */
export function cultureWindow(query: AnalyticsQuery, now = new Date()): Window {
  return resolve(query, now, (_, asOf) => Date.UTC(new Date(asOf).getUTCFullYear() - 2, 0, 1), MAX_CULTURE_DAYS);
}
