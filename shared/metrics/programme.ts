// Programme metrics for a coordinator, over a window or a calendar month
// (shared/metrics/README.md, "Programme metrics").
import type { Topic } from '../schemas';
import { FLAGS, STATUSES, isEnrolled, type FlagName, type PairAssessment, type PairInfo, type PairStatus, type Window } from './pair';
import { rate, type Rate } from './rate';
import { answerSlots, sumTallies, type PairTally } from './tally';
import { BOUNDARIES, type Boundary } from '../vocabulary';

export interface Person {
  id: string;
  displayName: string;
  function: string;
  region: string;
  generation: string;
}

export { BOUNDARIES, type Boundary };

export interface AssessedPair {
  pair: PairInfo;
  tally: PairTally;
  assessment: PairAssessment;
}

export interface HealthSummary {
  mean: number | null;
  median: number | null;
  n: number;
  /** 95% interval of the mean (normal approximation); null below two scores. */
  low: number | null;
  high: number | null;
  histogram: number[];
}

export interface ProgrammeMetrics {
  pairsEnrolled: number;
  pairsActive: number;
  participantsActive: number;
  sessionsHeld: number;
  sessionsMissed: number;
  responseRate: Rate | null;
  health: HealthSummary;
  statusCounts: Record<PairStatus, number>;
  flagCounts: Record<FlagName, number>;
  mutualLearningRate: Rate | null;
  bidirectionalPairShare: Rate | null;
  opennessRate: Rate | null;
  depthRate: Rate | null;
  autonomyMean: { value: number; n: number } | null;
  topicCounts: Record<Topic, number>;
  crossBoundary: Record<Boundary, Rate | null>;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Mean, median and 10-point bins (0–9 … 90–100) of the non-null health scores. */
export function healthSummary(scores: readonly (number | null)[]): HealthSummary {
  const hs = scores.filter((h): h is number => h !== null);
  const histogram = new Array<number>(10).fill(0);
  for (const h of hs) histogram[Math.min(9, Math.floor(h / 10))]! += 1;
  const mean = hs.length ? hs.reduce((s, h) => s + h, 0) / hs.length : null;
  return { mean, median: median(hs), n: hs.length, ...meanInterval(hs, mean), histogram };
}

/**
 * The 95% interval of a mean score, mean ± z·s/√n with the sample standard
 * deviation, clipped to the 0–100 scale. Null with fewer than two scores,
 * where no spread can be estimated.
 */
export function meanInterval(scores: readonly number[], mean: number | null): { low: number | null; high: number | null } {
  if (mean === null || scores.length < 2) return { low: null, high: null };
  const variance = scores.reduce((s, h) => s + (h - mean) ** 2, 0) / (scores.length - 1);
  const half = 1.959964 * Math.sqrt(variance / scores.length);
  return { low: Math.max(0, mean - half), high: Math.min(100, mean + half) };
}

/**
 * Whether a pair's members differ on an attribute; null when either is blank,
 * because a blank cannot be compared (the pair then drops out of the share).
 */
export function crossesBoundary(pair: PairInfo, people: ReadonlyMap<string, Person>, boundary: Boundary): boolean | null {
  const a = people.get(pair.aId)?.[boundary] ?? '';
  const b = people.get(pair.bId)?.[boundary] ?? '';
  return a === '' || b === '' ? null : a !== b;
}

export function crossBoundaryShares(pairs: readonly PairInfo[], people: ReadonlyMap<string, Person>): Record<Boundary, Rate | null> {
  const shares = {} as Record<Boundary, Rate | null>;
  for (const boundary of BOUNDARIES) {
    const known = pairs.map((p) => crossesBoundary(p, people, boundary)).filter((x): x is boolean => x !== null);
    shares[boundary] = rate(known.filter(Boolean).length, known.length);
  }
  return shares;
}

const countBy = <K extends string>(keys: readonly K[], items: readonly K[]) => {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const item of items) counts[item] += 1;
  return counts;
};

/**
 * Aggregates assessed pairs over one window. `pairs` are the pairs shown for
 * it: enrolled in it, or with a session in it. Rates pool the pairs' counts.
 */
export function programmeMetrics(pairs: readonly AssessedPair[], people: ReadonlyMap<string, Person>, window: Window): ProgrammeMetrics {
  const t = sumTallies(pairs.map((p) => p.tally));
  const active = pairs.filter((p) => p.tally.held > 0);
  const reciprocities = pairs.map((p) => p.assessment.metrics.reciprocity).filter((r): r is number => r !== null);
  return {
    pairsEnrolled: pairs.filter((p) => isEnrolled(p.pair, window.from, window.to)).length,
    pairsActive: active.length,
    participantsActive: new Set(active.flatMap((p) => [p.pair.aId, p.pair.bId])).size,
    sessionsHeld: t.held,
    sessionsMissed: t.missed,
    responseRate: rate(t.responses, answerSlots(t)),
    health: healthSummary(pairs.map((p) => p.assessment.health)),
    statusCounts: countBy(STATUSES, pairs.map((p) => p.assessment.status)),
    flagCounts: countBy(FLAGS, pairs.flatMap((p) => p.assessment.flags.map((f) => f.flag))),
    mutualLearningRate: rate(t.mutualYes, t.mutualN),
    bidirectionalPairShare: rate(reciprocities.filter((r) => r >= 0.5).length, reciprocities.length),
    opennessRate: rate(t.opennessYes, t.opennessN),
    depthRate: rate(t.deepSessions, t.topicSessions),
    autonomyMean: t.autonomyN > 0 ? { value: t.autonomySum / t.autonomyN, n: t.autonomyN } : null,
    topicCounts: { ...t.topics },
    crossBoundary: crossBoundaryShares(pairs.map((p) => p.pair), people),
  };
}

