// Culture metrics for sponsors, per calendar year or quarter (shared/metrics/README.md,
// "Culture metrics (sponsor)"; the privacy rules are in SECURITY.md, "Sponsor
// culture", and shared/metrics/README.md). Built from per-pair monthly tallies,
// so a multi-year read never needs single sessions.
//
// Every request is a slice of one table: all of the programme's periods, in
// both grains, for the whole programme and every segmentation, with its
// suppression solved once over all of it (suppression.ts). So a cell is hidden
// or shown the same way whatever range, grain or segmentation asks for it,
// and its numbers (change and retention included) do not depend on the range.
import {
  closingByPair, closingPairs, closingSize, closingStats, HIDDEN_CLOSING, type ClosingAnswer, type ClosingCell,
} from './closing';
import { answeredHeld, effectiveWeights, pairHealth, pairMetrics, type PairInfo } from './pair';
import { BOUNDARIES, crossesBoundary, type Boundary, type Person } from './programme';
import { newcombe, rate, type Change, type Rate } from './rate';
import { solvePeriod, solveYear, TOTAL_CELL, type CellKey, type CellSize, type PeriodCells } from './suppression';
import { addInto, emptyTally, sumTallies, type PairTally } from './tally';
import type { HealthWeights } from '../schemas';
import { DAY_MS, dayStart, monthsOverlapping } from './time';

export type PeriodKind = 'year' | 'quarter';
export { SEGMENTATIONS, type Segmentation } from '../vocabulary';
import { SEGMENTATIONS, type Segmentation } from '../vocabulary';

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

/** The period a label names ('2024' is a year, '2024-Q3' a quarter), or null. */
export function periodOfLabel(label: string): { kind: PeriodKind; period: Period } | null {
  const match = /^(\d{4})(?:-Q([1-4]))?$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return { kind: 'year', period: periodAt('year', Date.UTC(year, 0, 1)) };
  return { kind: 'quarter', period: periodAt('quarter', Date.UTC(year, 3 * (Number(match[2]) - 1), 1)) };
}

/**
 * Answers are accepted until 7 days after a session ends, and a session that
 * starts before a period's end may end a day later: 8 days after its end, a
 * period's numbers can no longer change through participants' answers.
 */
export const LATE_ANSWER_DAYS = 8;

/** A period is completed once late answers to its sessions can no longer arrive. */
export function isCompleted(period: Pick<Period, 'end'>, asOf: number): boolean {
  return period.end + LATE_ANSWER_DAYS * DAY_MS <= asOf;
}

/** Pair id → month 'YYYY-MM' → tally (one pair_months row). */
export type MonthlyTallies = ReadonlyMap<string, ReadonlyMap<string, PairTally>>;

export interface NetworkStats {
  peopleConnected: number;
  largestComponent: number;
  components: number;
}

/** The period before a cell's, in the programme's history; null when there is none. */
export interface PreviousPeriod {
  period: string;
  /** When true, the fields built from it (retention, change) are withheld (null). */
  suppressed: boolean;
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
  previous: PreviousPeriod | null;
  retention: Rate | null;
  change: { mutualLearningRate: Change | null; opennessRate: Change | null; depthRate: Change | null };
  /** The closing answers of the pairs that ended in the period (closing.ts), shown under its own k rule. */
  closing: ClosingCell;
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
  let largest = 0;
  for (const size of sizes.values()) largest = Math.max(largest, size);
  return { peopleConnected: parent.size, largestComponent: largest, components: sizes.size };
}

/** The segment values a pair counts in: every non-blank value of either member, or its cohort. */
export function segmentValues(pair: PairInfo, people: ReadonlyMap<string, Person>, by: Segmentation): string[] {
  const values = by === 'cohort' ? [pair.cohort] : [pair.aId, pair.bId].map((id) => people.get(id)?.[by] ?? '');
  return [...new Set(values.filter((v) => v !== ''))];
}

export interface CultureTableInput {
  pairs: readonly PairInfo[];
  people: ReadonlyMap<string, Person>;
  monthly: MonthlyTallies;
  k: number;
  weights?: HealthWeights | undefined;
  /** A whole UTC day: the table holds every period that started before it. */
  asOf: number;
  /** Every closing answer of the programme's pairs; none when left out. */
  closing?: readonly ClosingAnswer[] | undefined;
}

