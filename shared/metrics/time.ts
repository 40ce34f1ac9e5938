// Instants are handled as epoch milliseconds; days and months are UTC.

export const DAY_MS = 86_400_000;

// Parsed days, remembered: a dashboard asks for the same few hundred start and
// end days once per pair per window, and Date.parse is slow next to a Map lookup.
const parsedDays = new Map<string, number>();

/** Midnight UTC of a 'YYYY-MM-DD' day. */
export function dayStart(day: string): number {
  let ms = parsedDays.get(day);
  if (ms === undefined) {
    if (parsedDays.size >= 10_000) parsedDays.clear();
    ms = Date.parse(`${day}T00:00:00.000Z`);
    parsedDays.set(day, ms);
  }
  return ms;
}

/** 'YYYY-MM' of an instant. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export function monthStart(month: string): number {
  return Date.parse(`${month}-01T00:00:00.000Z`);
}

export function nextMonthStart(month: string): number {
  const d = new Date(monthStart(month));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The calendar months that overlap [from, to), oldest first. */
export function monthsOverlapping(from: number, to: number): string[] {
  const months: string[] = [];
  for (let month = monthOf(from); monthStart(month) < to; month = monthOf(nextMonthStart(month))) {
    months.push(month);
  }
  return months;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
