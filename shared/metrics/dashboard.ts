// The coordinator's dashboard and pair drill-down, assembled from pair
// information, session rows and monthly tallies. Pure: the Worker feeds it
// from D1, and the tests feed it from raw responses to cross-check the rollups.
import type { HealthWeights } from '../schemas';
import { DEFAULT_MIN_ANSWERS_PER_MEMBER } from '../vocabulary';
import { bothVoices, pairVoices, publishPair, type PublishedPair } from './gate';
import {
  assessPair, effectiveWeights, isEnrolled, sessionsBetween, sessionTimeline, timelineEvidence, windowEnd,
  type PairAssessment, type PairInfo, type PairMetrics, type SessionTimeline, type Window,
} from './pair';
import { programmeMetrics, type AssessedPair, type Person, type ProgrammeMetrics } from './programme';
import type { MonthlyTallies } from './culture';
import { answerSlots, byPair, emptyTally, sessionStatus, tallySessions, type PairTally, type SessionRecord, type SessionStatus } from './tally';
import { DAY_MS, monthOf, monthStart, monthsOverlapping, nextMonthStart } from './time';

export interface ProgrammeInfo {
  id: string;
  name: string;
  kAnonymity: number;
  weights: HealthWeights | null;
  /** Answers each member needs in a window before a pair number is shown (default 3). */
  minAnswersPerMember?: number;
}

const minAnswers = (programme: ProgrammeInfo) => programme.minAnswersPerMember ?? DEFAULT_MIN_ANSWERS_PER_MEMBER;

export interface DashboardPair {
  id: string;
  cohort: string;
  members: { id: string; displayName: string }[];
  status: PairAssessment['status'];
  health: number | null;
  metrics: PairAssessment['metrics'];
  flags: PairAssessment['flags'];
  /** Each withheld number (null above) with why: "not enough answers yet: needs at least m … from each member". */
  withheld: PublishedPair['withheld'];
}

/** An at-risk list entry (the contract's AtRiskPair): the pair without its numbers. */
export type AtRiskEntry = Pick<DashboardPair, 'id' | 'cohort' | 'members' | 'status' | 'health' | 'flags'>;

export const atRiskEntry = ({ id, cohort, members, status, health, flags }: DashboardPair): AtRiskEntry =>
  ({ id, cohort, members, status, health, flags });

export interface WindowOut {
  from: string;
  to: string;
  asOf: string;
}

export interface DashboardReport {
  programme: { id: string; name: string; kAnonymity: number; minAnswersPerMember: number };
  window: WindowOut;
  summary: ProgrammeMetrics;
  months: (ProgrammeMetrics & { month: string })[];
  pairs: DashboardPair[];
  atRisk: AtRiskEntry[];
}

export interface DashboardInput {
  programme: ProgrammeInfo;
  pairs: readonly PairInfo[];
  people: ReadonlyMap<string, Person>;
  /** Every session starting in [sessionsReadFrom(window, pairs), windowEnd(window)). */
  sessions: readonly SessionRecord[];
  /** Tallies of the complete months (ending by the window's end) that overlap the window. */
  monthly: MonthlyTallies;
  window: Window;
}

export const windowOut = (w: Window): WindowOut => ({
  from: new Date(w.from).toISOString(),
  to: new Date(w.to).toISOString(),
  asOf: new Date(w.asOf).toISOString(),
});

/**
 * Where the dashboard's session read starts: the first month of the window
 * (whose partial figures the monthly series needs), less two of the longest
 * cadence (for `lapsed`). It depends on the window, never on the history.
 */
export function sessionsReadFrom(window: Window, pairs: readonly Pick<PairInfo, 'cadenceDays'>[]): number {
  const longest = Math.max(14, ...pairs.map((p) => p.cadenceDays));
  return monthStart(monthOf(window.from)) - 2 * longest * DAY_MS;
}

/** The months whose tally must come from pair_months: complete by the window's end. */
export function completeMonths(window: Window): string[] {
  return monthsOverlapping(window.from, windowEnd(window)).filter((m) => nextMonthStart(m) <= windowEnd(window));
}

export function dashboardPair(pair: PairInfo, people: ReadonlyMap<string, Person>, a: PairAssessment, withheld: PublishedPair['withheld'] = {}): DashboardPair {
  return {
    id: pair.id,
    cohort: pair.cohort,
    members: [pair.aId, pair.bId].map((id) => ({ id, displayName: people.get(id)?.displayName ?? '' })),
    status: a.status,
    health: a.health,
    metrics: a.metrics,
    flags: a.flags,
    withheld,
  };
}

/** Each pair's sessions as a timeline, sorted and parsed once for all the windows of a report. */
const timelinesByPair = (sessions: readonly SessionRecord[]) =>
  new Map([...byPair(sessions)].map(([pairId, own]) => [pairId, sessionTimeline(own)]));

const NO_SESSIONS: SessionTimeline = { sessions: [], starts: [] };

