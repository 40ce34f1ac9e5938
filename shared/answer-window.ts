// When a session may be answered live (README, "API"; extension/README.md,
// "Prompts"): from a few minutes before it starts until 7 days after it ENDS.
// The Worker refuses answers outside it with 422, and the extension lets its
// prompt expire at the same moment, so a prompt never asks for an answer the
// Worker would refuse. Older sessions go through the history import. Kept free
// of zod so the extension's background can import it.

export const ANSWER_WINDOW_MS = 7 * 24 * 3600_000;
/** A meeting can be reported a little before its start (clock skew), never further ahead. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The last moment (ms) a session ending at `end` can be answered. */
export function answerDeadline(end: string): number {
  return Date.parse(end) + ANSWER_WINDOW_MS;
}

/** The earliest moment (ms) a session starting at `start` can be answered. */
export function answerOpens(start: string): number {
  return Date.parse(start) - FUTURE_TOLERANCE_MS;
}
