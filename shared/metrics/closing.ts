// The closing answers of a culture cell (shared/metrics/README.md, "Closing"):
// over the pairs of the cell's group that ended in its period, once that period
// is completed, and that gave at least one closing answer. Counting only:
// which cells are shown is solved with the culture table (culture.ts), as a
// second table of its own (SECURITY.md, "Sponsor culture").
import { CLOSING_AGAIN, CLOSING_CHANGES, type ClosingAgain, type ClosingChange } from '../vocabulary';
import type { PairInfo } from './pair';
import { rate, type Rate } from './rate';
import type { CellSize } from './suppression';
import { dayStart } from './time';
import { byPair } from './tally';

/** One member's closing answer about one pair; changedMask holds CLOSING_CHANGES bits in their order. */
export interface ClosingAnswer {
  pairId: string;
  again: ClosingAgain;
  changedMask: number;
}

export interface ClosingStats {
  pairs: number;
  /** Share of the closing answers saying they would do it again. */
  again: Rate | null;
  /** Per chip, the share of the closing answers that chose it. */
  changed: Record<ClosingChange, Rate | null>;
}

export type ClosingCell = { suppressed: true } | ({ suppressed: false } & ClosingStats);

export const HIDDEN_CLOSING: ClosingCell = { suppressed: true };

/** Closing answers by pair, unknown answers (a value the vocabulary no longer has) left out. */
export function closingByPair(answers: readonly ClosingAnswer[]): Map<string, ClosingAnswer[]> {
  return byPair(answers.filter((answer) => CLOSING_AGAIN.includes(answer.again)));
}

/** The pairs of a group that ended in [start, end) and gave a closing answer. */
export function closingPairs(
  pairs: readonly PairInfo[], period: { start: number; end: number }, answers: ReadonlyMap<string, readonly ClosingAnswer[]>,
): PairInfo[] {
  return pairs.filter((p) => {
    if (p.endsOn === null || !answers.has(p.id)) return false;
    const ended = dayStart(p.endsOn);
    return ended >= period.start && ended < period.end;
  });
}

/** A cell's size for the k rule and its subtraction cover: the pairs with a closing answer. */
export const closingSize = (closers: readonly PairInfo[]): CellSize => ({ active: closers.length, empty: closers.length === 0 });

/** The cell's numbers, over every closing answer of its pairs (up to one per member). */
export function closingStats(closers: readonly PairInfo[], answers: ReadonlyMap<string, readonly ClosingAnswer[]>): ClosingStats {
  const own = closers.flatMap((p) => answers.get(p.id) ?? []);
  const share = (count: (a: ClosingAnswer) => boolean) => rate(own.filter(count).length, own.length);
  return {
    pairs: closers.length,
    again: share((a) => a.again === 'yes'),
    changed: Object.fromEntries(CLOSING_CHANGES.map((chip, bit) => [chip, share((a) => (a.changedMask & (1 << bit)) !== 0)])) as Record<ClosingChange, Rate | null>,
  };
}
