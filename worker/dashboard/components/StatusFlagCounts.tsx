// How many pairs are in each status and carry each flag (shared/metrics/README.md, "Status" and "Flags").
import { useMemo } from 'preact/hooks';
import type { ProgrammeMetrics } from '../../../shared/contract';
import { FLAGS } from '../../../shared/vocabulary';
import { NEUTRAL, PALETTE, countBarOptions, wrapLabel } from '../charts';
import { STATUS_LABEL } from '../figures';
import { adviceFor } from '../flagAdvice';
import { ChartFigure } from './ChartFigure';

const STATUSES = ['thriving', 'steady', 'at_risk', 'insufficient_data'] as const;

export function StatusFlagCounts(props: { statusCounts: ProgrammeMetrics['statusCounts']; flagCounts: ProgrammeMetrics['flagCounts'] }) {
  const { statusCounts, flagCounts } = props;
  const labels = [...STATUSES.map((s) => STATUS_LABEL[s]), ...FLAGS.map((f) => `Flag: ${adviceFor(f).label}`)];
  const counts = [...STATUSES.map((s) => statusCounts[s] ?? 0), ...FLAGS.map((f) => flagCounts[f] ?? 0)];
  const config = useMemo(
    () => ({
      type: 'bar' as const,
      data: {
        labels: labels.map((label) => wrapLabel(label)),
        datasets: [
          {
            label: 'Pairs',
            data: counts,
            backgroundColor: [PALETTE[2], PALETTE[0], PALETTE[1], NEUTRAL, ...FLAGS.map(() => PALETTE[3])],
          },
        ],
      },
      options: countBarOptions,
    }),
    [counts.join(',')],
  );
  return (
    <ChartFigure
      title="Status and flags"
      description="Pairs per status, and pairs carrying each flag (a pair can carry several)."
      config={config}
      table={{ head: ['Status or flag', 'Pairs'], rows: labels.map((label, i) => [label, counts[i] ?? 0]) }}
      tall
    />
  );
}
