// One pair over a window: metrics, health, flags and status
// (shared/metrics/README.md, "Pair metrics", "Health", "Flags", "Status").
import type { HealthComponent, HealthWeights } from '../schemas';
import { answerSlots, sessionStatus, type PairTally, type SessionRecord } from './tally';
import { DAY_MS, dayStart } from './time';
import { FLAGS, STATUSES, type FlagName, type PairStatus } from '../vocabulary';

export interface PairInfo {
  id: string;
  aId: string;
  bId: string;
  mentorId: string | null;
  cohort: string;
  /** 'YYYY-MM-DD'; the pair is enrolled from the start of this day… */
  startsOn: string;
  /** …to the end of this day, or open-ended. */
  endsOn: string | null;
  cadenceDays: number;
}

/** Epoch milliseconds: sessions starting in [from, to) count, as seen at asOf. */
export interface Window {
  from: number;
  to: number;
  asOf: number;
}

export interface PairMetrics {
  /** Null only where a coordinator is shown the pair without both voices (gate.ts). */
  held: number | null;
  responseRate: number | null;
  value: number | null;
  agreement: number | null;
  reciprocity: number | null;
  mutualLearning: number | null;
  openness: number | null;
  autonomy: number | null;
  depth: number | null;
  cadence: number | null;
}

export { FLAGS, STATUSES, type FlagName, type PairStatus };
export interface Flag {
  flag: FlagName;
  reason: string;
}


/** shared/metrics/README.md, "Health": the default weights. */
export const DEFAULT_WEIGHTS: Record<HealthComponent, number> = {
  value: 0.25, reciprocity: 0.2, cadence: 0.2, openness: 0.15, agreement: 0.1, autonomy: 0.1,
};

const share = (x: number, n: number) => (n > 0 ? x / n : null);

/** [start of startsOn, end of endsOn) in epoch ms. */
export function enrolment(pair: Pick<PairInfo, 'startsOn' | 'endsOn'>): { start: number; end: number } {
  return { start: dayStart(pair.startsOn), end: pair.endsOn ? dayStart(pair.endsOn) + DAY_MS : Infinity };
}

/** Enrolled in [from, to) when [startsOn, endsOn] overlaps it (shared/metrics/README.md, "Enrolled and active"). */
export function isEnrolled(pair: Pick<PairInfo, 'startsOn' | 'endsOn'>, from: number, to: number): boolean {
  const e = enrolment(pair);
  return e.start < to && e.end > from;
}

/** The end of what can be judged: the window's end, but never after asOf. */
export function windowEnd(window: Window): number {
  return Math.min(window.to, window.asOf);
}

/** Days of the window in which the pair was enrolled, up to asOf (the `cadence` row's activeDays). */
export function activeDays(pair: PairInfo, window: Window): number {
  const e = enrolment(pair);
  const span = Math.min(windowEnd(window), e.end) - Math.max(window.from, e.start);
  return Math.max(0, span) / DAY_MS;
}

/** shared/metrics/README.md, "Pair metrics", the `reciprocity` row: 2·min/(sum), 0 when nobody learned. */
export function reciprocity(la: number, lb: number): number {
  return la + lb === 0 ? 0 : (2 * Math.min(la, lb)) / (la + lb);
}

export function pairMetrics(pair: PairInfo, t: PairTally, window: Window): PairMetrics {
  const valueN = t.aValueN + t.bValueN;
  const la = share(t.aLearnedYes, t.aLearnedN);
  const lb = share(t.bLearnedYes, t.bLearnedN);
  const due = Math.floor(activeDays(pair, window) / pair.cadenceDays);
  return {
    held: t.held,
    // shared/metrics/README.md, "Not asked": a slot not asked about and not answered is not owed.
    responseRate: share(t.responses, answerSlots(t)),
    value: valueN > 0 ? ((t.aValueSum + t.bValueSum) / valueN - 1) / 4 : null,
    agreement: t.aValueN > 0 && t.bValueN > 0 ? 1 - Math.abs(t.aValueSum / t.aValueN - t.bValueSum / t.bValueN) / 4 : null,
    reciprocity: la !== null && lb !== null ? reciprocity(la, lb) : null,
    mutualLearning: share(t.mutualYes, t.mutualN),
    openness: share(t.opennessYes, t.opennessN),
    autonomy: share(t.autonomySum, t.autonomyN),
    depth: share(t.deepSessions, t.topicSessions),
    // activeDays ≥ cadenceDays is the same as at least one session being due.
    cadence: due >= 1 ? Math.min(1, t.held / due) : null,
  };
}

