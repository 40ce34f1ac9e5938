// When to ask, remind and stop asking. Pure functions over one prompt and a
// clock, so the rules are tested without a browser and the background only
// persists what they return.
import { answerDeadline } from '../../shared/answer-window';
import type { SessionMatch } from '../sessions/matching';
import { quietUntil, type QuietHours, type Selection } from './selection';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Ask a minute after the meeting ends, so an overrun still counts as "just ended". */
export const PROMPT_DELAY = MINUTE;
/** At most one reminder, a day after the first prompt. */
export const REMINDER_AFTER = DAY;
export const DEFAULT_SNOOZE = HOUR;
/** Sessions that ended while the browser was closed are still asked about for a day. */
export const CATCH_UP = DAY;
/**
 * A notification closes itself this long after it appeared (extension/README.md,
 * "Fewer prompts"). Closing it sends nothing: the prompt stays open and
 * answerable from the popup until the answer window ends.
 */
export const SELF_CLOSE_AFTER = 12 * HOUR;

/** not_asked: the selection rules (selection.ts) chose not to ask; the session is reported with `asked: false`. */
export type PromptState = 'upcoming' | 'open' | 'answered' | 'expired' | 'not_asked';

export interface Prompt extends SessionMatch {
  programmeId: string;
  state: PromptState;
  openedAt?: number;
  remindedAt?: number;
  snoozedUntil?: number;
  /** The client UUID of this person's response; reused by every later edit. */
  responseId?: string;
  /** The person said this meeting was no mentoring session: it is answered, and the view no longer shows it. */
  notASession?: true;
  sessionReported?: boolean;
  /** The session's place among its pair's sessions of its ISO week (UTC), from 0; set by each poll (selection.ts). */
  weekRank?: number;
  /** What the selection rules decided when the session ended; absent on prompts stored by older versions (asked). */
  selection?: Selection;
  /** The pair's fit question was open when this session was answered as held: it is asked here (FeedbackApp). */
  fitOffered?: true;
  /** When the notification last closed itself (SELF_CLOSE_AFTER). */
  closedAt?: number;
}

export type PromptEffect = 'report-session' | 'notify' | 'remind' | 'clear-notification';

export interface Advanced {
  prompt: Prompt;
  effects: PromptEffect[];
  /** When this prompt next needs attention, or null when it is settled. */
  wakeAt: number | null;
}

export function promptKey(match: Pick<SessionMatch, 'pairId' | 'eventKey'>): string {
  return `${match.pairId}|${match.eventKey}`;
}

export function dueAt(prompt: Prompt): number {
  return Date.parse(prompt.end) + PROMPT_DELAY;
}

/** A prompt closes when the Worker stops taking its answer (shared/answer-window.ts): 7 days after the session ends. */
export function expiresAt(prompt: Prompt): number {
  return answerDeadline(prompt.end);
}

/**
 * Moves one prompt forward to `now` and says what the browser must do. In
 * the person's quiet hours nothing appears: a prompt due then opens, and a
 * reminder due then comes, when they end (the answer window is far longer
 * than any quiet hours, so nothing expires waiting for them).
 */
export function advance(prompt: Prompt, now: number, quiet: QuietHours | null = null): Advanced {
  if (prompt.state === 'answered' || prompt.state === 'expired' || prompt.state === 'not_asked') return { prompt, effects: [], wakeAt: null };
  if (now >= expiresAt(prompt)) {
    const effects: PromptEffect[] = prompt.state === 'open' ? ['clear-notification'] : [];
    return { prompt: { ...prompt, state: 'expired' }, effects, wakeAt: null };
  }
  if (prompt.state === 'upcoming') {
    if (now < dueAt(prompt)) return { prompt, effects: [], wakeAt: dueAt(prompt) };
    const quietEnds = quietUntil(now, quiet);
    if (quietEnds > now) return { prompt, effects: [], wakeAt: Math.min(quietEnds, expiresAt(prompt)) };
    const opened: Prompt = { ...prompt, state: 'open', openedAt: now };
    return { prompt: opened, effects: ['report-session', 'notify'], wakeAt: nextWake(opened) };
  }
  return advanceOpen(prompt, now, quiet);
}

