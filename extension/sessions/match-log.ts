// The options page's "what matched in the last 14 days, and why": every poll
// folds its matches in, and entries older than 14 days go. Kept in this
// browser only, with the titles the person sees in their calendar.
import type { MatchLogEntry } from '../state/store';
import type { SessionMatch } from './matching';

export const MATCH_LOG_DAYS = 14;
const DAY_MS = 86_400_000;

export function logMatches(
  log: Record<string, MatchLogEntry>,
  matches: SessionMatch[],
  programmeId: string,
  now: number,
): Record<string, MatchLogEntry> {
  const next: Record<string, MatchLogEntry> = {};
  const since = now - MATCH_LOG_DAYS * DAY_MS;
  for (const [key, entry] of Object.entries(log)) if (Date.parse(entry.start) >= since) next[key] = entry;
  for (const match of matches) {
    next[`${match.pairId}|${match.eventKey}`] = {
      programmeId,
      pairId: match.pairId,
      partnerName: match.partnerName,
      eventKey: match.eventKey,
      seriesUid: match.seriesUid,
      recurring: match.recurring,
      title: match.title,
      start: match.start,
      end: match.end,
      rule: match.rule,
      ...(match.keyword === undefined ? {} : { keyword: match.keyword }),
    };
  }
  return next;
}

/** Forgets the entries of a series the person has just ignored. */
export function forgetSeries(log: Record<string, MatchLogEntry>, seriesUid: string): Record<string, MatchLogEntry> {
  return Object.fromEntries(Object.entries(log).filter(([, entry]) => entry.seriesUid !== seriesUid));
}