/** A group of pairs with a cell in every period: the programme, a segment value, or a segmentation's remainder. */
interface CellGroup {
  key: CellKey;
  by: Segmentation | null;
  /** The segment value; null for the total and for a remainder (pairs with no value), which is never published. */
  value: string | null;
  pairs: PairInfo[];
}

interface TableCell {
  stats: CultureStats;
  size: CellSize;
  hidden: boolean;
}

export interface TablePeriod {
  period: Period;
  cells: Map<CellKey, TableCell>;
}

export interface CultureTable {
  groups: readonly CellGroup[];
  year: TablePeriod[];
  quarter: TablePeriod[];
}

const partKey = (by: Segmentation, value: string) => `${by}:${value}`;
const remainderKey = (by: Segmentation) => `${by}#`;

function cellGroups(pairs: readonly PairInfo[], people: ReadonlyMap<string, Person>): CellGroup[] {
  const groups: CellGroup[] = [{ key: TOTAL_CELL, by: null, value: null, pairs: [...pairs] }];
  for (const by of SEGMENTATIONS) {
    const valuesOf = new Map(pairs.map((p) => [p.id, segmentValues(p, people, by)]));
    const values = [...new Set([...valuesOf.values()].flat())].sort();
    for (const value of values) {
      groups.push({ key: partKey(by, value), by, value, pairs: pairs.filter((p) => valuesOf.get(p.id)!.includes(value)) });
    }
    groups.push({ key: remainderKey(by), by, value: null, pairs: pairs.filter((p) => valuesOf.get(p.id)!.length === 0) });
  }
  return groups;
}

/** The first day of the programme's history: its earliest pair start or recorded month. */
function historyStart(input: CultureTableInput): number | null {
  // A loop, not Math.min(...all): a programme's pairs and months can outnumber the arguments a call may take.
  let first: number | null = null;
  const consider = (ms: number) => { if (first === null || ms < first) first = ms; };
  for (const p of input.pairs) consider(dayStart(p.startsOn));
  for (const months of input.monthly.values()) for (const month of months.keys()) consider(Date.parse(`${month}-01T00:00:00.000Z`));
  return first;
}

/** What each pair brings to a period: its tally (the months of the period) and its health over the period. */
interface PairPeriod {
  tally: PairTally;
  health: number | null;
}

function pairPeriods(input: CultureTableInput, periods: readonly Period[]): Map<string, PairPeriod[]> {
  const periodOfMonth = new Map<string, number>();
  periods.forEach((period, i) => { for (const month of monthsOverlapping(period.start, period.end)) periodOfMonth.set(month, i); });
  const weights = effectiveWeights(input.weights);
  const facts = new Map<string, PairPeriod[]>();
  for (const pair of input.pairs) {
    const sums = periods.map(() => emptyTally());
    for (const [month, tally] of input.monthly.get(pair.id) ?? []) {
      const i = periodOfMonth.get(month);
      if (i !== undefined) addInto(sums[i]!, tally);
    }
    facts.set(pair.id, sums.map((tally, i) => {
      const { start, end } = periods[i]!;
      const window = { from: start, to: Math.min(end, input.asOf), asOf: input.asOf };
      return { tally, health: pairHealth(pairMetrics(pair, tally, window), weights, answeredHeld(tally)) };
    }));
  }
  return facts;
}

interface Counts { x: number; n: number }

/**
 * The people-and-pairs graph of one group, grown pair by pair in start order:
 * each period only adds the pairs started since the one before, so the graph
 * is built once per group rather than once per period (union-find with sizes).
 */
export class GrowingNetwork {
  private parent = new Map<string, string>();
  private size = new Map<string, number>();
  private largest = 0;
  private components = 0;

  private root(x: string): string {
    let r = x;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    for (let y = x; y !== r; ) { const next = this.parent.get(y)!; this.parent.set(y, r); y = next; }
    return r;
  }

