// Resolving an analytics query's asOf/from/to into a window (METRICS.md:
// every call takes asOf and a window [from, to) over session starts).
import { WHOLE_DAY_MESSAGE, type AnalyticsQuery, type DashboardQuery } from '../../shared/schemas';
import { DAY_MS, type Window } from '../../shared/metrics';
import { invalid } from '../domain/errors';

/** Longest windows served; longer ones would only burn CPU time. */
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

/** A pair window spans whole days, at least four weeks and at most a year (SECURITY.md, "Participants, partners and coordinators"). */
export const MIN_PAIR_WINDOW_DAYS = 28;
export const MAX_PAIR_WINDOW_DAYS = 366;

/**
 * The pair and dashboard window: whole UTC days (the query schema checks
 * that), by default the 90 days before `to` (= asOf). asOf defaults to the
 * start of today and may not be later, so a pair's numbers change at most
 * once a day, when a day is complete.
 */
export function dashboardWindow(query: DashboardQuery, now = new Date()): Window {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  for (const key of ['asOf', 'from', 'to'] as const) {
    const value = query[key];
    if (value !== undefined && Date.parse(value) % DAY_MS !== 0) throw invalid([key], `${key} ${WHOLE_DAY_MESSAGE}`);
  }
  const asOf = query.asOf ? Date.parse(query.asOf) : today;
  const to = Math.min(query.to ? Date.parse(query.to) : asOf, asOf);
  const from = query.from ? Date.parse(query.from) : to - 90 * DAY_MS;
  const days = (to - from) / DAY_MS;
  if (days < MIN_PAIR_WINDOW_DAYS || days > MAX_PAIR_WINDOW_DAYS) {
    throw invalid(['from'], `a pair window spans whole UTC days, at least ${MIN_PAIR_WINDOW_DAYS} and at most ${MAX_PAIR_WINDOW_DAYS} (from … to, with to cut at asOf); this one spans ${days}`);
  }
  return { from, to, asOf };
}

/** The culture window: by default from 1 January two years before asOf's year. */
export function cultureWindow(query: AnalyticsQuery, now = new Date()): Window {
  return resolve(query, now, (_, asOf) => Date.UTC(new Date(asOf).getUTCFullYear() - 2, 0, 1), MAX_CULTURE_DAYS);
}
