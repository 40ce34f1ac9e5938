// Culture figures per segment and period. A cell from fewer than k pairs is
// suppressed by the Worker and reads "fewer than k pairs", never a zero.
import { useState } from 'preact/hooks';
import type { CulturePeriod } from '../../../shared/contract';
import { type Segmentation } from '../../../shared/vocabulary';
import { rateText } from '../figures';
import { closingHiddenText } from './ClosingAnswers';
import { Empty } from './States';
import { DataTable } from './DataTable';

type CellMetric = 'pairsActive' | 'mutualLearningRate' | 'opennessRate' | 'depthRate' | 'healthMean' | 'closingAgain';
const CELL_METRICS: Array<[CellMetric, string]> = [
  ['pairsActive', 'Active pairs'],
  ['mutualLearningRate', 'Mutual learning'],
  ['opennessRate', 'Openness'],
  ['depthRate', 'Depth'],
  ['healthMean', 'Mean health'],
  ['closingAgain', 'Would do it again'],
];

export function suppressedText(k: number): string {
  return `fewer than ${k} pairs`;
}

export function cellText(cell: CulturePeriod | undefined, metric: CellMetric, k: number): string {
  if (!cell) return '—';
  if (cell.suppressed) return suppressedText(k);
  if (metric === 'pairsActive') return String(cell.pairsActive ?? '—');
  if (metric === 'healthMean') return cell.healthMean == null ? 'not enough data' : String(Math.round(cell.healthMean));
  if (metric === 'closingAgain') return cell.closing.suppressed ? closingHiddenText(k) : rateText(cell.closing.again ?? undefined);
  return rateText(cell[metric]);
}

export function SegmentTable(props: { by: Segmentation; segments: CulturePeriod[]; periods: string[]; k: number }) {
  const [metric, setMetric] = useState<CellMetric>('mutualLearningRate');
  const values = [...new Set(props.segments.map((s) => s.segment ?? ''))].sort();
  const cell = (segment: string, period: string) => props.segments.find((s) => s.segment === segment && s.period === period);
  return (
    <section class="card" aria-labelledby="segment-heading">
      <div class="card-head">
        <h2 id="segment-heading">By {props.by}</h2>
        <label>
          Show{' '}
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value as CellMetric)}>
            {CELL_METRICS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted">
        A pair counts in every segment either member belongs to. Cells with fewer than {props.k} active pairs are hidden to protect people, and so is a neighbouring cell where needed, so that no hidden cell can be worked out by subtracting shown ones from a total. Segments hidden in every period are not listed.
      </p>
      {values.length === 0 ? (
        <Empty>No segments: nobody has a {props.by} recorded.</Empty>
      ) : (
        <DataTable
          class="segments"
          rows={values}
          rowKey={(segment) => segment}
          columns={[
            { key: 'segment', head: props.by, cell: (segment) => segment || '(none)' },
            ...props.periods.map((period) => ({
              key: period,
              head: period,
              class: (segment: string) => (cell(segment, period)?.suppressed ? 'suppressed' : undefined),
              cell: (segment: string) => cellText(cell(segment, period), metric, props.k),
            })),
          ]}
        />
      )}
    </section>
  );
}