/** A pair as shown for one window: flags and status from every answer, numbers only with both voices (gate.ts). */
export interface ShownPair extends AssessedPair {
  withheld: PublishedPair['withheld'];
  /** Whether each member has enough answers in the window for its sessions' held/missed status to be shown. */
  statusShown: boolean;
}

/** Assesses every pair shown for a window (enrolled in it, or with a session in it), as a coordinator may see it. */
function assessWindow(
  input: DashboardInput,
  timelines: ReadonlyMap<string, SessionTimeline>,
  window: Window,
  tallyOf: (pair: PairInfo, inWindow: SessionRecord[]) => PairTally,
): ShownPair[] {
  const end = windowEnd(window);
  return input.pairs.flatMap((pair) => {
    const own = timelines.get(pair.id) ?? NO_SESSIONS;
    const inWindow = sessionsBetween(own, window.from, end);
    if (!isEnrolled(pair, window.from, end) && inWindow.length === 0) return [];
    return [showPair(input.programme, pair, own, inWindow, window, tallyOf(pair, inWindow))];
  });
}

/** One pair over one window, as a coordinator may see it. */
function showPair(programme: ProgrammeInfo, pair: PairInfo, own: SessionTimeline, inWindow: SessionRecord[], window: Window, tally: PairTally): ShownPair {
  const weights = effectiveWeights(programme.weights);
  const m = minAnswers(programme);
  const assessment = assessPair(pair, tally, window, timelineEvidence(own, windowEnd(window), window.from), weights);
  const voices = pairVoices(inWindow);
  return { pair, ...publishPair(pair, tally, assessment, voices, m, window, weights), statusShown: bothVoices(voices, 'responses', m) };
}

/** A month's tally: its pair_months row when the month is complete, else its session rows so far. */
function monthTally(input: DashboardInput, month: string, pair: PairInfo, inMonth: SessionRecord[]): PairTally {
  if (nextMonthStart(month) <= windowEnd(input.window)) return input.monthly.get(pair.id)?.get(month) ?? emptyTally();
  return tallySessions(inMonth);
}

/** Ids in code-unit order, the order SQLite sorts the served pair list in (not the locale's). */
export const idOrder = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

const healthOrder = (x: AtRiskEntry, y: AtRiskEntry) =>
  // Pairs at risk without a health score (say, lapsed with no sessions) come first: nothing is known to be going well.
  (x.health ?? -1) - (y.health ?? -1) || idOrder(x, y);

/** What a summary needs of one pair over one window: its shown tally and assessment. */
export interface WindowAssessment {
  tally: PairTally;
  assessment: PairAssessment;
}

/**
 * One pair's part of a dashboard: its row in the pair list (null when it is
 * shown only in a month of the series, not in the window), and what the
 * summary and each month of the series (monthsOverlapping the window) need of
 * it. The Worker keeps these per pair for the default window (the pair
 * snapshots), so that an answer recomputes one pair, not the programme.
 */
export interface PairSnapshot {
  pair: PairInfo;
  listed: DashboardPair | null;
  window: WindowAssessment | null;
  months: (WindowAssessment | null)[];
}

/** The months of a dashboard's series. */
export const dashboardMonths = (window: Window) => monthsOverlapping(window.from, windowEnd(window));

const monthWindowOf = (month: string, window: Window): Window =>
  ({ from: monthStart(month), to: Math.min(nextMonthStart(month), windowEnd(window)), asOf: window.asOf });

const part = (a: ShownPair | undefined): WindowAssessment | null => (a ? { tally: a.tally, assessment: a.assessment } : null);

/** Every pair's snapshot for the input's window (only pairs shown in the window or in a month of its series). */
export function assessDashboardPairs(input: DashboardInput): PairSnapshot[] {
  const { window, people } = input;
  const timelines = timelinesByPair(input.sessions);
  const byPair = (shown: ShownPair[]) => new Map(shown.map((a) => [a.pair.id, a]));
  const main = byPair(assessWindow(input, timelines, window, (_, inWindow) => tallySessions(inWindow)));
  const months = dashboardMonths(window).map((month) =>
    byPair(assessWindow(input, timelines, monthWindowOf(month, window), (pair, own) => monthTally(input, month, pair, own))));
  return input.pairs.flatMap((pair) => {
    const shown = main.get(pair.id);
    const inMonths = months.map((m) => part(m.get(pair.id)));
    if (!shown && inMonths.every((m) => m === null)) return [];
    return [{ pair, listed: shown ? dashboardPair(pair, people, shown.assessment, shown.withheld) : null, window: part(shown), months: inMonths }];
  });
}

