// Which sessions the person is asked about, and when (extension/README.md,
// "Fewer prompts"). Pure functions, applied in this order when a session ends:
// 1. the programme's cap, maxPromptsPerPairPerWeek: only the first N sessions
//    of each ISO week (Monday 00:00 UTC) for the pair, by start, are asked
//    about. UTC and the calendar's own order make both partners' extensions
//    pick the same sessions wherever they are;
// 2. "ask me about every other session" (the person's own choice): of the
//    sessions the cap leaves, one is asked about and the next is not;
// 3. quiet hours (local time): a session ending in them is asked about when
//    they end (rules.ts, `advance`).
// A session left out by 1 or 2 is reported to the Worker with `asked: false`.
import type { SessionMatch } from '../sessions/matching';
import type { Prompt } from './rules';

/** Why a session was or was not asked about. */
export type Selection = 'asked' | 'cap' | 'every_other';

export interface QuietHours {
  /** Local hours, 0–23. start > end spans midnight; start = end is no quiet hours. */
  start: number;
  end: number;
}

const WEEK = 7 * 24 * 3600_000;
/** 1970-01-05 was a Monday. */
const FIRST_MONDAY = Date.UTC(1970, 0, 5);

/** Monday 00:00 UTC of the ISO week holding `at`. */
export function isoWeekStart(at: number): number {
  return FIRST_MONDAY + Math.floor((at - FIRST_MONDAY) / WEEK) * WEEK;
}

/**
 * Each session's place among its pair's sessions of the same ISO week, from
 * 0, by start and then eventKey (two meetings starting together are ordered
 * the same way on both sides). Exact for every session whose week starts
 * inside the matches' window: the poll reads from the week's Monday.
 */
export function withWeekRanks<M extends SessionMatch>(matches: M[]): Array<M & { weekRank: number }> {
  const ordered = [...matches].sort((a, b) => a.start.localeCompare(b.start) || a.eventKey.localeCompare(b.eventKey));
  const counts = new Map<string, number>();
  const ranks = new Map<string, number>();
  for (const match of ordered) {
    const session = `${match.pairId}|${match.eventKey}`;
    // The same occurrence listed twice (two calendars) keeps one place.
    if (ranks.has(session)) continue;
    const week = `${match.pairId}|${isoWeekStart(Date.parse(match.start))}`;
    const place = counts.get(week) ?? 0;
    ranks.set(session, place);
    counts.set(week, place + 1);
  }
  return matches.map((match) => ({ ...match, weekRank: ranks.get(`${match.pairId}|${match.eventKey}`) ?? 0 }));
}

/** What was decided for a prompt, reading prompts stored by older versions (no selection) as asked once they opened. */
function decided(prompt: Prompt): Selection | null {
  if (prompt.selection) return prompt.selection;
  return prompt.state === 'upcoming' ? null : 'asked';
}

/**
 * The decision for one session that has just ended. `earlier` are the pair's
 * other known prompts; "every other" alternates with the last session the
 * cap left (a meeting the person said was no mentoring session is not one).
 */
export function selectionFor(prompt: Prompt, earlier: Prompt[], cap: number | null | undefined, everyOther: boolean): Selection {
  if (cap !== null && cap !== undefined && (prompt.weekRank ?? 0) >= cap) return 'cap';
  if (!everyOther) return 'asked';
  const previous = earlier
    .filter((other) => other.pairId === prompt.pairId && other.start < prompt.start && !other.notASession)
    .filter((other) => decided(other) !== null && decided(other) !== 'cap')
    .sort((a, b) => b.start.localeCompare(a.start))[0];
  return previous && decided(previous) === 'asked' ? 'every_other' : 'asked';
}

export interface SelectionOptions {
  /** maxPromptsPerPairPerWeek by programme id (null or absent: no cap). */
  caps: Record<string, number | null | undefined>;
  everyOther: boolean;
}

/**
 * Decides, in order of start, every upcoming prompt whose session has ended
 * (`dueAt` passed) and has no decision yet. Those not asked about become
 * `not_asked` and are returned, to be reported with `asked: false`.
 */
export function selectDue(
  prompts: Record<string, Prompt>,
  now: number,
  options: SelectionOptions,
  dueAt: (prompt: Prompt) => number,
): { prompts: Record<string, Prompt>; notAsked: Prompt[] } {
  const next = { ...prompts };
  const notAsked: Prompt[] = [];
  const due = Object.entries(next)
    .filter(([, p]) => p.state === 'upcoming' && p.selection === undefined && now >= dueAt(p))
    .sort(([, a], [, b]) => a.start.localeCompare(b.start));
  for (const [key, prompt] of due) {
    const selection = selectionFor(prompt, Object.values(next), options.caps[prompt.programmeId], options.everyOther);
    const decidedPrompt: Prompt = { ...prompt, selection, ...(selection === 'asked' ? {} : { state: 'not_asked' as const }) };
    next[key] = decidedPrompt;
    if (selection !== 'asked') notAsked.push(decidedPrompt);
  }
  return { prompts: next, notAsked };
}

function isQuiet(hour: number, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}

/** `at` itself when it is outside the quiet hours, else the moment they end (local time). */
export function quietUntil(at: number, quiet: QuietHours | null | undefined): number {
  if (!quiet) return at;
  const moment = new Date(at);
  if (!isQuiet(moment.getHours(), quiet)) return at;
  const end = new Date(at);
  end.setHours(quiet.end, 0, 0, 0);
  if (end.getTime() <= at) end.setDate(end.getDate() + 1);
  return end.getTime();
}
