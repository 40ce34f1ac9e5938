// A rate over time with its 95% interval as a band: months for coordinators, years or quarters for sponsors.
import { useMemo } from 'preact/hooks';
import type { Rate } from '../../../shared/contract';
import { hideBandEdges, PALETTE, rateDatasets } from '../charts';
import { rateInterval, rateValue } from '../figures';
import { ChartFigure } from './ChartFigure';
import { EmptyChartCard } from './States';

export function RateTrend(props: { title: string; series?: string; description?: string; labels: string[]; rates: Array<Rate | undefined>; colour?: string }) {
  const colour = props.colour ?? PALETTE[0];
  const config = useMemo(
    () => ({
      type: 'line' as const,
      data: { labels: props.labels, datasets: rateDatasets(props.series ?? props.title, props.rates, colour) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: hideBandEdges },
        scales: { y: { min: 0, max: 100, ticks: { callback: (v: string | number) => `${v}%` } } },
      },
    }),
    [props.labels, props.rates, props.series, props.title, colour],
  );
  if (!props.rates.some(Boolean)) {
    return (
      <EmptyChartCard title={props.title}>Not enough data in any period yet.</EmptyChartCard>
    );
  }
  return (
    <ChartFigure
      title={props.title}
      description={props.description}
      config={config}
      table={{
        head: ['Period', 'Rate', '95% interval and n'],
        rows: props.labels.map((label, i) => [label, rateValue(props.rates[i]), rateInterval(props.rates[i]) || '—']),
      }}
    />
  );
}
