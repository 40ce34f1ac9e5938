// Whether a member's live report or answer may be stored (SECURITY.md,
// "Integrity and abuse"): every rule once, by name, with the refusal that
// explains it. The routes apply them in their own orders (below), and the
// answer's write batch carries the same rules as its SQL guard
// (worker/storage/answer-admission.ts writes each rule's SQL under the same
// name); test/worker/admission.test.ts holds each rule's SQL to its rule here.
import { ANSWER_WINDOW_MS, answerDeadline, answerOpens, FUTURE_TOLERANCE_MS } from '../../shared/answer-window';
import { ApiError, forbidden, notFound, revoked, unauthorized, type RevocationReason } from './errors';
import { enrolmentProblem, occurrenceProblem } from './session-bounds';

/** What the rules are checked against, as read from storage. */
export interface AdmissionFacts {
  /** The pair the report names, or null when there is none. */
  pair: { programmeId: string; aId: string; bId: string; startsOn: string; endsOn: string | null } | null;
  /** The caller's token, when the write re-checks it: still there, or why it was taken back. */
  token?: { live: boolean; revokedReason: RevocationReason | null };
  /** The answer already stored under the caller's response id, if any. */
  previous?: { sessionId: string; participantId: string } | null;
}

/** What the member claims: who they are, and the session they report or answer. */
export interface AdmissionClaim {
  programmeId: string;
  participantId: string;
  eventKey: string;
  /** This member's own reported times (session-bounds.ts says why never the stored session's). */
  start: string;
  end: string;
  /** The session the answer belongs to (answers only). */
  sessionId?: string;
}

type Rule = (facts: AdmissionFacts, claim: AdmissionClaim, now: Date) => ApiError | null;
const unprocessable = (message: string) => new ApiError(422, 'unprocessable', message);

const RULES = {
  // A token revoked after this isolate cached it.
  token_live: ({ token }) =>
    !token || token.live ? null : token.revokedReason ? revoked(token.revokedReason) : unauthorized(),
  pair_exists: ({ pair }) => (pair ? null : notFound('pair')),
  pair_member: ({ pair }, claim) =>
    pair && (pair.programmeId !== claim.programmeId || (pair.aId !== claim.participantId && pair.bId !== claim.participantId))
      ? forbidden('you are not a member of this pair')
      : null,
  // The answer window (shared/answer-window.ts): older answers go through the history import.
  session_started: (_, claim, now) =>
    now.getTime() < answerOpens(claim.start) ? unprocessable('the session has not started yet') : null,
  answer_in_time: (_, claim, now) =>
    now.getTime() > answerDeadline(claim.end)
      ? unprocessable('the session ended more than 7 days ago; answers for it have expired')
      : null,
  occurrence: (_, claim) => {
    const problem = occurrenceProblem(claim.eventKey, claim.start);
    return problem ? unprocessable(problem) : null;
  },
  enrolment: ({ pair }, claim) => {
    const problem = pair && enrolmentProblem({ starts_on: pair.startsOn, ends_on: pair.endsOn }, claim.start);
    return problem ? unprocessable(problem) : null;
  },
  response_id_free: ({ previous }, claim) =>
    previous && (previous.participantId !== claim.participantId || previous.sessionId !== claim.sessionId)
      ? reusedResponseId()
      : null,
} satisfies Record<string, Rule>;

export type AdmissionRule = keyof typeof RULES;
/** The rules the answer's SQL guard carries; the occurrence is the report's own claim, checked before anything is read. */
export type GuardRule = Exclude<AdmissionRule, 'occurrence'>;

/** A live report's own claims, checked before anything is read. */
export const OWN_REPORT = ['session_started', 'answer_in_time', 'occurrence'] as const satisfies readonly AdmissionRule[];
/** An answer (PUT /responses/:id), against the state its write batch began with: the batch's SQL guard is these rules. */
export const ANSWER_GUARD = [
  'token_live', 'pair_exists', 'pair_member', 'session_started', 'answer_in_time', 'enrolment', 'response_id_free',
] as const satisfies readonly GuardRule[];
/** A session report (POST /sessions). */
export const SESSION_REPORT = [
  'pair_exists', 'pair_member', 'session_started', 'answer_in_time', 'occurrence', 'enrolment',
] as const satisfies readonly AdmissionRule[];

/** The refusal of the first rule that fails, in the order given, or null when all hold. */
export function admissionRefusal(rules: readonly AdmissionRule[], facts: AdmissionFacts, claim: AdmissionClaim, now: Date): ApiError | null {
  for (const rule of rules) {
    const refusal = RULES[rule](facts, claim, now);
    if (refusal) return refusal;
  }
  return null;
}

/** Throws the refusal of the first rule that fails. */
export function checkAdmission(rules: readonly AdmissionRule[], facts: AdmissionFacts, claim: AdmissionClaim, now: Date): void {
  const refusal = admissionRefusal(rules, facts, claim, now);
  if (refusal) throw refusal;
}

/**
 * session_started and answer_in_time as bounds on the reported times, for the
 * SQL guard, which compares times as text: a session may start no later than
 * `latestStart` and end no earlier than `earliestEnd`.
 */
export function answerTimeBounds(now: Date): { latestStart: string; earliestEnd: string } {
  return {
    latestStart: new Date(now.getTime() + FUTURE_TOLERANCE_MS).toISOString(),
    earliestEnd: new Date(now.getTime() - ANSWER_WINDOW_MS).toISOString(),
  };
}

export const reusedResponseId = () => new ApiError(409, 'conflict', 'this response id is already used for another answer');
