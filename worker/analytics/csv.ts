// CSV exports of the analytics (RFC 4180: CRLF lines, quoted fields where
// needed). Text cells that a spreadsheet would run as a formula get a leading
// apostrophe; numbers are written as numbers.
import type { ClosingCell, CulturePeriod, CultureReport, DashboardReport, Rate } from '../../shared/metrics';
import { FLAGS } from '../../shared/metrics';
import { CLOSING_CHANGES } from '../../shared/vocabulary';

type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const METRICS = ['held', 'responseRate', 'value', 'agreement', 'reciprocity', 'mutualLearning', 'openness', 'autonomy', 'depth', 'cadence'] as const;

/** One row per pair of the dashboard (coordinators only: it names people). */
export function pairsCsv(report: DashboardReport): string {
  const header = ['pair_id', 'cohort', 'member_a', 'member_b', 'status', 'health', ...METRICS, ...FLAGS.map((f) => `flag_${f}`), 'reasons'];
  const rows = report.pairs.map((p) => [
    p.id, p.cohort, p.members[0]?.displayName, p.members[1]?.displayName, p.status, p.health,
    ...METRICS.map((m) => p.metrics[m]),
    ...FLAGS.map((f) => p.flags.some((x) => x.flag === f)),
    p.flags.map((f) => f.reason).join('; '),
  ]);
  return toCsv([header, ...rows]);
}

const RATES = ['mutualLearningRate', 'opennessRate', 'depthRate'] as const;
const rateCells = (r: Rate | null | undefined) => [r?.value, r?.n, r?.low, r?.high];
const rateHeader = (name: string) => [name, `${name}_n`, `${name}_low`, `${name}_high`];

/**
 * One row per period (and per period × segment): the k-anonymised numbers of
 * the culture view. previous_suppressed = true means retention and change are
 * withheld because the period before is hidden; an empty previous_period means
 * there is no earlier period. closing_suppressed = true leaves the closing
 * columns empty, as the JSON's closing is hidden (under k closing pairs, or to
 * resist subtraction).
 */
function closingCells(closing: ClosingCell): Cell[] {
  if (closing.suppressed) return [true];
  return [
    false, closing.pairs, ...rateCells(closing.again),
    ...CLOSING_CHANGES.flatMap((c) => [closing.changed[c]?.value, closing.changed[c]?.low, closing.changed[c]?.high]),
  ];
}

export function periodsCsv(body: CultureReport): string {
  const header = [
    'period', 'segment', 'suppressed', 'pairs_active', 'participants_active', 'new_pairs',
    ...RATES.flatMap(rateHeader), 'health_mean',
    'cross_function', 'cross_region', 'cross_generation',
    'people_connected', 'largest_component', 'components', 'role_flips',
    'previous_period', 'previous_suppressed', ...rateHeader('retention'),
    ...RATES.flatMap((r) => [`${r}_change`, `${r}_change_low`, `${r}_change_high`]),
    'closing_suppressed', 'closing_pairs', ...rateHeader('closing_again'),
    ...CLOSING_CHANGES.flatMap((c) => [`closing_${c}`, `closing_${c}_low`, `closing_${c}_high`]),
  ];
  const row = (c: CulturePeriod): Cell[] => {
    if (c.suppressed) return [c.period, c.segment, true];
    return [
      c.period, c.segment, false, c.pairsActive, c.participantsActive, c.newPairs,
      ...RATES.flatMap((r) => rateCells(c[r])), c.healthMean,
      c.crossBoundary.function, c.crossBoundary.region, c.crossBoundary.generation,
      c.network.peopleConnected, c.network.largestComponent, c.network.components, c.roleFlips,
      c.previous?.period, c.previous?.suppressed, ...rateCells(c.retention),
      ...RATES.flatMap((r) => [c.change[r]?.value, c.change[r]?.low, c.change[r]?.high]),
      ...closingCells(c.closing),
    ];
  };
  return toCsv([header, ...body.periods.map(row), ...body.segments.map(row)]);
}
