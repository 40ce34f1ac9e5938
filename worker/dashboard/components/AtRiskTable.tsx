// The coordinator's to-do list: at-risk pairs, lowest health first, each flag
// with the Worker's reason (with its figures) and a suggested next step.
import type { AtRiskPair } from '../../../shared/contract';
import { health, memberNames, STATUS_LABEL } from '../figures';
import { adviceFor } from '../flagAdvice';
import { Empty } from './States';
import { DataTable } from './DataTable';

export function AtRiskTable(props: { pairs: AtRiskPair[]; onOpen?: (pairId: string) => void }) {
  return (
    <section class="card" aria-labelledby="at-risk-heading">
      <h2 id="at-risk-heading">At-risk pairs ({props.pairs.length})</h2>
      {props.pairs.length === 0 ? (
        <Empty>No pair is at risk in this window.</Empty>
      ) : (
        <DataTable
          class="at-risk"
          rows={props.pairs}
          rowKey={(pair) => pair.id}
          rowData={(pair) => ({ 'data-pair-id': pair.id })}
          columns={[
            {
              key: 'pair',
              head: 'Pair',
              cell: (pair) => (
                <>
                  {props.onOpen ? (
                    <button type="button" class="link" onClick={() => props.onOpen?.(pair.id)}>
                      {memberNames(pair.members)}
                    </button>
                  ) : (
                    memberNames(pair.members)
                  )}
                  {pair.cohort && <span class="muted block">cohort {pair.cohort}</span>}
                </>
              ),
            },
            { key: 'health', head: 'Health', class: 'num', cell: (pair) => health(pair.health) },
            { key: 'why', head: 'Why', cell: (pair) => <ReasonList pair={pair} /> },
            { key: 'next', head: 'Suggested next step', cell: (pair) => <NextSteps pair={pair} /> },
          ]}
        />
      )}
    </section>
  );
}

function ReasonList(props: { pair: AtRiskPair }) {
  const { pair } = props;
  if (pair.flags.length === 0) {
    return <p class="reason">Health is below 50 (status: {STATUS_LABEL[pair.status]}).</p>;
  }
  return (
    <ul class="reasons">
      {pair.flags.map(({ flag, reason }) => (
        <li key={flag} data-flag={flag}>
          <span class={`flag flag-${flag}`}>{adviceFor(flag).label}</span> <span class="reason">{reason}</span>{' '}
          <span class="muted">{adviceFor(flag).meaning}</span>
        </li>
      ))}
    </ul>
  );
}

function NextSteps(props: { pair: AtRiskPair }) {
  if (props.pair.flags.length === 0) {
    return <p>Ask both people how the sessions are going and what would make them more useful.</p>;
  }
  return (
    <ul class="next-steps">
      {props.pair.flags.map(({ flag }) => (
        <li key={flag}>{adviceFor(flag).nextStep}</li>
      ))}
    </ul>
  );
}
