// How each cohort is doing with the programme itself (shared/metrics/README.md,
// "Cohorts"): pairing fit and the relationship checks, private answers shown
// only as aggregates over at least k pairs with complementary suppression, and
// the monthly response rate pooled over the pairs whose own rate is shown.
import type { CohortRow, Cohorts } from '../schemas';
import { bothVoices, pairVoices } from './gate';
import { isEnrolled, type PairInfo } from './pair';
import { rate } from './rate';
import { solvePeriod, TOTAL_CELL, type CellSize, smallestShownPart } from './suppression';
import { answerSlots, byPair, tallySessions, type SessionRecord } from './tally';
import { monthOf, monthStart, monthsOverlapping, nextMonthStart } from './time';

/** One stored answer of pair_checks that the cohorts read (fit, or a relationship check). */
export interface CheckAnswer {
  pairId: string;
  participantId: string;
  kind: 'fit' | 'milestone';
  /** The check's day after the pair's start (0 for fit). */
  milestone: number;
  fit: string | null;
  worthwhile: string | null;
  /** When the Worker received it (ISO); the private rates count only answers received before their cut. */
  receivedAt: string;
}

/** Months in the response-rate trend: the month holding asOf's last day and the five before it. */
export const TREND_MONTHS = 6;

/**
 * The private rates are those of the start of asOf's calendar month: an answer
 * counts from the first month start after it was received, so moving asOf by
 * a day inside a month changes nothing, and every month's new answers enter
 * together (SECURITY.md, "Cohort rates").
 */
export function privateCut(asOf: number): number {
  return monthStart(monthOf(asOf));
}

/** The trend's months, oldest first: TREND_MONTHS calendar months ending with the one asOf's last day falls in. */
export function trendMonths(asOf: number): string[] {
  const last = monthOf(asOf - 1);
  let first = last;
  for (let i = 1; i < TREND_MONTHS; i++) first = monthOf(monthStart(first) - 1);
  return monthsOverlapping(monthStart(first), nextMonthStart(last));
}

export interface CohortInput {
  programme: { id: string; name: string; kAnonymity: number; minAnswersPerMember: number };
  pairs: readonly PairInfo[];
  /**
   * The cohort each pair was created in: fit and worthwhile group by it, so that
   * moving a pair between cohorts cannot isolate its answers (absent: its cohort now).
   */
  firstCohorts?: ReadonlyMap<string, string>;
  /** The programme's fit and relationship-check answers (any received time: the cut is applied here). */
  checks: readonly CheckAnswer[];
  /** Session rows starting in the trend's months, before asOf. */
  sessions: readonly SessionRecord[];
  asOf: number;
}

interface Share {
  pairs: Set<string>;
  yes: number;
  n: number;
}

const noShare = (): Share => ({ pairs: new Set(), yes: 0, n: 0 });
const cellKey = (cohort: string) => `cohort:${cohort}`;

/** Each member's fit answer (one per member and pair), and each member's latest relationship check. */
function answersBeforeCut(checks: readonly CheckAnswer[], cut: number) {
  const counted = checks.filter((c) => Date.parse(c.receivedAt) < cut);
  const fit = counted.filter((c) => c.kind === 'fit' && c.fit !== null).map((c) => ({ pairId: c.pairId, yes: c.fit === 'working' }));
  const latest = new Map<string, CheckAnswer>();
  for (const c of counted) {
    if (c.kind !== 'milestone' || c.worthwhile === null) continue;
    const key = `${c.pairId}\n${c.participantId}`;
    const seen = latest.get(key);
    if (!seen || c.milestone > seen.milestone) latest.set(key, c);
  }
  const worthwhile = [...latest.values()].map((c) => ({ pairId: c.pairId, yes: c.worthwhile === 'yes' }));
  return { fit, worthwhile };
}

