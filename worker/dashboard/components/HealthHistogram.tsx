// How pair health is spread, in ten 10-point bins (shared/metrics/README.md, "Programme metrics").
import { useMemo } from 'preact/hooks';
import type { ProgrammeMetrics } from '../../../shared/contract';
import { PALETTE } from '../charts';
import { counted } from '../figures';
import { ChartFigure } from './ChartFigure';
import { EmptyChartCard } from './States';

export const BIN_LABELS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));

export function HealthHistogram(props: { health: ProgrammeMetrics['health'] }) {
  const { histogram, n } = props.health;
  const config = useMemo(
    () => ({
      type: 'bar' as const,
      data: {
        labels: BIN_LABELS,
        datasets: [
          {
            label: 'Pairs',
            data: BIN_LABELS.map((_, i) => histogram[i] ?? 0),
            backgroundColor: BIN_LABELS.map((_, i) => (i < 5 ? PALETTE[1] : i < 7 ? PALETTE[4] : PALETTE[2])),
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: 'Health' } },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Pairs' } },
        },
      },
    }),
    [histogram],
  );
  if (n === 0) {
    return (
      <EmptyChartCard title="Pair health">Not enough data: no pair has two answered sessions in this window yet.</EmptyChartCard>
    );
  }
  return (
    <ChartFigure
      title="Pair health"
      description={`${counted(n, 'pair')} with a health score. A pair is at risk when its health is below 50, or when it has lapsed, learns one way only, leans on the mentor as a helpline or feels guarded, whatever its score.`}
      config={config}
      table={{ head: ['Health', 'Pairs'], rows: BIN_LABELS.map((label, i) => [label, histogram[i] ?? 0]) }}
    />
  );
}
