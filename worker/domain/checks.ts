// A member's private answers about the pairing (README, "What the pair gets
// back"): the fit question, the relationship check at 30 days and every 90
// after, and the closing question. Each is stored per (pair, member, kind,
// milestone) like a session answer: a later answer replaces the stored one, an
// older retry is kept out, a replay changes nothing. No route returns one; they
// count only in aggregates under k (SECURITY.md).
import type { PairQuestions, SubmitCheck } from '../../shared/contract/checks';
import { CHECK_INTERVAL_DAYS, CLOSING_CHANGES, FIRST_CHECK_DAYS, type ClosingChange } from '../../shared/vocabulary';
import { findPair, type PairRow } from '../storage/pairs';
import { findCheckAt, upsertCheck, type AnsweredCheck, type CheckWrite } from '../storage/checks';
import { invalidateCultureForClosing } from '../storage/snapshots';
import { isoDay } from '../../shared/metrics/time';
import { ApiError, notFound } from './errors';
import type { Member } from './responses';

const DAY_MS = 86_400_000;

const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The pair, if the caller is one of its two members. Any other pair is "not found", so a stranger learns nothing of it. */
export async function ownPair(db: D1Database, member: Member, pairId: string): Promise<PairRow> {
  const pair = await findPair(db, pairId);
  const mine = pair && pair.programme_id === member.programmeId && (pair.a_id === member.participantId || pair.b_id === member.participantId);
  if (!mine) throw notFound('pair');
  return pair;
}

/** 30, 120, 210, …: the days after the start a relationship check belongs to. */
export const isMilestoneDay = (day: number) => day >= FIRST_CHECK_DAYS && (day - FIRST_CHECK_DAYS) % CHECK_INTERVAL_DAYS === 0;

/** The pair's last day so far: today, or its end if that came first. */
const lastDaySoFar = (pair: PairRow, today: string) => (pair.ends_on !== null && pair.ends_on < today ? pair.ends_on : today);

/** The latest milestone day the pair has reached while it ran, or null before day 30. */
export function latestMilestone(pair: PairRow, today: string): number | null {
  const days = daysFrom(pair.starts_on, lastDaySoFar(pair, today));
  if (days < FIRST_CHECK_DAYS) return null;
  return FIRST_CHECK_DAYS + Math.floor((days - FIRST_CHECK_DAYS) / CHECK_INTERVAL_DAYS) * CHECK_INTERVAL_DAYS;
}

/** Ended: its endsOn has passed or is today, so the closing question may be asked. */
export const hasEnded = (pair: PairRow, today: string) => pair.ends_on !== null && pair.ends_on <= today;
const isActive = (pair: PairRow, today: string) => pair.starts_on <= today && !(pair.ends_on !== null && pair.ends_on < today);

const unprocessable = (message: string) => new ApiError(422, 'unprocessable', message);

/** Which checks a pair admits today: a reached milestone day, closing once it has ended, fit any time. */
function checkDue(pair: PairRow, input: SubmitCheck, today: string) {
  if (input.kind === 'milestone') {
    if (!isMilestoneDay(input.milestone)) {
      throw unprocessable(`day ${input.milestone} is not a relationship check day (${FIRST_CHECK_DAYS}, then every ${CHECK_INTERVAL_DAYS})`);
    }
    const reached = latestMilestone(pair, today);
    if (reached === null || input.milestone > reached) throw unprocessable(`the pair has not reached day ${input.milestone}`);
  }
  if (input.kind === 'closing' && !hasEnded(pair, today)) throw unprocessable('the pair has not ended yet');
}

/** Closing chips as stored: one bit per chip, in the order of CLOSING_CHANGES. */
export const changesToMask = (chips: readonly ClosingChange[]) => chips.reduce((mask, chip) => mask | (1 << CLOSING_CHANGES.indexOf(chip)), 0);

function checkWrite(id: string, member: Member, input: SubmitCheck, now: Date): CheckWrite {
  return {
    id,
    programmeId: member.programmeId,
    pairId: input.pairId,
    participantId: member.participantId,
    kind: input.kind,
    milestone: input.kind === 'milestone' ? input.milestone : 0,
    fit: input.kind === 'fit' ? input.fit : null,
    worthwhile: input.kind === 'milestone' ? input.worthwhile : null,
    pace: input.kind === 'milestone' ? input.pace : null,
    again: input.kind === 'closing' ? input.again : null,
    changedMask: input.kind === 'closing' ? changesToMask(input.changed) : null,
    answeredAt: input.answeredAt ?? now.toISOString(),
    receivedAt: now.toISOString(),
  };
}

export type CheckOutcome = 'created' | 'replaced' | 'kept_newer';

/** Stores one check answer; the read of what it replaces and the upsert share one batch. */
export async function submitCheck(db: D1Database, member: Member, id: string, input: SubmitCheck, now = new Date()): Promise<CheckOutcome> {
  const pair = await ownPair(db, member, input.pairId);
  checkDue(pair, input, isoDay(now.getTime()));
  const write = checkWrite(id, member, input, now);
  let results: D1Result[];
  try {
    results = await db.batch([
      findCheckAt(db, write),
      upsertCheck(db, write),
      // Closing answers are culture figures of the period the pair ended in (SECURITY.md, "Sponsor culture").
      ...(write.kind === 'closing' ? [invalidateCultureForClosing(db, write.programmeId, write.pairId)] : []),
    ]);
  } catch (error) {
    // The id names another answer (another person's, pair's or question's).
    if (error instanceof Error && /UNIQUE constraint failed: pair_checks\.id/.test(error.message)) throw reusedCheckId();
    throw error;
  }
  const before = results[0]?.results[0] as { id: string } | undefined;
  const written = (results[1]?.results.length ?? 0) > 0;
  if (!before) return 'created';
  return written ? 'replaced' : 'kept_newer';
}

const reusedCheckId = () => new ApiError(409, 'conflict', 'this check id is already used for another answer');

/**
 * What to ask a member about one pair next (GET /me, `questions`):
 * - fit: true while the member has neither answered the fit question nor given
 *   any held answer (happened = true) on the pair. The extension asks it in the
 *   prompt of the member's first held session, beside that answer; once that
 *   held answer is stored the question is gone whether or not it was answered,
 *   so it is asked exactly once.
 * - milestone: the latest milestone day the pair has reached, while the pair is
 *   running and until the member answers that day's check; an older unanswered
 *   one is not asked again. null otherwise.
 * - closing: true once the pair has ended (endsOn is today or past) until the
 *   member answers it.
 */
export function questionsFor(pair: PairRow, answered: readonly AnsweredCheck[], heldOnPair: boolean, today: string): PairQuestions {
  const mine = answered.filter((check) => check.pair_id === pair.id);
  const has = (kind: AnsweredCheck['kind'], milestone = 0) => mine.some((c) => c.kind === kind && c.milestone === milestone);
  const milestone = isActive(pair, today) ? latestMilestone(pair, today) : null;
  return {
    fit: !has('fit') && !heldOnPair,
    milestone: milestone !== null && !has('milestone', milestone) ? milestone : null,
    closing: hasEnded(pair, today) && !has('closing'),
  };
}