  private node(id: string): void {
    if (this.parent.has(id)) return;
    this.parent.set(id, id);
    this.size.set(id, 1);
    this.components += 1;
    this.largest = Math.max(this.largest, 1);
  }

  add(pair: Pick<PairInfo, 'aId' | 'bId'>): void {
    this.node(pair.aId);
    this.node(pair.bId);
    const [a, b] = [this.root(pair.aId), this.root(pair.bId)];
    if (a === b) return;
    const merged = this.size.get(a)! + this.size.get(b)!;
    this.parent.set(a, b);
    this.size.set(b, merged);
    this.components -= 1;
    this.largest = Math.max(this.largest, merged);
  }

  stats(): NetworkStats {
    return { peopleConnected: this.parent.size, largestComponent: this.largest, components: this.components };
  }
}

/** One group's statistics in every period of a grain, oldest first (derived fields filled in later). */
function groupSeries(
  group: CellGroup, periods: readonly Period[], facts: ReadonlyMap<string, PairPeriod[]>,
  people: ReadonlyMap<string, Person>, asOf: number,
): { stats: CultureStats; active: Set<string>; rates: Counts[] }[] {
  const crossings = new Map(group.pairs.map((p) => [p.id, BOUNDARIES.map((b) => crossesBoundary(p, people, b) === true)]));
  // The group's pairs by start day, read once: periods go forward in time, so the
  // pairs started before a period (mentees, the network) only ever grow.
  // Sums and the health mean keep the group's own pair order (float sums depend on it).
  const inOrder = group.pairs.map((pair) => ({ pair, start: dayStart(pair.startsOn), fact: facts.get(pair.id)! }));
  const byStart = [...inOrder].sort((x, y) => x.start - y.start);
  const graph = new GrowingNetwork();
  const mentees = new Set<string>();
  let inGraph = 0;
  let menteesFrom = 0;
  const flipped = new Set<string>();
  return periods.map((period, i) => {
    // A pair "starts" on its startsOn day; one that starts after asOf has not started yet.
    const known = Math.min(period.end, asOf);
    // A pair's period tally is empty when it has no month in the period; adding it changes no sum.
    const own = inOrder.filter(({ fact }) => fact[i]!.tally.sessions > 0);
    const total = sumTallies(own.map(({ fact }) => fact[i]!.tally));
    const active = own.filter(({ fact }) => fact[i]!.tally.held > 0).map(({ pair }) => pair);
    const activePeople = new Set(active.flatMap((p) => [p.aId, p.bId]));
    const health = inOrder.map(({ fact }) => fact[i]!.health).filter((h): h is number => h !== null);
    // Role flips: mentees of a pair started before this period who mentor an active pair now; cumulative.
    for (; menteesFrom < byStart.length && byStart[menteesFrom]!.start < period.start; menteesFrom++) {
      const p = byStart[menteesFrom]!.pair;
      if (p.mentorId !== null) mentees.add(p.mentorId === p.aId ? p.bId : p.aId);
    }
    for (const p of active) if (p.mentorId !== null && mentees.has(p.mentorId)) flipped.add(p.mentorId);
    for (; inGraph < byStart.length && byStart[inGraph]!.start < known; inGraph++) graph.add(byStart[inGraph]!.pair);
    let newPairs = 0;
    for (const { start } of byStart) if (start >= period.start && start < known) newPairs++;
    const rates: Counts[] = [
      { x: total.mutualYes, n: total.mutualN },
      { x: total.opennessYes, n: total.opennessN },
      { x: total.deepSessions, n: total.topicSessions },
    ];
    const stats: CultureStats = {
      pairsActive: active.length,
      participantsActive: activePeople.size,
      newPairs,
      mutualLearningRate: rate(rates[0]!.x, rates[0]!.n),
      opennessRate: rate(rates[1]!.x, rates[1]!.n),
      depthRate: rate(rates[2]!.x, rates[2]!.n),
      healthMean: health.length ? health.reduce((s, h) => s + h, 0) / health.length : null,
      crossBoundary: Object.fromEntries(BOUNDARIES.map((b, j) => [b, active.filter((p) => crossings.get(p.id)![j]).length])) as Record<Boundary, number>,
      network: graph.stats(),
      roleFlips: flipped.size,
      previous: null,
      retention: null,
      change: { mutualLearningRate: null, opennessRate: null, depthRate: null },
      closing: HIDDEN_CLOSING,
    };
    return { stats, active: activePeople, rates };
  });
}

