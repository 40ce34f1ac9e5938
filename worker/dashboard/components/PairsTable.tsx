// Every pair in the window with its status, health and flags; opens the drill-down.
import { useState } from 'preact/hooks';
import type { DashboardPair } from '../../../shared/contract';
import { type PairStatus } from '../../../shared/vocabulary';
import { health, memberNames, NOT_ENOUGH_ANSWERS, pairScore, STATUS_LABEL } from '../figures';
import { adviceFor } from '../flagAdvice';
import { Empty } from './States';
import { DataTable } from './DataTable';

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
        <DataTable
          rows={shown}
          rowKey={(pair) => pair.id}
          columns={[
            {
              key: 'pair',
              head: 'Pair',
              cell: (pair) => (
                <button type="button" class="link" onClick={() => props.onOpen(pair.id)}>
                  {memberNames(pair.members)}
                </button>
              ),
            },
            { key: 'status', head: 'Status', cell: (pair) => <span class={`status status-${pair.status}`}>{STATUS_LABEL[pair.status]}</span> },
            {
              key: 'health', head: 'Health', class: 'num', title: (pair) => pair.withheld?.health,
              cell: (pair) => (pair.withheld?.health ? NOT_ENOUGH_ANSWERS : health(pair.health)),
            },
            {
              key: 'held', head: 'Held', class: 'num', title: (pair) => pair.withheld?.held,
              cell: (pair) => (pair.withheld?.held ? NOT_ENOUGH_ANSWERS : pair.metrics.held ?? '—'),
            },
            {
              key: 'reciprocity', head: 'Reciprocity', class: 'num', title: (pair) => pair.withheld?.reciprocity,
              cell: (pair) => pairScore(pair.metrics.reciprocity, pair.withheld?.reciprocity),
            },
            {
              key: 'openness', head: 'Openness', class: 'num', title: (pair) => pair.withheld?.openness,
              cell: (pair) => pairScore(pair.metrics.openness, pair.withheld?.openness),
            },
            { key: 'flags', head: 'Flags', cell: (pair) => pair.flags.map((f) => adviceFor(f.flag).label).join(', ') || '—' },
          ]}
        />
      )}
      {props.more?.load && (
        <button type="button" onClick={props.more.load}>
          Load more pairs
        </button>
      )}
    </section>
  );
}
