// Resolving an analytics query into a window (shared/metrics/README.md:
// every call takes asOf and a window [from, to) over session starts).
import { cultureQuery, WHOLE_DAY_MESSAGE, type CultureQuery, type DashboardQuery } from '../../shared/schemas';
import {
  DAY_MS, isCompleted, LATE_ANSWER_DAYS, periodAt, periodOfLabel, periodsBetween,
  type Period, type PeriodKind, type Segmentation, type Window,
} from '../../shared/metrics';
import { ApiError, invalid } from '../domain/errors';
import { zodIssues } from '../http/body';

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

// The culture range (README, "Culture query"; SECURITY.md, "Sponsor culture"):
// whole periods, completed ones for sponsors; a coordinator may add the
// period running today.

/** At most this many years of periods per culture request. */
export const MAX_CULTURE_YEARS = 10;

export interface CultureRange {
  period: PeriodKind;
  by: Segmentation | null;
  /** Period boundaries: the periods in [from, to). */
  from: number;
  to: number;
  /** A whole UTC day. */
  asOf: number;
}

const EXAMPLE: Record<PeriodKind, string> = { year: 'a year such as 2024', quarter: 'a quarter such as 2024-Q3' };

function labelled(label: string, kind: PeriodKind, field: 'fromPeriod' | 'toPeriod'): Period {
  const named = periodOfLabel(label);
  if (!named || named.kind !== kind) throw invalid([field], `with period=${kind}, ${field} must name ${EXAMPLE[kind]}`);
  return named.period;
}

/** `from` must open a period and `to` must close one (the day after its last day). */
function onBoundary(day: number, kind: PeriodKind, field: 'from' | 'to'): Period {
  const period = periodAt(kind, field === 'from' ? day : day - 1);
  if ((field === 'from' ? period.start : period.end) !== day) {
    const [example, alternative] = field === 'from' ? ['2024-01-01', 'fromPeriod'] : ['2025-01-01 for a range ending with 2024', 'toPeriod'];
    throw invalid([field], `${field} must be ${field === 'from' ? 'the first day of' : 'the day after the last day of'} a ${kind}, such as ${example} (or give ${alternative})`);
  }
  return period;
}

/** The latest period that is completed on asOf. */
export function lastCompleted(kind: PeriodKind, asOf: number): Period {
  return periodAt(kind, periodAt(kind, asOf - LATE_ANSWER_DAYS * DAY_MS).start - 1);
}

/** The culture query, or a 400 whose message says what is accepted. */
export function parseCultureQuery(input: Record<string, string>): CultureQuery {
  const parsed = cultureQuery.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error);
  const first = issues[0]!;
  throw new ApiError(400, 'invalid_input', `${first.path.join('.') || 'query'}: ${first.message}`, issues);
}

export function cultureRange(query: CultureQuery, viewer: 'sponsor' | 'coordinator', now = new Date()): CultureRange {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const asOf = query.asOf ?? today;
  if (asOf > today) throw invalid(['asOf'], `asOf must not be after today (${new Date(today).toISOString().slice(0, 10)})`);
  const kind = query.period ?? 'year';
  if (query.fromPeriod && query.from) throw invalid(['from'], 'give the start either as fromPeriod or as from, not both');
  if (query.toPeriod && query.to) throw invalid(['to'], 'give the end either as toPeriod or as to, not both');
  const last = query.toPeriod ? labelled(query.toPeriod, kind, 'toPeriod')
    : query.to !== undefined ? onBoundary(query.to, kind, 'to') : lastCompleted(kind, asOf);
  const first = query.fromPeriod ? labelled(query.fromPeriod, kind, 'fromPeriod')
    : query.from !== undefined ? onBoundary(query.from, kind, 'from')
    : periodAt(kind, Date.UTC(new Date(last.start).getUTCFullYear() - 2, 0, 1));
  if (first.start >= last.end) throw invalid(['fromPeriod'], `the range must start no later than it ends (${first.key} is after ${last.key})`);
  const count = periodsBetween(kind, first.start, last.end).length;
  if (count > MAX_CULTURE_YEARS * (kind === 'year' ? 1 : 4)) {
    throw invalid(['fromPeriod'], `a request may cover at most ${MAX_CULTURE_YEARS} years (${MAX_CULTURE_YEARS * (kind === 'year' ? 1 : 4)} ${kind}s); ask for the rest separately`);
  }
  if (!isCompleted(last, asOf)) assertMayReadUnfinished(last, kind, asOf, today, viewer);
  return { period: kind, by: query.by ?? null, from: first.start, to: last.end, asOf };
}

/** Only a coordinator, only as of today, only for periods that have begun. */
function assertMayReadUnfinished(last: Period, kind: PeriodKind, asOf: number, today: number, viewer: 'sponsor' | 'coordinator'): void {
  const latest = lastCompleted(kind, asOf).key;
  const why = `${last.key} has not ended, or ended less than ${LATE_ANSWER_DAYS} days before asOf (late answers may still arrive)`;
  if (viewer === 'sponsor') throw invalid(['toPeriod'], `${why}: sponsors see completed periods only, the latest being ${latest}`);
  if (last.start >= asOf) throw invalid(['toPeriod'], `${last.key} has not begun on asOf; the latest period is ${periodAt(kind, asOf - 1).key}`);
  if (asOf !== today) throw invalid(['asOf'], `${why}: a period that is still open is shown only as of today; omit asOf, or end the range with ${latest}`);
}
