// Change of each culture rate against the period before, with its 95% interval (Newcombe).
import type { CulturePeriod } from '../../../shared/contract';
import { changeText, rateText } from '../figures';
import { Empty } from './States';

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
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Active pairs</th>
                {RATES.map(([key, label]) => (
                  <th scope="col" key={key}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  <td class="num">{p.pairsActive ?? '—'}</td>
                  {RATES.map(([key]) => (
                    <td key={key}>
                      {rateText(p[key])}
                      <br />
                      <span class="muted">change: {p.previous?.suppressed ? `withheld (${p.previous.period} is hidden)` : p.previous === null ? 'no earlier period' : p.change ? changeText(p.change[key]) : 'not enough data'}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
