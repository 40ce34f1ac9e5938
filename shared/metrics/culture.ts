// Culture metrics for sponsors, per calendar year or quarter over several
// years (METRICS.md, "Culture metrics (sponsor)"), built from per-pair monthly
// tallies so that a multi-year read never needs single sessions.
import { effectiveWeights, pairHealth, pairMetrics, type PairInfo, type Window } from './pair';
import { BOUNDARIES, crossesBoundary, type Boundary, type Person } from './programme';
import { newcombe, rate, type Change, type Rate } from './rate';
import { addInto, emptyTally, sumTallies, type PairTally } from './tally';
import type { HealthWeights } from '../schemas';
import { dayStart, monthOf, monthStart, monthsOverlapping } from './time';

export type PeriodKind = 'year' | 'quarter';
export type Segmentation = Boundary | 'cohort';

export interface Period {
  key: string;
  start: number;
  end: number;
}

/** '2026' or '2026-Q3' for the period holding an instant. */
export function periodAt(kind: PeriodKind, ms: number): Period {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (kind === 'year') return { key: String(year), start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  const q = Math.floor(d.getUTCMonth() / 3);
  return { key: `${year}-Q${q + 1}`, start: Date.UTC(year, 3 * q, 1), end: Date.UTC(year, 3 * q + 3, 1) };
}

/** The periods that overlap [from, to), oldest first. */
export function periodsBetween(kind: PeriodKind, from: number, to: number): Period[] {
  const periods: Period[] = [];
  for (let p = periodAt(kind, from); p.start < to; p = periodAt(kind, p.end)) periods.push(p);
  return periods;
}

/** Pair id → month 'YYYY-MM' → tally (one pair_months row). */
export type MonthlyTallies = ReadonlyMap<string, ReadonlyMap<string, PairTally>>;

export interface CultureInput {
  pairs: readonly PairInfo[];
  people: ReadonlyMap<string, Person>;
  monthly: MonthlyTallies;
  window: Window;
  period: PeriodKind;
  by: Segmentation | null;
  k: number;
  weights?: HealthWeights;
}

export interface NetworkStats {
  peopleConnected: number;
  largestComponent: number;
  components: number;
}

export interface CultureStats {
  pairsActive: number;
  participantsActive: number;
  newPairs: number;
  mutualLearningRate: Rate | null;
  opennessRate: Rate | null;
  depthRate: Rate | null;
  healthMean: number | null;
  crossBoundary: Record<Boundary, number>;
  network: NetworkStats;
  roleFlips: number;
  retention: Rate | null;
  change: { mutualLearningRate: Change | null; opennessRate: Change | null; depthRate: Change | null };
}

export type CulturePeriod =
  | { period: string; segment?: string; suppressed: true }
  | ({ period: string; segment?: string; suppressed: false } & CultureStats);

/** Components of the graph whose nodes are people and whose edges are pairs (union-find). */
export function network(pairs: readonly Pick<PairInfo, 'aId' | 'bId'>[]): NetworkStats {
  const parent = new Map<string, string>();
  const root = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let y = x; y !== r; ) { const next = parent.get(y)!; parent.set(y, r); y = next; }
    return r;
  };
  for (const { aId, bId } of pairs) {
    for (const id of [aId, bId]) if (!parent.has(id)) parent.set(id, id);
    parent.set(root(aId), root(bId));
  }
  const sizes = new Map<string, number>();
  for (const id of parent.keys()) sizes.set(root(id), (sizes.get(root(id)) ?? 0) + 1);
  return { peopleConnected: parent.size, largestComponent: Math.max(0, ...sizes.values()), components: sizes.size };
}

/** The segment values a pair counts in: every non-blank value of either member, or its cohort. */
export function segmentValues(pair: PairInfo, people: ReadonlyMap<string, Person>, by: Segmentation): string[] {
  const values = by === 'cohort' ? [pair.cohort] : [pair.aId, pair.bId].map((id) => people.get(id)?.[by] ?? '');
  return [...new Set(values.filter((v) => v !== ''))];
}

/** What is known of each pair before any grouping: its tally per period, and which boundaries it crosses. */
interface PairFacts {
  periodTallies: ReadonlyMap<string, readonly PairTally[]>;
  crossings: ReadonlyMap<string, Readonly<Record<Boundary, boolean | null>>>;
}

/**
 * Each pair's tally per period: the sum of its months that overlap both the
 * period and the window, in one pass over the pair's months.
 */
function periodTallies(monthly: MonthlyTallies, periods: readonly Period[], window: Window): Map<string, PairTally[]> {
  const periodOfMonth = new Map<string, number>();
  periods.forEach((period, i) => {
    for (const month of monthsOverlapping(Math.max(period.start, window.from), Math.min(period.end, window.to))) {
      periodOfMonth.set(month, i);
    }
  });
  const tallies = new Map<string, PairTally[]>();
  for (const [pairId, months] of monthly) {
    const sums = periods.map(() => emptyTally());
    for (const [month, tally] of months) {
      const i = periodOfMonth.get(month);
      if (i !== undefined) addInto(sums[i]!, tally);
    }
    tallies.set(pairId, sums);
  }
  return tallies;
}

function pairFacts(input: CultureInput, periods: readonly Period[]): PairFacts {
  const crossings = new Map(input.pairs.map((pair) => [
    pair.id,
    Object.fromEntries(BOUNDARIES.map((b) => [b, crossesBoundary(pair, input.people, b)])) as Record<Boundary, boolean | null>,
  ]));
  return { periodTallies: periodTallies(input.monthly, periods, input.window), crossings };
}

const NO_TALLY = emptyTally();

interface Counts { x: number; n: number }

