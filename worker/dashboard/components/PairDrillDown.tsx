// One pair over time: its scores, flags, monthly series and session timeline.
// Pair-level numbers only; nobody's individual answers ever reach the page.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Api, WindowQuery } from '../api';
import type { PairDetail } from '../../../shared/contract';
import { useRemote } from '../remote';
import { dayOf, health, memberNames, NOT_ENOUGH_ANSWERS, NOT_ENOUGH_ANSWERS_HELP, pairScore, percent, STATUS_LABEL, valueOnScale } from '../figures';
import { adviceFor } from '../flagAdvice';
import { PALETTE } from '../charts';
import { ChartFigure } from './ChartFigure';
import { Empty, Loaded } from './States';

/** Each pair number, how it reads, and what it means (shared/metrics/README.md, "Pair metrics"). */
const METRICS: Array<[keyof PairDetail['pair']['metrics'], string, (value: number) => string, string]> = [
  ['responseRate', 'Response rate', percent, 'answers given, out of two per session (one from each of them)'],
  ['value', 'Value', valueOnScale, 'how valuable they found their sessions, on the 1–5 scale they answer'],
  ['agreement', 'Agreement', percent, 'how close their two value ratings are: 100% when they rate sessions alike'],
  ['reciprocity', 'Reciprocity', percent, 'whether both learn from each other: 100% when each says so equally often'],
  ['mutualLearning', 'Mutual learning', percent, 'sessions in which both said they learned something'],
  ['openness', 'Openness', percent, 'answers saying “I could speak openly”'],
  ['autonomy', 'Autonomy', percent, 'from “did it for me” (0%) through “showed me” to “I can now do it” (100%)'],
  ['depth', 'Depth', percent, 'sessions whose topics went beyond tools'],
  ['cadence', 'Cadence', percent, 'sessions held, against one every agreed interval while the pair was active'],
];

export function PairDrillDown(props: { api: Api; pairId: string; query: WindowQuery; onClose: () => void }) {
  const [remote, retry] = useRemote(() => props.api.pair(props.pairId, props.query), [props.pairId, JSON.stringify(props.query)]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.pairId]);
  return (
    <section class="card drill-down" aria-labelledby="drill-heading">
      <div class="card-head">
        <h2 id="drill-heading" tabIndex={-1} ref={heading}>
          Pair details
        </h2>
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
      <Loaded remote={remote} what="the pair" retry={retry}>
        {(detail) => <PairDetailBody detail={detail} />}
      </Loaded>
    </section>
  );
}

export function PairDetailBody(props: { detail: PairDetail }) {
  const { pair, months, sessions } = props.detail;
  const mentor = pair.members.find((m) => m.id === pair.mentorId);
  return (
    <div class="pair-detail">
      <p class="pair-title">
        <strong>{memberNames(pair.members)}</strong> · <span class={`status status-${pair.status}`}>{STATUS_LABEL[pair.status]}</span> · health{' '}
        {pair.withheld?.health ? <span title={pair.withheld.health}>{NOT_ENOUGH_ANSWERS}</span> : health(pair.health)}
      </p>
      <p class="muted">
        {pair.cohort ? `Cohort ${pair.cohort} · ` : ''}since {pair.startsOn}
        {pair.endsOn ? ` until ${pair.endsOn}` : ''} · meets every {pair.cadenceDays} days ·{' '}
        {mentor ? `${mentor.displayName} mentors` : 'peer pair (no set mentor)'}
      </p>
      {pair.flags.length > 0 && (
        <ul class="reasons">
          {pair.flags.map(({ flag, reason }) => (
            <li key={flag}>
              <span class={`flag flag-${flag}`}>{adviceFor(flag).label}</span> {reason} <em>Next step:</em> {adviceFor(flag).nextStep}
            </li>
          ))}
        </ul>
      )}
      {pair.tipsShown.length > 0 && (
        <ul class="tips-shown" aria-label="Tips shown to the pair">
          {pair.tipsShown.map((t) => (
            <li key={t.flag}>
              Tip shown to the pair: {adviceFor(t.flag).label.toLowerCase()}, first on {t.firstShownOn}
              {t.lastShownOn !== t.firstShownOn ? `, last on ${t.lastShownOn}` : ''}
            </li>
          ))}
        </ul>
      )}
      <dl class="metric-list">
        <div>
          <dt>Sessions held</dt>
          <dd title={pair.withheld?.held}>{pair.withheld?.held ? NOT_ENOUGH_ANSWERS : pair.metrics.held ?? '—'}</dd>
        </div>
        {METRICS.map(([key, label, format, meaning]) => {
          const [value, withheld] = [pair.metrics[key], pair.withheld?.[key]];
          return (
            <div key={key}>
              <dt>{label}</dt>
              <dd title={withheld}>{pairScore(value, withheld, format)}</dd>
              <dd class="metric-meaning">{meaning}{pair.n[key] !== undefined ? ` (n = ${pair.n[key]})` : ''}</dd>
            </div>
          );
        })}
      </dl>
      {pair.withheld && Object.keys(pair.withheld).length > 0 && <p class="muted small help-not-enough">{NOT_ENOUGH_ANSWERS_HELP}</p>}
      <PairMonths months={months} />
      <h3>Sessions</h3>
      {sessions.length === 0 ? (
        <Empty>No sessions recorded in this window.</Empty>
      ) : (
        <ol class="timeline" aria-label="Session timeline, oldest first">
          {sessions.map((s) => (
            <li key={s.start} class={`session session-${s.status}`}>
              <span class="dot" aria-hidden="true" />
              <time dateTime={s.start}>{dayOf(s.start)}</time>{' '}
              {s.status === null ? 'held or missed: not enough answers yet' : s.status === 'unknown' ? 'no answer yet' : s.status}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function PairMonths(props: { months: PairDetail['months'] }) {
  const { months } = props;
  const config = useMemo(
    () => ({
      type: 'line' as const,
      data: {
        labels: months.map((m) => m.month),
        datasets: [
          { label: 'Health (0–100)', data: months.map((m) => m.health), borderColor: PALETTE[0], backgroundColor: PALETTE[0], spanGaps: true },
          {
            label: 'Reciprocity (%)',
            data: months.map((m) => (m.reciprocity === null ? null : Math.round(m.reciprocity * 100))),
            borderColor: PALETTE[2],
            backgroundColor: PALETTE[2],
            // A month without enough answers is a gap in the data, not a reason to break the line.
            spanGaps: true,
          },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
    }),
    [months],
  );
  if (months.length === 0) return <Empty>No monthly figures in this window.</Empty>;
  return (
    <ChartFigure
      title="Month by month"
      config={config}
      table={{
        head: ['Month', 'Held', 'Missed', 'Health', 'Value', 'Reciprocity', 'Autonomy', 'Openness', 'Response rate'],
        rows: months.map((m) => [
          m.month,
          m.held ?? NOT_ENOUGH_ANSWERS,
          m.missed ?? NOT_ENOUGH_ANSWERS,
          m.withheld?.health ? NOT_ENOUGH_ANSWERS : health(m.health),
          pairScore(m.value, m.withheld?.value, valueOnScale),
          pairScore(m.reciprocity, m.withheld?.reciprocity),
          pairScore(m.autonomy, m.withheld?.autonomy),
          pairScore(m.openness, m.withheld?.openness),
          pairScore(m.responseRate, m.withheld?.responseRate),
        ]),
      }}
    />
  );
}
