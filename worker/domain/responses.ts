// Sessions reported by a member's extension, and each member's answer.
// shared/metrics/README.md, "Inputs": one response per (session, participant); a later
// answer replaces the earlier one, and a replay changes nothing.
import { AUTONOMY_SCORES, NOT_A_SESSION, topicsToMask, type ReportSession, type SessionAnswer, type SubmitResponse } from '../../shared/schemas';
import { ANSWER_WINDOW_MS, FUTURE_TOLERANCE_MS } from '../../shared/answer-window';
import { findPair } from '../storage/pairs';
import {
  admissionFacts, insertAdmittedSession, pairFacts, readAnswerContext, upsertAdmittedResponse, type Admission, type AnswerContext,
} from '../storage/answer-admission';
import { HAPPENED_NOT_A_SESSION, type StoredAnswer } from '../storage/responses';
import { refreshManySessionRollups } from '../storage/rollups';
import { enqueuePairs, invalidateCultureForSessions, invalidateCultureFrom } from '../storage/snapshots';
import { insertSessionIfNew, markAsked, sessionIdFor } from '../storage/sessions';
import {
  ANSWER_GUARD, answerTimeBounds, checkAdmission, OWN_REPORT, reusedResponseId, SESSION_REPORT, type AdmissionClaim,
} from './admission';

// The answer window (shared/answer-window.ts): older answers go through the history import.
export { ANSWER_WINDOW_MS, FUTURE_TOLERANCE_MS };

export interface Member {
  programmeId: string;
  participantId: string;
  /** The caller's token hash, re-checked inside the answer's write batch (SECURITY.md, "Credentials"). */
  tokenHash?: string;
}

/** What `member` claims about the session they report or answer. */
function claimOf(member: Member, input: { eventKey: string; start: string; end: string }, sessionId?: string): AdmissionClaim {
  return {
    programmeId: member.programmeId, participantId: member.participantId, eventKey: input.eventKey, start: input.start, end: input.end,
    ...(sessionId === undefined ? {} : { sessionId }),
  };
}

/**
 * Records that a meeting took place. The answer is the session's id either
 * way, with the same cost (one idempotent insert): whether the partner
 * reported it first is theirs to tell, not this route's. With `asked`, the
 * member's mark is stored and the session's rollups rebuilt in the same batch
 * (a "held, not asked" session counts as held): the same statements whoever
 * reported first.
 */
export async function recordSession(db: D1Database, member: Member, input: ReportSession, now = new Date()): Promise<{ id: string }> {
  const pair = pairFacts(await findPair(db, input.pairId));
  checkAdmission(SESSION_REPORT, { pair }, claimOf(member, input), now);
  const id = sessionIdFor(input.pairId, input.eventKey);
  await db.batch([
    insertSessionIfNew(
      db,
      { id, programmeId: member.programmeId, pairId: input.pairId, eventKey: input.eventKey, start: input.start, end: input.end },
      now.toISOString(),
    ),
    ...(input.asked === undefined ? [] : [markAsked(db, id, pair?.aId === member.participantId ? 'a' : 'b', input.asked)]),
    // A detected session counts in its month's sessions (the response rate's divisor), answered or
    // not, so its rollups are rebuilt and the pair's snapshot refreshed: the same statements whoever reported first.
    ...sessionRollups(db, member.programmeId, id),
    enqueuePairs(db, member.programmeId, [input.pairId]),
  ]);
  return { id };
}

/** The session's rollups, after a report or a not-asked mark (shared/metrics/README.md, "Not asked"). */
function sessionRollups(db: D1Database, programmeId: string, sessionId: string): D1PreparedStatement[] {
  return [
    ...refreshManySessionRollups(db, [sessionId]),
    // The stored session's month (the first report's times), which culture tables read.
    invalidateCultureForSessions(db, programmeId, [sessionId]),
  ];
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
  checkAdmission(OWN_REPORT, { pair: null }, claimOf(member, input), now);
  const sessionId = sessionIdFor(input.pairId, input.eventKey);
  const admission: Admission = {
    pairId: input.pairId,
    programmeId: member.programmeId,
    participantId: member.participantId,
    sessionId,
    responseId,
    ...answerTimeBounds(now),
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
    if (error instanceof Error && /UNIQUE constraint failed: responses\.id/.test(error.message)) throw reusedResponseId();
    throw error;
  }
  // The refusal that explains why the guard wrote nothing, from the state the batch began with.
  checkAdmission(ANSWER_GUARD, admissionFacts(results[0]?.results[0] as AnswerContext), claimOf(member, input, sessionId), now);
  const revision = (results[2]?.results[0] as { revision?: number } | undefined)?.revision;
  const outcome: SubmitOutcome = revision === undefined ? 'kept_newer' : revision === 1 ? 'created' : 'replaced';
  return { sessionId, outcome };
}
