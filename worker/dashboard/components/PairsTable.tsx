// Every pair in the window with its status, health and flags; opens the drill-down.
import { useState } from 'preact/hooks';
import type { DashboardPair, PairStatus } from '../shapes';
import { health, memberNames, NOT_ENOUGH_ANSWERS, pairScore, score, STATUS_LABEL } from '../figures';
import { adviceFor } from '../flagAdvice';
import { Empty } from './States';

/** The server pages the pair list: `total` pairs in all, and `load` fetches the next page. */
export interface MorePairs {
  total: number;
  load: (() => void) | null;
}

export function PairsTable(props: { pairs: DashboardPair[]; onOpen: (pairId: string) => void; more?: MorePairs }) {
  const [status, setStatus] = useState<PairStatus | ''>('');
  const shown = status ? props.pairs.filter((p) => p.status === status) : props.pairs;
  return (
    <section class="card" aria-labelledby="pairs-heading">
      <div class="card-head">
        <h2 id="pairs-heading">
          {status ? `${STATUS_LABEL[status]} pairs (${shown.length} of ${props.pairs.length})` : `All pairs (${props.pairs.length}${props.more && props.more.total > props.pairs.length ? ` of ${props.more.total}` : ''})`}
        </h2>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as PairStatus | '')}>
            <option value="">any</option>
            {Object.entries(STATUS_LABEL).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {shown.length === 0 ? (
        <Empty>No pairs to show.</Empty>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">Status</th>
                <th scope="col">Health</th>
                <th scope="col">Held</th>
                <th scope="col">Reciprocity</th>
                <th scope="col">Openness</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((pair) => (
                <tr key={pair.id}>
                  <th scope="row">
                    <button type="button" class="link" onClick={() => props.onOpen(pair.id)}>
                      {memberNames(pair.members)}
                    </button>
                  </th>
                  <td>
                    <span class={`status status-${pair.status}`}>{STATUS_LABEL[pair.status]}</span>
                  </td>
                  <td class="num" title={pair.withheld?.health}>{pair.withheld?.health ? NOT_ENOUGH_ANSWERS : health(pair.health)}</td>
                  <td class="num" title={pair.withheld?.held}>{pair.withheld?.held ? NOT_ENOUGH_ANSWERS : pair.metrics.held ?? '—'}</td>
                  <td class="num" title={pair.withheld?.reciprocity}>{pairScore(pair.metrics.reciprocity, pair.withheld?.reciprocity)}</td>
                  <td class="num" title={pair.withheld?.openness}>{pairScore(pair.metrics.openness, pair.withheld?.openness)}</td>
                  <td>{pair.flags.map((f) => adviceFor(f.flag).label).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.more?.load && (
        <button type="button" onClick={props.more.load}>
          Load more pairs
        </button>
      )}
    </section>
  );
}
