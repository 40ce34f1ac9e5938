// Change of each culture rate against the period before, with its 95% interval (Newcombe).
import type { CulturePeriod } from '../../../shared/contract';
import { changeText, rateText } from '../figures';
import { Empty } from './States';
import { DataTable } from './DataTable';

const RATES = [
  ['mutualLearningRate', 'Mutual learning'],
  ['opennessRate', 'Openness'],
  ['depthRate', 'Depth'],
] as const;

export function YearOverYear(props: { periods: CulturePeriod[]; period: 'year' | 'quarter' }) {
  const shown = props.periods.filter((p) => !p.suppressed);
  return (
    <section class="card" aria-labelledby="yoy-heading">
      <h2 id="yoy-heading">{props.period === 'year' ? 'Year over year' : 'Quarter over quarter'}</h2>
      {shown.length === 0 ? (
        <Empty>Not enough data yet.</Empty>
      ) : (
        <DataTable
          rows={shown}
          rowKey={(p) => p.period}
          columns={[
            { key: 'period', head: 'Period', cell: (p) => p.period },
            { key: 'active', head: 'Active pairs', class: 'num', cell: (p) => p.pairsActive ?? '—' },
            ...RATES.map(([key, label]) => ({
              key,
              head: label,
              cell: (p: (typeof shown)[number]) => (
                <>
                  {rateText(p[key])}
                  <br />
                  <span class="muted">change: {p.previous?.suppressed ? `withheld (${p.previous.period} is hidden)` : p.previous === null ? 'no earlier period' : p.change ? changeText(p.change[key]) : 'not enough data'}</span>
                </>
              ),
            })),
          ]}
        />
      )}
    </section>
  );
}
