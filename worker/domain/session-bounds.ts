// Where a live session report may lie (SECURITY.md, "Integrity and abuse").
// A member's report is checked against what the report itself claims and
// against the pair, never against another member's earlier report: that is
// what keeps one member from making the other's genuine answer fail.
const DAY_MS = 24 * 3600_000;

/**
 * How far a reported start may lie from the original start that the event key
 * names. Calendars move single occurrences ("this week on Thursday instead"),
 * and a moved occurrence keeps its key; a week either way covers that without
 * letting a report wander to another meeting's slot of a fortnightly series.
 */
export const MOVE_TOLERANCE_MS = 7 * DAY_MS;

// The extension's key is `<iCalUID>/<original start as ISO-8601 UTC>`
// (extension/sessions/matching.ts). Only a full instant counts, so keys of
// other shapes ("uid@2026-01-05", "…/2026") name no original start.
const ORIGINAL_START = /\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))$/;

/** The occurrence's original start (epoch ms) that an event key carries, if it carries one. */
export function originalStartOf(eventKey: string): number | null {
  const match = ORIGINAL_START.exec(eventKey);
  if (!match) return null;
  const at = Date.parse(match[1]!);
  return Number.isFinite(at) ? at : null;
}

/** Why the reported start cannot be the occurrence its key names, or null when it can. */
export function occurrenceProblem(eventKey: string, start: string): string | null {
  const original = originalStartOf(eventKey);
  if (original === null) return null;
  return Math.abs(Date.parse(start) - original) > MOVE_TOLERANCE_MS
    ? 'the session’s start is more than 7 days from the original start its eventKey names'
    : null;
}

export interface Enrolment {
  starts_on: string;
  ends_on: string | null;
}

/** Why a session starting at `start` lies outside the pair's [startsOn, endsOn] (whole UTC days), or null. */
export function enrolmentProblem(pair: Enrolment, start: string): string | null {
  const day = start.slice(0, 10);
  if (day < pair.starts_on) return `the session starts before the pair's start (${pair.starts_on})`;
  if (pair.ends_on !== null && day > pair.ends_on) return `the session starts after the pair's end (${pair.ends_on})`;
  return null;
}
