// How numbers read on the dashboards: every rate with its n and 95% interval,
// and "not enough data" whenever the Worker says a figure is undefined.
import type { Change, Rate } from '../../shared/contract';

export const NOT_ENOUGH_DATA = 'not enough data';

/**
 * A pair number the Worker withheld because one member, or both, gave fewer
 * than the programme's minimum answers in the window (it never says which).
 */
export const NOT_ENOUGH_ANSWERS = 'not enough answers yet';
export const NOT_ENOUGH_ANSWERS_HELP =
  '“Not enough answers yet” means a pair number is hidden until each member has given at least the programme’s minimum number of answers in the window (3 unless the programme set another). With fewer, the number would be one person’s own answers. It does not say which member has answered less, and the pair’s status and flags are still shown.';

/** A pair score (a percentage unless `format` says otherwise), or the words for a withheld one. */
export function pairScore(value: number | null | undefined, withheld: string | undefined, format: (value: number) => string = percent): string {
  if (withheld) return NOT_ENOUGH_ANSWERS;
  return value === null || value === undefined ? '—' : format(value);
}

/** Value is kept as (mean − 1) / 4; a coordinator reads it best on the 1–5 scale people answered on. */
export function valueOnScale(value: number): string {
  return `${(1 + 4 * value).toFixed(1)} of 5`;
}

export function percent(value: number, digits = 0): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** "62%" or "not enough data". */
export function rateValue(rate: Rate | undefined): string {
  return rate ? percent(rate.value) : NOT_ENOUGH_DATA;
}

/** "95% CI 48–74%, n = 40", or an empty string when the rate is undefined. */
export function rateInterval(rate: Rate | undefined): string {
  if (!rate) return '';
  return `95% CI ${Math.round(rate.low * 100)}–${Math.round(rate.high * 100)}%, n = ${rate.n}`;
}

export function rateText(rate: Rate | undefined): string {
  return rate ? `${rateValue(rate)} (${rateInterval(rate)})` : NOT_ENOUGH_DATA;
}

/** A difference of two rates in percentage points, e.g. "+4 pts (95% CI −3 to +11)". */
export function changeText(change: Change | undefined): string {
  if (!change) return NOT_ENOUGH_DATA;
  // Signed after rounding, so a change of −0.3 points reads "0", never "−0" or "±0".
  const pts = (x: number) => {
    const rounded = Math.round(x * 100);
    return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)}`;
  };
  return `${pts(change.value)} pts (95% CI ${pts(change.low)} to ${pts(change.high)})`;
}

/** A pair-level score in [0, 1], or "—" when it is not defined. */
export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : percent(value);
}

export function health(value: number | null | undefined): string {
  return value === null || value === undefined ? NOT_ENOUGH_DATA : String(Math.round(value));
}

export function memberNames(members: Array<{ displayName: string }>): string {
  return members.map((m) => m.displayName).join(' & ');
}

export const STATUS_LABEL = {
  thriving: 'Thriving',
  steady: 'Steady',
  at_risk: 'At risk',
  insufficient_data: 'Not enough data',
} as const;

export { TOPIC_LABELS as TOPIC_LABEL } from '../../shared/vocabulary';

/** A calendar day `YYYY-MM-DD` as the instant that starts it (UTC). */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The instant just after a calendar day, for an exclusive window end. */
export function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

export function dayOf(instant: string): string {
  return instant.slice(0, 10);
}

/** The last whole day of a window that ends (exclusively) at `end`. */
export function lastDayBefore(end: string): string {
  return new Date(Date.parse(end) - 1).toISOString().slice(0, 10);
}

/** The share of active pairs among enrolled ones, with its Wilson interval (shared with the Worker's metrics). */
export { rate as wilson } from '../../shared/metrics/rate';

/** "1 session", "3 sessions": a count with its noun. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