/** Held sessions with responses: "held, not asked" sessions are held but carry no answer. */
export function answeredHeld(t: Pick<PairTally, 'held' | 'heldNotAsked'>): number {
  return t.held - t.heldNotAsked;
}

/**
 * shared/metrics/README.md, "Health": weighted mean of the defined components, on 0–100.
 * Null with fewer than 2 held sessions with responses (`withResponses`, which
 * leaves out "held, not asked"; it defaults to m.held for tallies without such
 * sessions), or when no defined component carries weight.
 */
export function pairHealth(m: PairMetrics, weights: HealthWeights = DEFAULT_WEIGHTS, withResponses: number | null = m.held): number | null {
  if (m.held === null || withResponses === null || withResponses < 2) return null;
  let weighted = 0;
  let total = 0;
  for (const [component, w] of Object.entries(weights) as [HealthComponent, number | undefined][]) {
    const x = m[component];
    if (x === null || !w) continue;
    weighted += w * x;
    total += w;
  }
  return total > 0 ? Math.round((100 * weighted) / total) : null;
}

/** What the flags need beyond the tally, both taken from the session rows. */
export interface FlagEvidence {
  /** Start of the latest held session before the window's end, looking back at least 2 × cadenceDays. */
  lastHeldStart: string | null;
  /** Autonomy scores of the latest answers by session start, newest first (at most 4 needed). */
  latestAutonomy: number[];
}

/** A pair's sessions, newest first, with their start times parsed once. */
export interface SessionTimeline {
  sessions: SessionRecord[];
  starts: number[];
}

// Newest first; sort is stable, so sessions with the same start keep their order.
const newestFirst = (x: SessionRecord, y: SessionRecord) => (x.start < y.start ? 1 : x.start > y.start ? -1 : 0);

export function sessionTimeline(sessions: readonly SessionRecord[]): SessionTimeline {
  const sorted = [...sessions].sort(newestFirst);
  return { sessions: sorted, starts: sorted.map((s) => Date.parse(s.start)) };
}

/** The position of the first (newest) session that starts before `t`, by binary search. */
function firstBefore(starts: readonly number[], t: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] as number) < t) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The sessions starting in [from, to), newest first. */
export function sessionsBetween(timeline: SessionTimeline, from: number, to: number): SessionRecord[] {
  return timeline.sessions.slice(firstBefore(timeline.starts, to), firstBefore(timeline.starts, from));
}

/**
 * The flags' evidence from a pair's session rows (any order): the latest held
 * start among all rows before `end` (the caller reads back ≥ 2 cadences), and
 * the autonomy answers of the window [from, end) only.
 */
export function flagEvidence(sessions: readonly SessionRecord[], end: number, from = -Infinity): FlagEvidence {
  return timelineEvidence(sessionTimeline(sessions), end, from);
}

/** flagEvidence over a timeline: walks back from `end` only as far as the evidence needs. */
export function timelineEvidence(timeline: SessionTimeline, end: number, from = -Infinity): FlagEvidence {
  let lastHeldStart: string | null = null;
  const latestAutonomy: number[] = [];
  for (let i = firstBefore(timeline.starts, end); i < timeline.sessions.length; i++) {
    const session = timeline.sessions[i] as SessionRecord;
    const inWindow = (timeline.starts[i] as number) >= from;
    if (lastHeldStart === null && sessionStatus(session) === 'held') lastHeldStart = session.start;
    // Within one session, b's answer is taken as the later one, so the order is total.
    for (const score of inWindow ? [session.b?.autonomy, session.a?.autonomy] : []) {
      if (score != null && latestAutonomy.length < 4) latestAutonomy.push(score);
    }
    if (lastHeldStart !== null && (latestAutonomy.length === 4 || !inWindow)) break;
  }
  return { lastHeldStart, latestAutonomy };
}