/** The share per cohort and overall, with the k rule and complementary suppression over [overall, ...cohorts]. */
function privateRates(answers: { pairId: string; yes: boolean }[], cohortOf: ReadonlyMap<string, string>, cohorts: readonly string[], k: number) {
  const shares = new Map<string, Share>([[TOTAL_CELL, noShare()], ...cohorts.map((c) => [cellKey(c), noShare()] as const)]);
  for (const answer of answers) {
    const cohort = cohortOf.get(answer.pairId);
    if (cohort === undefined) continue;
    for (const key of [TOTAL_CELL, cellKey(cohort)]) {
      const share = shares.get(key)!;
      share.pairs.add(answer.pairId);
      share.yes += Number(answer.yes);
      share.n += 1;
    }
  }
  // k counts pairs with answers, not answers: two answers from one pair are still one pair.
  const cells = new Map<string, CellSize>([...shares].map(([key, s]) => [key, { active: s.pairs.size, empty: s.n === 0 }]));
  const hidden = coverRemainder(solvePeriod({ cells, groups: [[TOTAL_CELL, ...cohorts.map(cellKey)]] }, k), cells, cohorts.map(cellKey), k);
  return (key: string): CohortRow['fit'] => {
    const s = shares.get(key)!;
    return hidden.has(key) ? { suppressed: true } : { suppressed: false, pairs: s.pairs.size, rate: rate(s.yes, s.n) };
  };
}

/**
 * Beyond the culture rule (never exactly one hidden non-empty part): while the
 * overall is shown, the overall minus the shown cohorts is the hidden cohorts
 * pooled, so together they must cover at least k answering pairs; else the
 * smallest shown cohort is hidden too, and failing that the overall.
 */
function coverRemainder(hidden: Set<string>, cells: ReadonlyMap<string, CellSize>, parts: readonly string[], k: number): Set<string> {
  const size = (key: string): CellSize => cells.get(key) ?? { active: 0, empty: true };
  for (;;) {
    const remainder = parts.filter((key) => hidden.has(key)).reduce((sum, key) => sum + size(key).active, 0);
    if (hidden.has(TOTAL_CELL) || remainder === 0 || remainder >= k) return hidden;
    hidden.add(smallestShownPart(parts, hidden, size) ?? TOTAL_CELL);
  }
}

/** Per month: the pooled response rate of the pairs (of `pairs`) whose own monthly rate passes the both-voices gate. */
function responseTrend(pairs: readonly PairInfo[], sessionsOf: ReadonlyMap<string, SessionRecord[]>, months: readonly string[], asOf: number, m: number) {
  return months.map((month) => {
    const from = monthStart(month);
    const to = Math.min(nextMonthStart(month), asOf);
    let shown = 0;
    let responses = 0;
    let slots = 0;
    for (const pair of pairs) {
      const inMonth = (sessionsOf.get(pair.id) ?? []).filter((s) => { const t = Date.parse(s.start); return t >= from && t < to; });
      const tally = tallySessions(inMonth);
      if (!bothVoices(pairVoices(inMonth), 'responses', m) || answerSlots(tally) === 0) continue;
      shown += 1;
      responses += tally.responses;
      slots += answerSlots(tally);
    }
    return { month, pairs: shown, rate: rate(responses, slots) };
  });
}

export function cohortReport(input: CohortInput): Omit<Cohorts, 'programme' | 'asOf'> {
  const { pairs, asOf, programme } = input;
  const cohortOf = new Map(pairs.map((p) => [p.id, input.firstCohorts?.get(p.id) ?? p.cohort]));
  const cohorts = [...new Set([...pairs.map((p) => p.cohort), ...cohortOf.values()])].sort();
  const { fit, worthwhile } = answersBeforeCut(input.checks, privateCut(asOf));
  const fitOf = privateRates(fit, cohortOf, cohorts, programme.kAnonymity);
  const worthwhileOf = privateRates(worthwhile, cohortOf, cohorts, programme.kAnonymity);
  const sessionsOf = byPair(input.sessions);
  const months = trendMonths(asOf);
  const row = (cohort: string | null, members: readonly PairInfo[], key: string): CohortRow => ({
    cohort,
    pairsEnrolled: members.filter((p) => isEnrolled(p, asOf, asOf + 1)).length,
    fit: fitOf(key),
    worthwhile: worthwhileOf(key),
    responseRate: responseTrend(members, sessionsOf, months, asOf, programme.minAnswersPerMember),
  });
  return {
    overall: row(null, pairs, TOTAL_CELL),
    cohorts: cohorts.map((c) => row(c, pairs.filter((p) => p.cohort === c), cellKey(c))),
  };
}