/** Empty: nothing in the cell at all, so it is no cover for a neighbour. */
const isEmpty = (s: CultureStats) =>
  s.pairsActive === 0 && s.newPairs === 0 && !s.mutualLearningRate && !s.opennessRate && !s.depthRate;

function periodCells(groups: readonly CellGroup[], cells: ReadonlyMap<CellKey, { size: CellSize }>): PeriodCells {
  const sizes = new Map([...cells].map(([key, c]) => [key, c.size]));
  const parts = SEGMENTATIONS.map((by) => [TOTAL_CELL, ...groups.filter((g) => g.by === by).map((g) => g.key)]);
  return { cells: sizes, groups: parts };
}

/** Retention and change come from the period before; withheld when that cell is hidden (SECURITY.md, "Sponsor culture"). */
function fillDerived(series: TablePeriod[], history: Map<CellKey, { active: Set<string>; rates: Counts[] }[]>): void {
  series.forEach(({ cells }, i) => {
    if (i === 0) return;
    const before = series[i - 1]!;
    for (const [key, cell] of cells) {
      const prior = before.cells.get(key)!;
      cell.stats.previous = { period: before.period.key, suppressed: prior.hidden };
      if (prior.hidden) continue;
      const [now, then] = [history.get(key)![i]!, history.get(key)![i - 1]!];
      const change = (r: number) => newcombe(now.rates[r]!.x, now.rates[r]!.n, then.rates[r]!.x, then.rates[r]!.n);
      cell.stats.retention = rate([...then.active].filter((id) => now.active.has(id)).length, then.active.size);
      cell.stats.change = { mutualLearningRate: change(0), opennessRate: change(1), depthRate: change(2) };
    }
  });
}

function gradeSeries(input: CultureTableInput, groups: readonly CellGroup[], kind: PeriodKind, first: number) {
  const periods = periodsBetween(kind, first, input.asOf);
  const facts = pairPeriods(input, periods);
  const history = new Map(groups.map((g) => [g.key, groupSeries(g, periods, facts, input.people, input.asOf)]));
  const series: TablePeriod[] = periods.map((period, i) => ({
    period,
    cells: new Map(groups.map((g) => {
      const stats = history.get(g.key)![i]!.stats;
      return [g.key, { stats, size: { active: stats.pairsActive, empty: isEmpty(stats) }, hidden: false }];
    })),
  }));
  return { series, history };
}

/**
 * The whole table: every period of the programme's history up to asOf, in
 * both grains, for the total, every segment value and every remainder, with
 * its suppression solved (quarters first, then each year from its quarters).
 */
export function cultureTable(input: CultureTableInput): CultureTable {
  const groups = cellGroups(input.pairs, input.people);
  const first = historyStart(input);
  if (first === null || first >= input.asOf) return { groups, year: [], quarter: [] };
  const quarters = gradeSeries(input, groups, 'quarter', first);
  const years = gradeSeries(input, groups, 'year', first);
  for (const q of quarters.series) {
    const hidden = solvePeriod(periodCells(groups, q.cells), input.k);
    for (const [key, cell] of q.cells) cell.hidden = hidden.has(key);
  }
  for (const y of years.series) {
    const own = quarters.series.filter((q) => q.period.start >= y.period.start && q.period.end <= y.period.end);
    const hidden = solveYear(periodCells(groups, y.cells), own.map((q) => ({
      cells: new Map([...q.cells].map(([key, c]) => [key, c.size])),
      hidden: new Set([...q.cells].filter(([, c]) => c.hidden).map(([key]) => key)),
    })), input.k);
    for (const [key, cell] of y.cells) cell.hidden = hidden.has(key);
  }
  fillDerived(quarters.series, quarters.history);
  fillDerived(years.series, years.history);
  fillClosing(groups, quarters.series, years.series, input);
  return { groups, year: years.series, quarter: quarters.series };
}