function lapsed(pair: PairInfo, window: Window, evidence: FlagEvidence): Flag | null {
  const end = windowEnd(window);
  const e = enrolment(pair);
  const span = 2 * pair.cadenceDays;
  // A pair that has ended, or started less than 2 cadences ago, cannot lapse.
  if (e.end <= end || end - e.start < span * DAY_MS) return null;
  const last = evidence.lastHeldStart === null ? null : Date.parse(evidence.lastHeldStart);
  if (last !== null && last >= end - span * DAY_MS) return null;
  // The reason leaves out the date of the last held session: it may lie before what was read.
  return { flag: 'lapsed', reason: `No session held in the last ${span} days (cadence ${pair.cadenceDays} days)` };
}

/**
 * shared/metrics/README.md, "Flags", judged on every answer. The reasons describe the pair
 * and quote no count or figure: a coordinator may not see one member's tally,
 * and a number in a reason could be one member's answers, or give away a pair
 * number that is withheld for want of both voices.
 */
export function pairFlags(pair: PairInfo, t: PairTally, m: PairMetrics, window: Window, evidence: FlagEvidence): Flag[] {
  const flags: (Flag | null)[] = [lapsed(pair, window, evidence)];
  if (t.aLearnedN >= 3 && t.bLearnedN >= 3 && m.reciprocity !== null && m.reciprocity < 0.5) {
    flags.push({ flag: 'one_sided', reason: 'Learning in this pair runs mostly one way: its reciprocity is below 0.5' });
  }
  const latest = evidence.latestAutonomy.slice(0, 4);
  const didItForMe = latest.filter((x) => x === 0).length;
  if (latest.length >= 3 && didItForMe >= latest.length / 2) {
    flags.push({ flag: 'helpline', reason: 'At least half of this pair\'s latest autonomy answers say "did it for me"' });
  }
  if (t.opennessN >= 3 && m.openness !== null && m.openness < 0.5) {
    flags.push({ flag: 'guarded', reason: 'Fewer than half of this pair\'s answers say they could speak openly' });
  }
  if (t.aValueN >= 3 && t.bValueN >= 3) {
    const gap = Math.abs(t.aValueSum / t.aValueN - t.bValueSum / t.bValueN);
    if (gap >= 1.5) flags.push({ flag: 'diverging', reason: 'The two members rate their sessions\' value very differently: 1.5 points or more apart on average' });
  }
  if (t.topicSessions >= 4 && m.depth !== null && m.depth < 0.25) {
    flags.push({ flag: 'tool_tutoring', reason: 'Fewer than a quarter of this pair\'s sessions with topics went beyond tools' });
  }
  if (t.sessions >= 3 && m.responseRate !== null && m.responseRate < 0.3) {
    flags.push({ flag: 'silent', reason: 'Fewer than 30% of the answers this pair\'s sessions call for have come in' });
  }
  return flags.filter((f): f is Flag => f !== null);
}

const RISK_FLAGS: readonly FlagName[] = ['lapsed', 'one_sided', 'helpline', 'guarded'];

/** shared/metrics/README.md, "Status". */
export function pairStatus(flags: readonly Flag[], health: number | null): PairStatus {
  if (flags.some((f) => RISK_FLAGS.includes(f.flag)) || (health !== null && health < 50)) return 'at_risk';
  if (health !== null && health >= 75 && flags.length === 0) return 'thriving';
  if (health === null) return 'insufficient_data';
  return 'steady';
}

export interface PairAssessment {
  metrics: PairMetrics;
  health: number | null;
  flags: Flag[];
  status: PairStatus;
}

export function assessPair(pair: PairInfo, tally: PairTally, window: Window, evidence: FlagEvidence, weights?: HealthWeights): PairAssessment {
  const metrics = pairMetrics(pair, tally, window);
  const health = pairHealth(metrics, weights, answeredHeld(tally));
  const flags = pairFlags(pair, tally, metrics, window, evidence);
  return { metrics, health, flags, status: pairStatus(flags, health) };
}

/** A programme's override replaces the named weights; the others keep their default. */
export function effectiveWeights(override?: HealthWeights | null): HealthWeights {
  return { ...DEFAULT_WEIGHTS, ...(override ?? {}) };
}
