// The coordinator's headline row (shared/metrics/README.md, "Programme metrics").
import type { ProgrammeMetrics } from '../../../shared/contract';
import { counted, NOT_ENOUGH_DATA, wilson } from '../figures';
import { KpiTile, RateTile } from './KpiTile';

export function KpiTiles(props: { summary: ProgrammeMetrics }) {
  const s = props.summary;
  const active = wilson(s.pairsActive, s.pairsEnrolled);
  const h = s.health;
  const healthInterval = h.low != null && h.high != null ? `95% CI ${Math.round(h.low)}–${Math.round(h.high)}, ` : '';
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" class="visually-hidden">
        Headline figures
      </h2>
      <div class="tiles">
        <KpiTile
          label="Active pairs"
          value={String(s.pairsActive)}
          detail={
            active
              ? `of ${s.pairsEnrolled} enrolled (${Math.round(active.value * 100)}%, 95% CI ${Math.round(active.low * 100)}–${Math.round(active.high * 100)}%)`
              : 'no pairs enrolled in this window'
          }
          hint={`${counted(s.participantsActive, 'person', 'people')} active; ${counted(s.sessionsHeld, 'session')} held, ${s.sessionsMissed} missed`}
        />
        <RateTile label="Response rate" rate={s.responseRate} hint="answers per person per session" />
        <KpiTile
          label="Mean health"
          value={h.mean === null ? NOT_ENOUGH_DATA : String(Math.round(h.mean))}
          detail={h.mean === null ? 'n = 0 pairs' : `${healthInterval}median ${h.median === null ? '—' : Math.round(h.median)}, n = ${h.n} pairs`}
          hint="0–100 per pair"
        />
        <RateTile label="Mutual learning" rate={s.mutualLearningRate} hint="sessions where both learned something" />
        <RateTile label="Two-way pairs" rate={s.bidirectionalPairShare} hint="pairs with reciprocity ≥ 0.5" />
        <RateTile label="Openness" rate={s.opennessRate} hint="answers saying “I could speak openly”" />
        <RateTile label="Depth" rate={s.depthRate} hint="sessions on more than tools" />
      </div>
    </section>
  );
}