/** The summary and the monthly series, from the pairs' snapshots. */
export function dashboardSummary(
  snapshots: readonly PairSnapshot[], people: ReadonlyMap<string, Person>, window: Window,
): Pick<DashboardReport, 'summary' | 'months'> {
  const assessed = (pick: (s: PairSnapshot) => WindowAssessment | null): AssessedPair[] =>
    snapshots.flatMap((s) => { const a = pick(s); return a ? [{ pair: s.pair, ...a }] : []; });
  return {
    summary: programmeMetrics(assessed((s) => s.window), people, window),
    months: dashboardMonths(window).map((month, i) => ({ month, ...programmeMetrics(assessed((s) => s.months[i] ?? null), people, monthWindowOf(month, window)) })),
  };
}

/** The at-risk list's order: lowest health first, pairs without a score before all. */
export const atRiskOrder = (x: AtRiskEntry, y: AtRiskEntry) => healthOrder(x, y);

export const programmeOut = (programme: ProgrammeInfo): DashboardReport['programme'] =>
  ({ id: programme.id, name: programme.name, kAnonymity: programme.kAnonymity, minAnswersPerMember: minAnswers(programme) });

export function dashboardReport(input: DashboardInput): DashboardReport {
  const snapshots = assessDashboardPairs(input);
  const pairs = snapshots.flatMap((s) => (s.listed ? [s.listed] : [])).sort(idOrder);
  return {
    programme: programmeOut(input.programme),
    window: windowOut(input.window),
    ...dashboardSummary(snapshots, input.people, input.window),
    pairs,
    atRisk: pairs.filter((p) => p.status === 'at_risk').sort(healthOrder).map(atRiskEntry),
  };
}

export interface PairMonth {
  month: string;
  held: number | null;
  missed: number | null;
  health: number | null;
  value: number | null;
  reciprocity: number | null;
  autonomy: number | null;
  openness: number | null;
  responseRate: number | null;
  withheld: PublishedPair['withheld'];
}

/**
 * How many answers (or sessions) each shown pair number rests on, pooled over
 * both members: the n a coordinator reads beside a score. A withheld number has
 * none, since its n would say how much one member answered.
 */
export function metricCounts(tally: PairTally, metrics: PairMetrics, withheld: Partial<Record<string, string>>): Partial<Record<keyof PairMetrics, number>> {
  const counts: Record<Exclude<keyof PairMetrics, 'held'>, number> = {
    responseRate: answerSlots(tally),
    value: tally.aValueN + tally.bValueN,
    agreement: tally.aValueN + tally.bValueN,
    reciprocity: tally.aLearnedN + tally.bLearnedN,
    mutualLearning: tally.mutualN,
    openness: tally.opennessN,
    autonomy: tally.autonomyN,
    depth: tally.topicSessions,
    cadence: tally.held,
  };
  return Object.fromEntries(
    Object.entries(counts).filter(([key]) => metrics[key as keyof PairMetrics] !== null && !withheld[key]),
  );
}

export interface PairDetailReport {
  pair: DashboardPair & { mentorId: string | null; startsOn: string; endsOn: string | null; cadenceDays: number; n: Partial<Record<keyof PairMetrics, number>> };
  window: WindowOut;
  months: PairMonth[];
  /**
   * The timeline: when sessions were, and whether they happened, never
   * anyone's answers. Without both voices in the window, a status would be one
   * member's "it happened" answers, so it is null.
   */
  sessions: { start: string; status: SessionStatus | null }[];
}

/** One pair's drill-down; `input.pairs` holds just that pair. */
export function pairDetailReport(input: DashboardInput): PairDetailReport | null {
  const pair = input.pairs[0];
  if (!pair) return null;
  const { window } = input;
  const end = windowEnd(window);
  const own = sessionTimeline(input.sessions.filter((s) => s.pairId === pair.id));
  const inWindow = sessionsBetween(own, window.from, end);
  const shown = showPair(input.programme, pair, own, inWindow, window, tallySessions(inWindow));
  const months = monthsOverlapping(window.from, end).map((month): PairMonth => {
    const monthWindow: Window = { from: monthStart(month), to: Math.min(nextMonthStart(month), end), asOf: window.asOf };
    const inMonth = sessionsBetween(own, monthWindow.from, monthWindow.to);
    const a = showPair(input.programme, pair, own, inMonth, monthWindow, monthTally(input, month, pair, inMonth));
    const { value, reciprocity, autonomy, openness, responseRate } = a.assessment.metrics;
    const counts = a.statusShown ? { held: a.tally.held, missed: a.tally.missed } : { held: null, missed: null };
    return { month, ...counts, health: a.assessment.health, value, reciprocity, autonomy, openness, responseRate, withheld: a.withheld };
  });
  return {
    pair: {
      ...dashboardPair(pair, input.people, shown.assessment, shown.withheld),
      mentorId: pair.mentorId, startsOn: pair.startsOn, endsOn: pair.endsOn, cadenceDays: pair.cadenceDays,
      n: metricCounts(shown.tally, shown.assessment.metrics, shown.withheld),
    },
    window: windowOut(window),
    months,
    sessions: inWindow
      .map((s) => ({ start: s.start, status: shown.statusShown ? sessionStatus(s) : null }))
      .sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0)),
  };
}