function advanceOpen(prompt: Prompt, now: number, quiet: QuietHours | null): Advanced {
  const effects: PromptEffect[] = [];
  let next = prompt;
  const remindDue = prompt.snoozedUntil !== undefined
    ? now >= prompt.snoozedUntil
    : prompt.remindedAt === undefined && now >= (prompt.openedAt ?? now) + REMINDER_AFTER;
  const quietEnds = quietUntil(now, quiet);
  if (remindDue && quietEnds > now) {
    // Held back until the quiet hours end; the report still goes out.
    return { prompt, effects: prompt.sessionReported ? [] : ['report-session'], wakeAt: Math.min(quietEnds, expiresAt(prompt)) };
  }
  if (remindDue) {
    // A snoozed prompt coming back is the one reminder the person gets.
    next = { ...prompt, snoozedUntil: undefined, remindedAt: now };
    effects.push('remind');
  } else if (prompt.snoozedUntil !== undefined) {
    return { prompt, effects, wakeAt: nextWake(prompt) };
  }
  const closesAt = selfClosesAt(next);
  if (closesAt !== null && now >= closesAt) {
    next = { ...next, closedAt: now };
    effects.push('clear-notification');
  }
  if (!next.sessionReported) effects.unshift('report-session');
  return { prompt: next, effects, wakeAt: nextWake(next) };
}

/** When the notification now showing closes itself, or null when none is showing (closed, or snoozed away). */
function selfClosesAt(prompt: Prompt): number | null {
  if (prompt.snoozedUntil !== undefined) return null;
  const shownAt = prompt.remindedAt ?? prompt.openedAt;
  if (shownAt === undefined || (prompt.closedAt !== undefined && prompt.closedAt >= shownAt)) return null;
  return shownAt + SELF_CLOSE_AFTER;
}

function nextWake(prompt: Prompt): number {
  const candidates = [expiresAt(prompt)];
  const closesAt = selfClosesAt(prompt);
  if (closesAt !== null) candidates.push(closesAt);
  if (prompt.snoozedUntil !== undefined) candidates.push(prompt.snoozedUntil);
  else if (prompt.remindedAt === undefined && prompt.openedAt !== undefined) {
    candidates.push(prompt.openedAt + REMINDER_AFTER);
  }
  return Math.min(...candidates);
}

export function snooze(prompt: Prompt, now: number, duration = DEFAULT_SNOOZE): Prompt {
  if (prompt.state !== 'open') return prompt;
  return { ...prompt, snoozedUntil: Math.min(now + duration, expiresAt(prompt)) };
}

export function markAnswered(prompt: Prompt, responseId: string, notASession = false): Prompt {
  const { notASession: _was, ...rest } = prompt;
  return { ...rest, state: 'answered', responseId, snoozedUntil: undefined, ...(notASession ? { notASession: true } : {}) };
}

/** The person ignores the series: its prompts that are still waiting go (answered ones stay, they were sent). */
export function dropSeries(prompts: Record<string, Prompt>, seriesUid: string): Record<string, Prompt> {
  return Object.fromEntries(
    Object.entries(prompts).filter(([, prompt]) => prompt.seriesUid !== seriesUid || prompt.state === 'answered'),
  );
}

/**
 * Folds a fresh calendar poll into the known prompts: new sessions become
 * upcoming prompts, upcoming ones follow their event when it moves, and an
 * upcoming one whose event vanished (cancelled) is dropped. Prompts already
 * shown are left alone: the person may still want to answer.
 */
export function mergePoll(
  known: Record<string, Prompt>,
  matches: SessionMatch[],
  programmeId: string,
  window: { from: number; to: number },
  now: number,
): Record<string, Prompt> {
  const next: Record<string, Prompt> = { ...known };
  const seen = new Set<string>();
  for (const match of matches) {
    const key = promptKey(match);
    seen.add(key);
    const existing = next[key];
    if (!existing) {
      if (Date.parse(match.end) + CATCH_UP < now) continue;
      next[key] = { ...match, programmeId, state: 'upcoming' };
    } else if (existing.state === 'upcoming') {
      next[key] = { ...existing, ...match };
    }
  }
  for (const [key, prompt] of Object.entries(next)) {
    const inWindow = Date.parse(prompt.end) > window.from && Date.parse(prompt.start) < window.to;
    if (prompt.programmeId === programmeId && prompt.state === 'upcoming' && inWindow && !seen.has(key)) {
      delete next[key];
    }
  }
  return next;
}

/** Settled prompts are kept a little while for the view, then forgotten. */
export function pruneSettled(prompts: Record<string, Prompt>, now: number): Record<string, Prompt> {
  return Object.fromEntries(
    Object.entries(prompts).filter(
      // Not-asked prompts stay as long as answered ones: "every other session" reads the last decision.
      ([, prompt]) => prompt.state === 'upcoming' || prompt.state === 'open' || now < expiresAt(prompt) + DAY,
    ),
  );
}
