// The coordinator's "Cohorts" panel: pairing fit and "worth your time" per cohort
// (private: shown only over at least k pairs), and one line per cohort of the
// monthly response rate, so that prompt fatigue shows early
// (shared/metrics/README.md, "Cohorts"; SECURITY.md, "Cohort rates").
import { useMemo } from 'preact/hooks';
import type { Api } from '../api';
import type { CohortRow, Cohorts } from '../../../shared/contract';
import { hideBandEdges, PALETTE } from '../charts';
import { rateInterval, rateValue } from '../figures';
import { useRemote } from '../remote';
import { ChartFigure } from './ChartFigure';
import { DataTable } from './DataTable';
import { Loaded } from './States';

/** A private rate's words: the share with its interval and pairs, or why it is hidden. */
export function privateRateText(rate: CohortRow['fit'], k: number): string {
  if (rate.suppressed) return `hidden: fewer than ${k} pairs`;
  if (!rate.rate) return 'no answers yet';
  return `${rateValue(rate.rate)} (${rateInterval(rate.rate)}, ${rate.pairs} pairs)`;
}

const cohortName = (row: CohortRow) => (row.cohort === null ? 'All pairs' : row.cohort === '' ? '(no cohort)' : row.cohort);

export function CohortsPanel(props: { api: Api }) {
  const [remote, retry] = useRemote(() => props.api.cohorts(), [props.api]);
  return (
    <section class="card cohorts" aria-labelledby="cohorts-heading">
      <h2 id="cohorts-heading">Cohorts</h2>
      <Loaded remote={remote} what="the cohorts" retry={retry}>
        {(cohorts) => <CohortsBody cohorts={cohorts} />}
      </Loaded>
    </section>
  );
}

export function CohortsBody(props: { cohorts: Cohorts }) {
  const { cohorts } = props;
  const k = cohorts.programme.kAnonymity;
  const rows = [...cohorts.cohorts, cohorts.overall];
  return (
    <>
      <p class="muted">
        “Is this pairing working for you?” and “Is this pairing worth your time?” are private answers: a cohort’s share shows only over at least {k} pairs
        with answers, and counts the answers received before the start of this month.
      </p>
      <DataTable
        hiddenCaption="Cohorts"
        rows={rows}
        rowKey={(row) => row.cohort ?? '\u0000all'}
        columns={[
          { key: 'cohort', head: 'Cohort', cell: cohortName },
          { key: 'enrolled', head: 'Pairs enrolled', class: 'num', cell: (row) => row.pairsEnrolled },
          { key: 'fit', head: 'Pairing working', cell: (row) => privateRateText(row.fit, k) },
          { key: 'worthwhile', head: 'Worth their time', cell: (row) => privateRateText(row.worthwhile, k) },
        ]}
      />
      {/* Lines only for cohorts with a shown month: ended cohorts would add nothing but colours. */}
      <ResponseTrend rows={rows.filter((row) => row.responseRate.some((m) => m.rate !== null))} />
    </>
  );
}

function ResponseTrend(props: { rows: CohortRow[] }) {
  const months = props.rows[0]?.responseRate.map((m) => m.month) ?? [];
  const config = useMemo(() => ({
    type: 'line' as const,
    data: {
      labels: months,
      datasets: props.rows.map((row, i) => {
        const colour = PALETTE[i % PALETTE.length]!;
        return {
          type: 'line' as const, label: cohortName(row), borderColor: colour, backgroundColor: colour, borderWidth: row.cohort === null ? 3 : 2,
          pointRadius: 3, spanGaps: true, data: row.responseRate.map((m) => (m.rate ? Math.round(m.rate.value * 1000) / 10 : null)),
        };
      }),
    },
    options: {
      responsive: true, maintainAspectRatio: false, plugins: { legend: hideBandEdges },
      scales: { y: { min: 0, max: 100, ticks: { callback: (v: string | number) => `${v}%` } } },
    },
  }), [props.rows]);
  return (
    <ChartFigure
      title="Response rate by cohort and month"
      description="Pooled over the pairs whose own monthly rate is shown; a falling line is an early sign of prompt fatigue."
      config={config}
      table={{
        head: ['Cohort', 'Month', 'Rate', '95% interval and n', 'Pairs'],
        rows: props.rows.flatMap((row) => row.responseRate.map((m) => [cohortName(row), m.month, rateValue(m.rate ?? undefined), rateInterval(m.rate ?? undefined) || '—', m.pairs])),
      }}
    />
  );
}
