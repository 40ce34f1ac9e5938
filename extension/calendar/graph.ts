// Microsoft Graph calendarView: occurrences of recurring series expanded by
// the server, times asked for in UTC.
import { CalendarError, normaliseEmail, type CalendarEvent, type CalendarSource, type FetchLike } from './source';

export const GRAPH_API_BASE = 'https://graph.microsoft.com/v1.0';

interface GraphTime {
  dateTime: string;
  timeZone: string;
}
interface GraphEvent {
  id: string;
  iCalUId?: string;
  subject?: string;
  isAllDay?: boolean;
  isCancelled?: boolean;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string | null;
  originalStart?: string | null;
  start: GraphTime;
  end: GraphTime;
  attendees?: Array<{ emailAddress?: { address?: string }; status?: { response?: GraphResponse } }>;
  organizer?: { emailAddress?: { address?: string } };
  /** The calendar owner's own reply. */
  responseStatus?: { response?: GraphResponse };
}
type GraphResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
interface GraphPage {
  value?: GraphEvent[];
  '@odata.nextLink'?: string;
}

export interface GraphSourceOptions {
  /** An access token with Calendars.Read (chrome.identity.launchWebAuthFlow in the extension). */
  getToken: () => Promise<string>;
  baseUrl?: string;
  fetchImpl?: FetchLike;
}

const SELECT = 'id,iCalUId,subject,isAllDay,isCancelled,type,seriesMasterId,originalStart,start,end,attendees,organizer,responseStatus';

export function graphSource(options: GraphSourceOptions): CalendarSource {
  const base = options.baseUrl ?? GRAPH_API_BASE;
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    async listEvents(from, to) {
      const token = await options.getToken();
      const get = async <T>(url: string): Promise<T> => {
        const response = await fetchImpl(url, {
          headers: { authorization: `Bearer ${token}`, prefer: 'outlook.timezone="UTC"' },
        });
        if (!response.ok) throw new CalendarError(`Microsoft Graph answered ${response.status}`, response.status);
        return (await response.json()) as T;
      };
      const url = new URL(`${base}/me/calendarView`);
      url.searchParams.set('startDateTime', from.toISOString());
      url.searchParams.set('endDateTime', to.toISOString());
      url.searchParams.set('$select', SELECT);
      url.searchParams.set('$top', '100');
      const items: GraphEvent[] = [];
      for (let next: string | undefined = url.toString(); next; ) {
        const page: GraphPage = await get<GraphPage>(next);
        items.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
      }
      const seriesUids = await seriesUidsOf(items, (id) =>
        get<{ iCalUId?: string }>(`${base}/me/events/${encodeURIComponent(id)}?$select=iCalUId`),
      );
      return items.flatMap((item) => {
        const event = fromGraph(item, seriesUids);
        return event ? [event] : [];
      });
    },
  };
}

/**
 * Graph gives every occurrence of a series its own iCalUId, while the other
 * calendars (and the partner's copy) share the series UID; so occurrences are
 * keyed by their series master's iCalUId, fetched once per series.
 */
async function seriesUidsOf(
  items: GraphEvent[],
  getMaster: (id: string) => Promise<{ iCalUId?: string }>,
): Promise<Map<string, string>> {
  const ids = new Set(items.flatMap((item) => (item.seriesMasterId ? [item.seriesMasterId] : [])));
  const uids = new Map<string, string>();
  for (const id of ids) {
    const master = await getMaster(id);
    if (master.iCalUId) uids.set(id, master.iCalUId);
  }
  return uids;
}

function fromGraph(item: GraphEvent, seriesUids: Map<string, string>): CalendarEvent | null {
  if (item.isAllDay || item.type === 'seriesMaster') return null;
  const start = utc(item.start);
  const attendees: string[] = [];
  const declined: string[] = [];
  for (const attendee of item.attendees ?? []) {
    const email = normaliseEmail(attendee.emailAddress?.address);
    if (!email) continue;
    attendees.push(email);
    if (attendee.status?.response === 'declined') declined.push(email);
  }
  const organizer = normaliseEmail(item.organizer?.emailAddress?.address);
  if (organizer && !attendees.includes(organizer)) attendees.push(organizer);
  const seriesUid = item.seriesMasterId ? seriesUids.get(item.seriesMasterId) : undefined;
  return {
    uid: seriesUid ?? item.iCalUId ?? item.id,
    originalStart: item.originalStart ? new Date(item.originalStart).toISOString() : start,
    start,
    end: utc(item.end),
    title: item.subject ?? '',
    attendees,
    declined,
    ownerDeclined: item.responseStatus?.response === 'declined',
    // Graph lists the owner among the attendees only by address, without marking them.
    ownerAddresses: [],
    recurring: item.seriesMasterId != null,
    cancelled: item.isCancelled === true,
  };
}

/** Graph writes UTC times without a zone suffix ("2026-11-23T10:00:00.0000000"). */
function utc(time: GraphTime): string {
  if (time.timeZone !== 'UTC') throw new CalendarError(`unexpected time zone ${time.timeZone}; asked for UTC`);
  const text = /[zZ]|[+-]\d\d:\d\d$/.test(time.dateTime) ? time.dateTime : `${time.dateTime}Z`;
  return new Date(text).toISOString();
}