/**
 * The closing answers as a second table with the same cells: each cell's
 * closing pairs are its size, and its suppression is solved like the culture
 * table's (quarters first, each year from its quarters), starting from every
 * cell the culture table hides, so closing shows only in a shown cell and no
 * hidden closing cell can be had by subtraction (SECURITY.md, "Sponsor culture").
 */
function fillClosing(groups: readonly CellGroup[], quarters: readonly TablePeriod[], years: readonly TablePeriod[], input: CultureTableInput): void {
  const answers = closingByPair(input.closing ?? []);
  const closersOf = (p: TablePeriod) => new Map(groups.map((g) =>
    [g.key, isCompleted(p.period, input.asOf) ? closingPairs(g.pairs, p.period, answers) : []]));
  const sizesOf = (closers: ReadonlyMap<CellKey, PairInfo[]>) => new Map([...closers].map(([key, c]) => [key, { size: closingSize(c) }]));
  const hiddenCells = (p: TablePeriod) => [...p.cells].filter(([, c]) => c.hidden).map(([key]) => key);
  const publish = (p: TablePeriod, closers: ReadonlyMap<CellKey, PairInfo[]>, hidden: ReadonlySet<CellKey>) => {
    for (const [key, cell] of p.cells) {
      cell.stats.closing = hidden.has(key) ? HIDDEN_CLOSING : { suppressed: false, ...closingStats(closers.get(key)!, answers) };
    }
  };
  const solvedQuarters = quarters.map((q) => {
    const closers = closersOf(q);
    const sizes = sizesOf(closers);
    const hidden = solvePeriod(periodCells(groups, sizes), input.k, hiddenCells(q));
    publish(q, closers, hidden);
    return { period: q.period, cells: new Map([...sizes].map(([key, c]) => [key, c.size])), hidden };
  });
  for (const y of years) {
    const closers = closersOf(y);
    const own = solvedQuarters.filter((q) => q.period.start >= y.period.start && q.period.end <= y.period.end);
    const hidden = solveYear(periodCells(groups, sizesOf(closers)), own, input.k, hiddenCells(y));
    publish(y, closers, hidden);
  }
}

export interface CultureSliceRequest {
  period: PeriodKind;
  by: Segmentation | null;
  /** Period boundaries: the slice holds the periods in [from, to). */
  from: number;
  to: number;
}

export interface CultureReport {
  periods: CulturePeriod[];
  segments: CulturePeriod[];
}

function published(period: string, segment: string | undefined, cell: TableCell | undefined): CulturePeriod {
  const where = segment === undefined ? { period } : { period, segment };
  return !cell || cell.hidden ? { ...where, suppressed: true } : { ...where, suppressed: false, ...cell.stats };
}

/**
 * One request's view of the table: the periods of [from, to) in its grain, and
 * per period the cells of its segmentation. Segment values that are hidden in
 * every period of the slice are not named; remainders are never published.
 */
export function cultureSlice(table: CultureTable, request: CultureSliceRequest): CultureReport {
  const series = new Map(table[request.period].map((p) => [p.period.key, p]));
  const periods = periodsBetween(request.period, request.from, request.to).map((p) => series.get(p.key)?.cells ?? new Map<CellKey, TableCell>());
  const labels = periodsBetween(request.period, request.from, request.to).map((p) => p.key);
  const totals = labels.map((label, i) => published(label, undefined, periods[i]!.get(TOTAL_CELL)));
  const by = request.by;
  if (!by) return { periods: totals, segments: [] };
  const named = table.groups.filter((g) => g.by === by && g.value !== null && periods.some((cells) => cells.get(g.key)?.hidden === false));
  const segments = labels.flatMap((label, i) => named.map((g) => published(label, g.value!, periods[i]!.get(g.key))));
  return { periods: totals, segments };
}

export interface CultureInput extends CultureTableInput, CultureSliceRequest {}

/** shared/metrics/README.md, "Culture metrics": the table, sliced for one request. */
export function cultureReport(input: CultureInput): CultureReport {
  return cultureSlice(cultureTable(input), input);
}
