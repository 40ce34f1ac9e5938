// Google Calendar API v3, events.list on the primary calendar, recurring
// series expanded server-side (singleEvents=true).
import { CalendarError, normaliseEmail, type CalendarEvent, type CalendarSource, type FetchLike } from './source';

export const GOOGLE_API_BASE = 'https://www.googleapis.com/calendar/v3';

interface GoogleTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}
interface GoogleEvent {
  id: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  iCalUID?: string;
  start?: GoogleTime;
  end?: GoogleTime;
  originalStartTime?: GoogleTime;
  recurringEventId?: string;
  attendees?: Array<{ email?: string; self?: boolean; responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted' }>;
  organizer?: { email?: string; self?: boolean };
}
interface GoogleEventsPage {
  items?: GoogleEvent[];
  nextPageToken?: string;
}

export interface GoogleSourceOptions {
  /** An OAuth access token with calendar.readonly (chrome.identity.getAuthToken in the extension). */
  getToken: () => Promise<string>;
  baseUrl?: string;
  fetchImpl?: FetchLike;
  calendarId?: string;
}

export function googleSource(options: GoogleSourceOptions): CalendarSource {
  const base = options.baseUrl ?? GOOGLE_API_BASE;
  const fetchImpl = options.fetchImpl ?? fetch;
  const calendarId = encodeURIComponent(options.calendarId ?? 'primary');
  return {
    async listEvents(from, to) {
      const token = await options.getToken();
      const events: CalendarEvent[] = [];
      let pageToken: string | undefined;
      do {
        const url = new URL(`${base}/calendars/${calendarId}/events`);
        url.searchParams.set('singleEvents', 'true');
        url.searchParams.set('timeMin', from.toISOString());
        url.searchParams.set('timeMax', to.toISOString());
        url.searchParams.set('maxResults', '250');
        url.searchParams.set('orderBy', 'startTime');
        if (pageToken) url.searchParams.set('pageToken', pageToken);
        const response = await fetchImpl(url.toString(), { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new CalendarError(`Google Calendar answered ${response.status}`, response.status);
        const page = (await response.json()) as GoogleEventsPage;
        for (const item of page.items ?? []) {
          const event = fromGoogle(item);
          if (event) events.push(event);
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      return events;
    },
  };
}

function fromGoogle(item: GoogleEvent): CalendarEvent | null {
  // All-day events carry `date` instead of `dateTime`.
  if (!item.start?.dateTime || !item.end?.dateTime) return null;
  const start = new Date(item.start.dateTime).toISOString();
  const attendees: string[] = [];
  const declined: string[] = [];
  const ownerAddresses: string[] = [];
  let ownerDeclined = false;
  for (const attendee of item.attendees ?? []) {
    const email = normaliseEmail(attendee.email);
    if (!email) continue;
    attendees.push(email);
    if (attendee.responseStatus === 'declined') declined.push(email);
    if (attendee.self) {
      ownerAddresses.push(email);
      ownerDeclined ||= attendee.responseStatus === 'declined';
    }
  }
  const organizer = normaliseEmail(item.organizer?.email);
  if (organizer && !attendees.includes(organizer)) attendees.push(organizer);
  if (organizer && item.organizer?.self && !ownerAddresses.includes(organizer)) ownerAddresses.push(organizer);
  return {
    uid: item.iCalUID ?? item.id,
    originalStart: item.originalStartTime?.dateTime ? new Date(item.originalStartTime.dateTime).toISOString() : start,
    start,
    end: new Date(item.end.dateTime).toISOString(),
    title: item.summary ?? '',
    attendees,
    declined,
    ownerDeclined,
    ownerAddresses,
    recurring: item.recurringEventId !== undefined,
    cancelled: item.status === 'cancelled',
  };
}
