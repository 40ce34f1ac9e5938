// Which culture cells are hidden (README "Sponsor culture", and
// shared/metrics/README.md, "k-anonymity"). Pure: the caller gives each
// period's cells with their sizes, and gets back the keys to hide.
//
// A period's cells are its total and, per segmentation, its parts: one cell per
// segment value plus the remainder (pairs with no value, never published but
// protected like any other cell). Wherever a total is the sum of its parts, a
// group with exactly one hidden non-empty member could be solved by
// subtraction, so another member is hidden: the smallest non-empty shown part
// (an empty cell is no cover: anyone may guess it holds nothing). Overlapping
// segmentations (a pair counts under both members' values) are treated as if
// they were partitions, which only adds suppression.
//
// A year is the sum of its quarters. Its cells follow its quarters: a year
// cell is hidden when any non-empty quarter cell of the same key is, so every
// hidden quarter cell shares its year-sum with a hidden year cell, and the
// quarters' own pattern never depends on the year (a quarter's pattern is
// fixed the day it ends, whatever happens later in its year).

/** A cell's key within its period: '' for the total, 'by:value' for a part. */
export type CellKey = string;

export interface CellSize {
  /** Active pairs: the k rule's measure. */
  active: number;
  /** Nothing at all in the cell (no pair active, started, or answering). */
  empty: boolean;
}

export interface PeriodCells {
  cells: ReadonlyMap<CellKey, CellSize>;
  /** Each group is [total, ...parts]: the total is the sum of the parts. */
  groups: readonly (readonly CellKey[])[];
}

const TOTAL: CellKey = '';

/** Hidden keys of one period: under k, plus what any group needs to resist subtraction; repeated until nothing changes. */
export function solvePeriod(period: PeriodCells, k: number, forced: Iterable<CellKey> = []): Set<CellKey> {
  const hidden = new Set<CellKey>(forced);
  for (const [key, size] of period.cells) if (size.active < k) hidden.add(key);
  const size = (key: CellKey) => period.cells.get(key) ?? { active: 0, empty: true };
  const cover = (key: CellKey) => hidden.has(key) && !size(key).empty;
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of period.groups) {
      if (group.filter(cover).length !== 1) continue;
      const next = smallestShownPart(group.slice(1), hidden, size) ?? (hidden.has(group[0]!) ? undefined : group[0]);
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}

/** The shown non-empty part with the fewest pairs (ties by key): the cover a hidden part takes. */
export function smallestShownPart(parts: readonly CellKey[], hidden: ReadonlySet<CellKey>, size: (key: CellKey) => CellSize): CellKey | undefined {
  return parts
    .filter((key) => !hidden.has(key) && !size(key).empty)
    .sort((x, y) => size(x).active - size(y).active || (x < y ? -1 : x > y ? 1 : 0))[0];
}

/** Hidden keys of a year, given the hidden keys of its quarters (each with its cells), and any it must hide anyway. */
export function solveYear(
  year: PeriodCells, quarters: readonly { cells: ReadonlyMap<CellKey, CellSize>; hidden: ReadonlySet<CellKey> }[], k: number,
  forced: Iterable<CellKey> = [],
): Set<CellKey> {
  const mirrored = [...year.cells.keys()].filter((key) =>
    quarters.some((q) => q.hidden.has(key) && !(q.cells.get(key)?.empty ?? true)));
  return solvePeriod(year, k, [...mirrored, ...forced]);
}

export { TOTAL as TOTAL_CELL };
