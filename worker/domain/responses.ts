// Sessions reported by a member's extension, and each member's answer.
// shared/metrics/README.md, "Inputs": one response per (session, participant); a later
// answer replaces the earlier one, and a replay changes nothing.
import { AUTONOMY_SCORES, NOT_A_SESSION, topicsToMask, type ReportSession, type SessionAnswer, type SubmitResponse } from '../../shared/schemas';
import { ANSWER_WINDOW_MS, answerDeadline, answerOpens, FUTURE_TOLERANCE_MS } from '../../shared/answer-window';
import { findPair, type PairRow } from '../storage/pairs';
import { insertAdmittedSession, readAnswerContext, upsertAdmittedResponse, type Admission, type AnswerContext } from '../storage/answer-admission';
import { HAPPENED_NOT_A_SESSION, type StoredAnswer } from '../storage/responses';
import { refreshManySessionRollups } from '../storage/rollups';
import { enqueuePairs, invalidateCultureFrom } from '../storage/snapshots';
import { insertSessionIfNew, sessionIdFor } from '../storage/sessions';
import { ApiError, forbidden, notFound, revoked, unauthorized } from './errors';
import { checkEnrolment, checkOccurrence } from './session-bounds';

// The answer window (shared/answer-window.ts): older answers go through the history import.
export { ANSWER_WINDOW_MS, FUTURE_TOLERANCE_MS };

export interface Member {
  programmeId: string;
  participantId: string;
  /** The caller's token hash, re-checked inside the answer's write batch (SECURITY.md, "Credentials"). */
  tokenHash?: string;
}

/** The pair, if `member` belongs to it: 404 when there is no such pair, 403 when they are not in it. */
export async function pairOfMember(db: D1Database, member: Member, pairId: string): Promise<PairRow> {
  const pair = await findPair(db, pairId);
  if (!pair) throw notFound('pair');
  if (pair.programme_id !== member.programmeId || (pair.a_id !== member.participantId && pair.b_id !== member.participantId)) {
    throw forbidden('you are not a member of this pair');
  }
  return pair;
}

export function checkAnswerWindow(session: { start: string; end: string }, now: Date) {
  if (now.getTime() < answerOpens(session.start)) {
    throw new ApiError(422, 'unprocessable', 'the session has not started yet');
  }
  if (now.getTime() > answerDeadline(session.end)) {
    throw new ApiError(422, 'unprocessable', 'the session ended more than 7 days ago; answers for it have expired');
  }
}

/** The checks a live report must pass on its own: not stale, not ahead, and the occurrence its key names. */
function checkOwnReport(input: { eventKey: string; start: string; end: string }, now: Date) {
  checkAnswerWindow(input, now);
  checkOccurrence(input.eventKey, input.start);
}

/**
 * Records that a meeting took place. The answer is the session's id either
 * way, with the same cost (one idempotent insert): whether the partner
 * reported it first is theirs to tell, not this route's.
 */
export async function recordSession(db: D1Database, member: Member, input: ReportSession, now = new Date()): Promise<{ id: string }> {
  const pair = await pairOfMember(db, member, input.pairId);
  checkOwnReport(input, now);
  checkEnrolment(pair, input.start);
  const id = sessionIdFor(pair.id, input.eventKey);
  await db.batch([
    insertSessionIfNew(
      db,
      { id, programmeId: pair.programme_id, pairId: pair.id, eventKey: input.eventKey, start: input.start, end: input.end },
      now.toISOString(),
    ),
    // A detected session counts in the window's sessions (response rate), so the pair's snapshot is refreshed.
    enqueuePairs(db, pair.programme_id, [pair.id]),
  ]);
  return { id };
}

/**
 * The stored form of an answer: booleans as 0/1 (and "not a mentoring session"
 * as happened = 2, see storage/responses.ts), autonomy as its score, topics as a bit mask.
 */
export function storedAnswer(answer: SessionAnswer): StoredAnswer {
  const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
  return {
    happened: answer.happened === NOT_A_SESSION ? HAPPENED_NOT_A_SESSION : answer.happened ? 1 : 0,
    value: answer.value ?? null,
    learned: flag(answer.learned),
    openness: flag(answer.openness),
    autonomy: answer.autonomy === undefined ? null : AUTONOMY_SCORES[answer.autonomy],
    topics: topicsToMask(answer.topics),
  };
}

export type SubmitOutcome = 'created' | 'replaced' | 'kept_newer';

/**
 * Stores one member's answer in a single D1 batch: the checks' context is read
 * first, and the session (created on the fly), the answer and its rollups are
 * written only if those checks pass, so they never disagree and a refused
 * answer leaves nothing behind.
 */
export async function submitResponse(
  db: D1Database,
  member: Member,
  responseId: string,
  input: SubmitResponse,
  now = new Date(),
): Promise<{ sessionId: string; outcome: SubmitOutcome }> {
  checkOwnReport(input, now);
  const sessionId = sessionIdFor(input.pairId, input.eventKey);
  const admission: Admission = {
    pairId: input.pairId,
    programmeId: member.programmeId,
    participantId: member.participantId,
    sessionId,
    responseId,
    latestStart: new Date(now.getTime() + FUTURE_TOLERANCE_MS).toISOString(),
    earliestEnd: new Date(now.getTime() - ANSWER_WINDOW_MS).toISOString(),
    start: input.start,
    end: input.end,
    tokenHash: member.tokenHash ?? null,
  };
  const answer = { answeredAt: input.answeredAt ?? now.toISOString(), ...storedAnswer(input) };
  let results: D1Result[];
  try {
    results = await db.batch([
      readAnswerContext(db, admission),
      insertAdmittedSession(db, admission, input.eventKey, now.toISOString()),
      upsertAdmittedResponse(db, admission, answer),
      // The bulk form: three statements instead of five for the same rollups.
      ...refreshManySessionRollups(db, [sessionId]),
      // Appended last: the indices above are read below.
      enqueuePairs(db, member.programmeId, [input.pairId]),
      invalidateCultureFrom(db, member.programmeId, input.start.slice(0, 7)),
    ]);
  } catch (error) {
    // Another participant's or another session's answer took this id in the meantime.
    if (error instanceof Error && /UNIQUE constraint failed: responses\.id/.test(error.message)) throw reusedId();
    throw error;
  }
  checkAdmission(results[0]?.results[0] as AnswerContext, member, admission, now);
  const revision = (results[2]?.results[0] as { revision?: number } | undefined)?.revision;
  const outcome: SubmitOutcome = revision === undefined ? 'kept_newer' : revision === 1 ? 'created' : 'replaced';
  return { sessionId, outcome };
}

/** The checks the batch's SQL guard made, in words: throws the error that explains a refusal. */
function checkAdmission(context: AnswerContext, member: Member, admission: Admission, now: Date) {
  // A token revoked after this isolate cached it: the guard wrote nothing.
  if (!context.token_live) throw context.token_revoked_reason ? revoked(context.token_revoked_reason) : unauthorized();
  if (context.pair_programme_id === null) throw notFound('pair');
  if (context.pair_programme_id !== member.programmeId || (context.a_id !== member.participantId && context.b_id !== member.participantId)) {
    throw forbidden('you are not a member of this pair');
  }
  checkAnswerWindow(admission, now);
  checkEnrolment({ starts_on: context.starts_on!, ends_on: context.ends_on }, admission.start);
  const previous = context.previous_session_id;
  if (previous !== null && (context.previous_participant_id !== member.participantId || previous !== admission.sessionId)) {
    throw reusedId();
  }
}

const reusedId = () => new ApiError(409, 'conflict', 'this response id is already used for another answer');
