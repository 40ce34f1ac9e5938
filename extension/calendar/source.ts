// One shape for every calendar the extension can read, so that matching,
// scheduling and the tests never care where an event came from.

export interface CalendarEvent {
  /** The iCalendar UID, shared by every attendee's copy of the meeting. */
  uid: string;
  /** The occurrence's start as first scheduled (UTC ISO), stable even if it was moved. */
  originalStart: string;
  /** Actual start and end (UTC ISO). */
  start: string;
  end: string;
  /** Used locally for matching and shown in the prompt; never sent anywhere. */
  title: string;
  /** Attendee emails, lower-case, the organizer included. */
  attendees: string[];
  /** Those of the attendees who declined (ICS PARTSTAT=DECLINED, Google/Graph "declined"). */
  declined: string[];
  /** The calendar's owner declined, where the source says who the owner is (Google, Graph). */
  ownerDeclined: boolean;
  /** Addresses the source marks as the calendar owner's (Google `self`); empty when it cannot tell. */
  ownerAddresses: string[];
  /** One occurrence of a repeating series. */
  recurring: boolean;
  cancelled: boolean;
}

export interface CalendarSource {
  /** Timed occurrences overlapping [from, to); all-day events are left out. */
  listEvents(from: Date, to: Date): Promise<CalendarEvent[]>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Pulls the address out of `mailto:Ana@Example.com` or a bare address. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const address = raw.replace(/^mailto:/i, '').trim().toLowerCase();
  return address.includes('@') ? address : null;
}

export class CalendarError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** `not_a_calendar`: the answer was not an iCalendar file (an HTML sign-in page, say). */
    readonly reason?: 'not_a_calendar',
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
