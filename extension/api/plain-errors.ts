// What the person reads when something goes wrong, in plain words: what
// happened and what to do. Every error the extension shows (options page,
// feedback view, notifications, poll status) goes through here, so a raw
// "Failed to fetch" or "the input is not valid" never reaches the screen.
// The Worker's own sentences for refusals a person can act on (a used invite,
// an expired session) are kept as they are.

import type { SendOutcome } from '../outbox/machine';

/** What the person was doing when it failed: it decides the "what to do" half. */
export type ServerAction = 'join' | 'answer' | 'request' | 'setting' | 'load-answers' | 'other';

/** What the outbox keeps, in the person's words, for the actions it sends. */
const KEPT: Partial<Record<ServerAction, { what: string; kept: string }>> = {
  answer: { what: 'answer', kept: 'Your answer is kept' },
  request: { what: 'request', kept: 'Your request is kept' },
  setting: { what: 'change', kept: 'Your choice is kept' },
};

export type CalendarKind = 'ics' | 'google' | 'microsoft';

/** An error carrying an HTTP status, and the Worker's envelope code and message if it sent one. */
interface WithStatus {
  status: number;
  code?: string;
  message?: string;
}

/**
 * The Worker's envelope codes whose message is technical ("the input is not
 * valid", "no route for GET /x"), and a status with no envelope at all
 * (`http_<status>`, a proxy's page). These get the messages below; every other
 * code (a used invite, an expired session, a reset access) carries a sentence
 * written for the person, which is shown as it is.
 */
const TECHNICAL_CODES = new Set(['invalid_input', 'invalid_json', 'payload_too_large', 'not_found', 'unauthorized', 'rate_limited', 'internal']);

function workerSentence(code: string | undefined, message: string | undefined): string | null {
  if (!code || !message || TECHNICAL_CODES.has(code) || /^http_\d+$/.test(code)) return null;
  return message;
}

const NEXT_STEP: Record<ServerAction, string> = {
  join: 'Check your connection and the server address, then try again.',
  answer: 'Check your connection; your answer is kept and will be sent when it is back.',
  request: 'Check your connection; your request is kept and will be sent when it is back.',
  setting: 'Check your connection; your choice is kept and will be sent when it is back.',
  'load-answers': 'Check your connection; showing the answers stored on this computer.',
  other: 'Check your connection, then try again.',
};

/**
 * True for fetch's own network failure: it rejects with a TypeError ("Failed to
 * fetch" in Chromium, "NetworkError when attempting to fetch resource." in
 * Firefox, "Load failed" in Safari). Other TypeErrors are bugs, not the network.
 */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/** AbortSignal.timeout rejects with a TimeoutError; an abort by hand with an AbortError. */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function statusOf(error: unknown): WithStatus | null {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number') return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    status,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** A failed call to the programme's server (the Worker at `server`, an origin). */
export function serverProblem(error: unknown, server: string, action: ServerAction): string {
  if (isTimeout(error)) return `Your programme's server (${server}) did not answer in time. ${NEXT_STEP[action]}`;
  if (isNetworkFailure(error)) return `Can't reach your programme's server (${server}). ${NEXT_STEP[action]}`;
  const http = statusOf(error);
  if (http) return serverRefusal(http, server, action);
  return ownMessage(error);
}

/**
 * A failed PUT of an answer, with its message in the person's words (the
 * outbox stores it as lastError or failure.message, and the view and the
 * notification show it).
 */
export function sendOutcomeInPlainWords(outcome: SendOutcome, server: string, action: ServerAction = 'answer'): SendOutcome {
  if (outcome.kind === 'network') return { ...outcome, message: serverProblem(outcome.cause ?? new TypeError('Failed to fetch'), server, action) };
  if (outcome.kind === 'http') return { ...outcome, message: serverRefusal(outcome, server, action) };
  return outcome;
}

/** An HTTP answer from the Worker that was not a success. */
export function serverRefusal({ status, code, message }: WithStatus, server: string, action: ServerAction): string {
  const sentence = workerSentence(code, message);
  if (sentence) return sentence;
  const kept = KEPT[action];
  const retry = kept ? `${kept.kept} and will be sent again later.` : 'Please try again later.';
  if (status === 401) {
    return 'Your programme no longer accepts this computer’s sign-in. Ask your coordinator for a new invite code and enter it in Twoway’s options.';
  }
  if (status === 404 && action === 'join') {
    return `${server} does not know this invite code. Check the code, and that the server address is your programme's.`;
  }
  if (status === 404) return `${server} answered "not found" (404). Check that the server address is your programme's.`;
  if (status === 429) return `Your programme's server is busy right now. ${retry}`;
  if (status >= 500) return `Your programme's server had a problem (it answered ${status}). ${retry}`;
  if (status === 400 || status === 413 || status === 422) {
    return kept
      ? `Your programme's server could not accept this ${kept.what} (it answered ${status}). Tell your coordinator if this keeps happening.`
      : `Your programme's server could not accept this (it answered ${status}). Check what you entered and try again.`;
  }
  return `Your programme's server answered ${status}. ${retry}`;
}

const CALENDAR_NAMES: Record<CalendarKind, string> = {
  ics: 'your calendar feed',
  google: 'your Google Calendar',
  microsoft: 'your Microsoft 365 calendar',
};

/** A failed read of the person's calendar; `where` is the feed's address (origin shown only). */
export function calendarProblem(error: unknown, kind: CalendarKind, where?: string): string {
  const name = CALENDAR_NAMES[kind];
  const at = where ? ` (${originOf(where)})` : '';
  const again = 'Twoway tries again every 5 minutes.';
  if (isTimeout(error) || isNetworkFailure(error)) {
    return `Can't reach ${name}${at}. Check your connection${kind === 'ics' ? ' and the address' : ''}; ${again}`;
  }
  const http = statusOf(error);
  if (http) {
    const what = kind === 'ics' ? 'the address' : kind === 'google' ? 'Google' : 'Microsoft';
    return `Can't read ${name}: ${what} answered ${http.status}. ${calendarHint(http.status, kind)}`;
  }
  if ((error as { reason?: unknown } | null)?.reason === 'not_a_calendar') {
    return `Can't read ${name}${at}: the address did not give a calendar file. Use your calendar's secret address in iCal format.`;
  }
  return ownMessage(error);
}

function calendarHint(status: number, kind: CalendarKind): string {
  if (status >= 500 || status === 429) return 'Twoway tries again in 5 minutes.';
  if (kind === 'ics') return 'Check that it is your calendar’s secret address in iCal format and that it has not been reset.';
  return 'Connect the calendar again in these settings.';
}

/** Any other error: the extension's own messages are already written for people. */
export function anyProblem(error: unknown): string {
  if (isTimeout(error) || isNetworkFailure(error)) return `Can't reach the server. ${NEXT_STEP.other}`;
  return ownMessage(error);
}

function ownMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message || 'Something went wrong. Please try again.';
}

function originOf(address: string): string {
  try {
    return new URL(address.replace(/^webcal:/i, 'https:')).origin;
  } catch {
    return address;
  }
}