/** The statistics of every period for one group of pairs (the programme, or one segment). */
function groupStats(pairs: readonly PairInfo[], input: CultureInput, periods: readonly Period[], facts: PairFacts): CultureStats[] {
  const { window } = input;
  const weights = effectiveWeights(input.weights);
  let previous: { active: Set<string>; rates: Counts[] } | null = null;
  const flipped = new Set<string>();
  return periods.map((period, i) => {
    const first = monthStart(monthOf(Math.max(period.start, window.from)));
    // A pair "starts" on its startsOn day; one that starts after asOf has not started yet.
    const known = Math.min(period.end, window.asOf);
    const healthWindow: Window = { from: first, to: Math.min(period.end, window.to), asOf: window.asOf };
    const tallies = pairs.map((pair) => ({ pair, tally: facts.periodTallies.get(pair.id)?.[i] ?? NO_TALLY }));
    const total = sumTallies(tallies.map(({ tally }) => tally));
    const active = tallies.filter(({ tally }) => tally.held > 0).map(({ pair }) => pair);
    const activePeople = new Set(active.flatMap((p) => [p.aId, p.bId]));
    const health = tallies
      .map(({ pair, tally }) => pairHealth(pairMetrics(pair, tally, healthWindow), weights))
      .filter((h): h is number => h !== null);
    // Role flips: mentees of a pair started before this period who mentor an active pair now; cumulative.
    const mentees = new Set(
      pairs.filter((p) => p.mentorId !== null && dayStart(p.startsOn) < period.start)
        .map((p) => (p.mentorId === p.aId ? p.bId : p.aId)),
    );
    for (const p of active) if (p.mentorId !== null && mentees.has(p.mentorId)) flipped.add(p.mentorId);
    const rates: Counts[] = [
      { x: total.mutualYes, n: total.mutualN },
      { x: total.opennessYes, n: total.opennessN },
      { x: total.deepSessions, n: total.topicSessions },
    ];
    const change = (r: number) => (previous ? newcombe(rates[r]!.x, rates[r]!.n, previous.rates[r]!.x, previous.rates[r]!.n) : null);
    const stats: CultureStats = {
      pairsActive: active.length,
      participantsActive: activePeople.size,
      newPairs: pairs.filter((p) => { const s = dayStart(p.startsOn); return s >= period.start && s < known; }).length,
      mutualLearningRate: rate(rates[0]!.x, rates[0]!.n),
      opennessRate: rate(rates[1]!.x, rates[1]!.n),
      depthRate: rate(rates[2]!.x, rates[2]!.n),
      healthMean: health.length ? health.reduce((s, h) => s + h, 0) / health.length : null,
      crossBoundary: Object.fromEntries(
        BOUNDARIES.map((b) => [b, active.filter((p) => facts.crossings.get(p.id)?.[b] === true).length]),
      ) as Record<Boundary, number>,
      network: network(pairs.filter((p) => dayStart(p.startsOn) < known)),
      roleFlips: flipped.size,
      retention: previous ? rate([...previous.active].filter((id) => activePeople.has(id)).length, previous.active.size) : null,
      change: { mutualLearningRate: change(0), opennessRate: change(1), depthRate: change(2) },
    };
    previous = { active: activePeople, rates };
    return stats;
  });
}

const cell = (period: string, segment: string | undefined, stats: CultureStats, k: number): CulturePeriod => {
  const where = segment === undefined ? { period } : { period, segment };
  return stats.pairsActive < k ? { ...where, suppressed: true } : { ...where, suppressed: false, ...stats };
};

const activeOf = (c: CulturePeriod) => (c.suppressed ? -1 : c.pairsActive);

/**
 * Complementary suppression: when a period's total is shown and exactly one of
 * its segment cells is hidden, also hide the smallest shown one, so the hidden
 * count cannot be recovered as total minus the others.
 */
export function suppressComplements(totals: readonly CulturePeriod[], segments: CulturePeriod[]): CulturePeriod[] {
  const shown = new Set(totals.filter((t) => !t.suppressed).map((t) => t.period));
  return segments.map((c, _, all) => {
    if (c.suppressed || !shown.has(c.period)) return c;
    const same = all.filter((o) => o.period === c.period);
    if (same.filter((o) => o.suppressed).length !== 1) return c;
    const smallest = same.filter((o) => !o.suppressed)
      .sort((x, y) => activeOf(x) - activeOf(y) || (x.segment ?? '').localeCompare(y.segment ?? ''))[0];
    return smallest === c ? { period: c.period, ...(c.segment === undefined ? {} : { segment: c.segment }), suppressed: true } : c;
  });
}

export interface CultureReport {
  periods: CulturePeriod[];
  segments: CulturePeriod[];
}

/** METRICS.md, "Culture metrics": every period, and every period × segment value when `by` is set. */
export function cultureReport(input: CultureInput): CultureReport {
  const periods = periodsBetween(input.period, input.window.from, Math.min(input.window.to, input.window.asOf));
  const facts = pairFacts(input, periods);
  const totals = groupStats(input.pairs, input, periods, facts).map((s, i) => cell(periods[i]!.key, undefined, s, input.k));
  if (!input.by) return { periods: totals, segments: [] };
  const by = input.by;
  const values = [...new Set(input.pairs.flatMap((p) => segmentValues(p, input.people, by)))].sort();
  const byValue = values.map((value) =>
    groupStats(input.pairs.filter((p) => segmentValues(p, input.people, by).includes(value)), input, periods, facts),
  );
  const segments = periods.flatMap((period, i) => values.map((value, v) => cell(period.key, value, byValue[v]![i]!, input.k)));
  return { periods: totals, segments: suppressComplements(totals, segments) };
}
