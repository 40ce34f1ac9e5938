// Which calendar events are mentoring sessions, and the key both partners'
// extensions derive for the same occurrence.
import type { CalendarEvent } from '../calendar/source';

export interface PairInfo {
  id: string;
  partner: { displayName: string; email: string };
}

export interface SessionMatch {
  pairId: string;
  partnerName: string;
  eventKey: string;
  start: string;
  end: string;
}

export const DEFAULT_KEYWORD = 'mentoring';

/**
 * The series UID plus the occurrence's ORIGINAL start in UTC: a moved
 * occurrence keeps its key, and so do both partners' copies of it.
 */
export function eventKey(uid: string, originalStart: string): string {
  return `${uid}/${new Date(originalStart).toISOString()}`;
}

/**
 * An event is a session with partner P when P is invited, or when its title
 * carries the programme keyword and only one pair could be meant.
 */
export function matchSessions(events: CalendarEvent[], pairs: PairInfo[], keyword: string): SessionMatch[] {
  const needle = keyword.trim().toLowerCase();
  const matches = new Map<string, SessionMatch>();
  for (const event of events) {
    if (event.cancelled) continue;
    const pair = pairByAttendee(event, pairs) ?? (needle && titleMatches(event.title, needle) ? soloPair(pairs) : undefined);
    if (!pair) continue;
    const key = eventKey(event.uid, event.originalStart);
    matches.set(`${pair.id}|${key}`, {
      pairId: pair.id,
      partnerName: pair.partner.displayName,
      eventKey: key,
      start: event.start,
      end: event.end,
    });
  }
  return [...matches.values()];
}

function pairByAttendee(event: CalendarEvent, pairs: PairInfo[]): PairInfo | undefined {
  return pairs.find((pair) => event.attendees.includes(pair.partner.email.toLowerCase()));
}

function titleMatches(title: string, needle: string): boolean {
  return title.toLowerCase().includes(needle);
}

/** A keyword-only match names no partner, so it is used only when there is just one pair. */
function soloPair(pairs: PairInfo[]): PairInfo | undefined {
  return pairs.length === 1 ? pairs[0] : undefined;
}
