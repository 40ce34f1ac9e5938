// One headline number with its n and 95% interval, or "not enough data".
import type { Rate } from '../../../shared/contract';
import { NOT_ENOUGH_DATA, rateInterval, rateValue } from '../figures';

export function KpiTile(props: { label: string; value: string; detail: string; hint?: string }) {
  const missing = props.value === NOT_ENOUGH_DATA;
  return (
    <div class={missing ? 'card kpi missing' : 'card kpi'}>
      <h3 class="kpi-label">{props.label}</h3>
      <p class="kpi-value">{props.value}</p>
      <p class="kpi-detail">{props.detail}</p>
      {props.hint && <p class="kpi-hint muted">{props.hint}</p>}
    </div>
  );
}

export function RateTile(props: { label: string; rate: Rate | undefined; hint?: string; unit?: string }) {
  const detail = props.rate ? `${rateInterval(props.rate)}${props.unit ? ` ${props.unit}` : ''}` : 'n = 0';
  return <KpiTile label={props.label} value={rateValue(props.rate)} detail={detail} hint={props.hint} />;
}
