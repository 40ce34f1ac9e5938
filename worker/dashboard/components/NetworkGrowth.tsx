// Is mentoring spreading? People connected, the largest connected group,
// role flips and retention per period (shared/metrics/README.md, "Culture metrics").
import { useMemo } from 'preact/hooks';
import type { CulturePeriod } from '../../../shared/contract';
import { PALETTE } from '../charts';
import { rateText } from '../figures';
import { networkTakeaway } from '../takeaways';
import { ChartFigure } from './ChartFigure';
import { EmptyChartCard } from './States';

export function NetworkGrowth(props: { periods: CulturePeriod[] }) {
  const shown = props.periods.filter((p) => !p.suppressed);
  const config = useMemo(
    () => ({
      type: 'line' as const,
      data: {
        labels: shown.map((p) => p.period),
        datasets: [
          { label: 'People connected', data: shown.map((p) => p.network?.peopleConnected ?? null), borderColor: PALETTE[0], backgroundColor: PALETTE[0] },
          { label: 'Largest connected group', data: shown.map((p) => p.network?.largestComponent ?? null), borderColor: PALETTE[2], backgroundColor: PALETTE[2] },
          { label: 'Role flips (cumulative)', data: shown.map((p) => p.roleFlips ?? null), borderColor: PALETTE[3], backgroundColor: PALETTE[3] },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [props.periods],
  );
  if (shown.length === 0) {
    return (
      <EmptyChartCard title="Network growth">Not enough data: every period has fewer active pairs than may be shown.</EmptyChartCard>
    );
  }
  return (
    <ChartFigure
      title="Network growth"
      description={`${networkTakeaway(props.periods) ?? ''} People connected counts everyone in a pair started so far; the largest group is the most people linked to one another through their pairs; a role flip is someone once mentored who now mentors.`.trim()}
      config={config}
      table={{
        head: ['Period', 'People connected', 'Largest group', 'Groups', 'Role flips', 'Retention', 'New pairs'],
        rows: shown.map((p) => [
          p.period,
          p.network?.peopleConnected ?? '—',
          p.network?.largestComponent ?? '—',
          p.network?.components ?? '—',
          p.roleFlips ?? '—',
          p.previous?.suppressed ? 'withheld' : p.retention === undefined || p.retention === null ? 'not enough data' : rateText(p.retention),
          p.newPairs ?? '—',
        ]),
      }}
    />
  );
}
