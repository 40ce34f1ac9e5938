// ICS feeds (a calendar's "secret address in iCal format"), expanded with
// ical.js so recurrence rules, exceptions and time zones follow RFC 5545.
import ICAL from 'ical.js';
import { CalendarError, normaliseEmail, type CalendarEvent, type CalendarSource, type FetchLike } from './source';

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;

/** Safety net against absurd rules (FREQ=MINUTELY for years); a daily series since 1990 is ~13,000. */
const MAX_OCCURRENCES_PER_SERIES = 100_000;
const DAY_MS = 86_400_000;

export function icsSource(url: string, fetchImpl: FetchLike = fetch): CalendarSource {
  return {
    async listEvents(from, to) {
      const response = await fetchImpl(url, { headers: { accept: 'text/calendar' } });
      if (!response.ok) throw new CalendarError(`ICS feed answered ${response.status}`, response.status);
      const text = await response.text();
      try {
        return eventsFromIcs(text, from, to);
      } catch (error) {
        // ical.js throws on anything that is not iCalendar; the person is told in plain words (api/plain-errors.ts).
        throw new CalendarError(`not an iCalendar file: ${error instanceof Error ? error.message : String(error)}`, undefined, 'not_a_calendar');
      }
    },
  };
}

/** Every timed occurrence in the feed that overlaps [from, to). */
export function eventsFromIcs(text: string, from: Date, to: Date): CalendarEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent');
  const overrides = new Map<string, IcalComponent[]>();
  const masters: IcalComponent[] = [];
  for (const vevent of vevents) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    if (!uid) continue;
    if (vevent.hasProperty('recurrence-id')) overrides.set(uid, [...(overrides.get(uid) ?? []), vevent]);
    else masters.push(vevent);
  }
  const events: CalendarEvent[] = [];
  for (const master of masters) {
    const uid = String(master.getFirstPropertyValue('uid'));
    const event = new ICAL.Event(master, { exceptions: overrides.get(uid) ?? [], strictExceptions: true });
    overrides.delete(uid);
    events.push(...occurrencesOf(event, from, to));
  }
  // An override whose master is not in the feed (some servers share single instances).
  for (const orphans of overrides.values()) {
    for (const vevent of orphans) {
      const event = new ICAL.Event(vevent);
      const occurrence = toCalendarEvent(event, event.recurrenceId, event.startDate, event.endDate, true);
      if (occurrence && overlaps(occurrence, from, to)) events.push(occurrence);
    }
  }
  return events.sort((x, y) => x.start.localeCompare(y.start));
}

function occurrencesOf(event: IcalEvent, from: Date, to: Date): CalendarEvent[] {
  if (!event.isRecurring()) {
    const single = toCalendarEvent(event, event.startDate, event.startDate, event.endDate);
    return single && overlaps(single, from, to) ? [single] : [];
  }
  const found: CalendarEvent[] = [];
  const iterator = event.iterator();
  // Overrides may move an occurrence into the window from outside it, so walk
  // original starts until a day past the window, and look closely only at the
  // ones near the window or with an override (the rest are far in the past).
  const stopAfter = to.getTime() + DAY_MS;
  const lookFrom = from.getTime() - DAY_MS;
  const overridden = new Set(Object.values(event.exceptions).map((e) => e.recurrenceId.toJSDate().getTime()));
  for (let i = 0, next = iterator.next(); next && i < MAX_OCCURRENCES_PER_SERIES; i++, next = iterator.next()) {
    const originalStart = next.toJSDate().getTime();
    if (originalStart >= stopAfter) break;
    if (originalStart < lookFrom && !overridden.has(originalStart)) continue;
    const details = event.getOccurrenceDetails(next);
    const occurrence = toCalendarEvent(details.item, details.recurrenceId, details.startDate, details.endDate, true);
    if (occurrence && overlaps(occurrence, from, to)) found.push(occurrence);
  }
  return found;
}

function toCalendarEvent(item: IcalEvent, originalStart: IcalTime, start: IcalTime, end: IcalTime, recurring = false): CalendarEvent | null {
  if (start.isDate) return null; // all-day: not a meeting that "ends"
  const status = String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const attendees: string[] = [];
  const declined: string[] = [];
  for (const property of item.attendees) {
    const email = normaliseEmail(String(property.getFirstValue() ?? ''));
    if (!email) continue;
    attendees.push(email);
    if (String(property.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED') declined.push(email);
  }
  const organizer = normaliseEmail(String(item.component.getFirstPropertyValue('organizer') ?? ''));
  if (organizer && !attendees.includes(organizer)) attendees.push(organizer);
  return {
    uid: item.uid,
    originalStart: iso(originalStart),
    start: iso(start),
    end: iso(end ?? start),
    title: item.summary ?? '',
    attendees,
    declined,
    // A feed does not say whose calendar it is; matching checks `declined` against the person's addresses.
    ownerDeclined: false,
    ownerAddresses: [],
    recurring: recurring || item.isRecurrenceException(),
    cancelled: status === 'CANCELLED',
  };
}

function iso(time: IcalTime): string {
  return time.toJSDate().toISOString();
}

function overlaps(event: CalendarEvent, from: Date, to: Date): boolean {
  return Date.parse(event.end) > from.getTime() && Date.parse(event.start) < to.getTime();
}
