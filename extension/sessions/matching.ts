// Which calendar events are mentoring sessions, why, and the key both
// partners' extensions derive for the same occurrence.
import type { MemberPair } from '../../shared/contract';
import type { CalendarEvent } from '../calendar/source';

/** What matching needs of a pair, as GET /me and the invite's redemption give it (kept with the account). */
export type PairInfo = Pick<MemberPair, 'id' | 'partner'>;

/**
 * Why an event counts: its attendees include the partner (the strong signal),
 * or, for a meeting with nobody else invited, its title carries one of the
 * programme's words or phrases.
 */
export type MatchRule = 'partner_attendee' | 'keyword';

export interface SessionMatch {
  pairId: string;
  partnerName: string;
  eventKey: string;
  start: string;
  end: string;
  rule: MatchRule;
  /** The programme word or phrase found in the title, for the keyword rule. */
  keyword?: string;
  /** Shown to the person so they can tell meetings apart; kept in this browser, never sent. */
  title: string;
  /** The calendar UID, the same for every occurrence of a series. */
  seriesUid: string;
  recurring: boolean;
}

export interface MatchContext {
  pairs: PairInfo[];
  /** The programme's title words or phrases (GET /me `programme.meetingKeywords`). */
  keywords: string[];
  /** The person's own addresses: the programme's email and any calendar aliases they gave. */
  ownAddresses: string[];
  /** Series UIDs the person chose to ignore. */
  ignoredSeries: string[];
}

/**
 * The series UID plus the occurrence's ORIGINAL start in UTC: a moved
 * occurrence keeps its key, and so do both partners' copies of it.
 */
export function eventKey(uid: string, originalStart: string): string {
  return `${uid}/${new Date(originalStart).toISOString()}`;
}

/** Every (pair, occurrence) among the events that is a mentoring session. */
export function matchSessions(events: CalendarEvent[], context: MatchContext): SessionMatch[] {
  const own = new Set(context.ownAddresses.map((address) => address.trim().toLowerCase()).filter(Boolean));
  const ignored = new Set(context.ignoredSeries);
  const matches = new Map<string, SessionMatch>();
  for (const event of events) {
    if (event.cancelled || ignored.has(event.uid) || declinedByPerson(event, own)) continue;
    for (const found of sessionsIn(event, context, own)) {
      matches.set(`${found.pairId}|${found.eventKey}`, found);
    }
  }
  return [...matches.values()];
}

function sessionsIn(event: CalendarEvent, context: MatchContext, own: Set<string>): SessionMatch[] {
  const declined = new Set(event.declined);
  const present = event.attendees.filter((address) => !declined.has(address));
  const base = {
    eventKey: eventKey(event.uid, event.originalStart),
    start: event.start,
    end: event.end,
    title: event.title,
    seriesUid: event.uid,
    recurring: event.recurring,
  };
  // A meeting with two of the person's partners is a session of each pair.
  const withPartner = context.pairs.filter((pair) => present.includes(pair.partner.email.trim().toLowerCase()));
  if (withPartner.length > 0) {
    return withPartner.map((pair) => ({ ...base, pairId: pair.id, partnerName: pair.partner.displayName, rule: 'partner_attendee' }));
  }
  // The title is only a fallback, for a meeting nobody else is invited to (a slot
  // the person booked alone). It names no partner, so it needs exactly one pair.
  const others = present.filter((address) => !own.has(address) && !event.ownerAddresses.includes(address));
  const pair = context.pairs.length === 1 ? context.pairs[0] : undefined;
  const keyword = others.length === 0 && pair ? titleKeyword(event.title, context.keywords) : undefined;
  if (!pair || keyword === undefined) return [];
  return [{ ...base, pairId: pair.id, partnerName: pair.partner.displayName, rule: 'keyword', keyword }];
}

/** The person declined: the calendar says so for its owner, or for one of the person's addresses. */
function declinedByPerson(event: CalendarEvent, own: Set<string>): boolean {
  return event.ownerDeclined || event.declined.some((address) => own.has(address));
}

/** The first keyword found in the title as a whole word or phrase, ignoring case; never part of a longer word. */
export function titleKeyword(title: string, keywords: readonly string[]): string | undefined {
  return keywords.find((keyword) => {
    const words = keyword.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return false;
    const phrase = words.map(escapeRegExp).join('\\s+');
    return new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'iu').test(title);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
