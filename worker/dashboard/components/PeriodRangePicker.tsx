// The culture range: whole periods only, and only completed ones for a sponsor
// (README, "Culture query"). A coordinator may also pick the period running today.
import { isCompleted, periodAt, type Period, type PeriodKind } from '../../../shared/metrics';

export interface PeriodRange {
  fromPeriod: string;
  toPeriod: string;
}

/** At most ten years of periods a request (the Worker refuses more). */
const MAX_PERIODS: Record<PeriodKind, number> = { year: 10, quarter: 40 };

/** The periods one may ask for as of today, newest first: completed ones, and for a coordinator the open ones too. */
export function periodChoices(kind: PeriodKind, today: number, openToo: boolean): string[] {
  const choices: string[] = [];
  for (let p: Period = periodAt(kind, today - 1); choices.length < MAX_PERIODS[kind]; p = periodAt(kind, p.start - 1)) {
    if (openToo || isCompleted(p, today)) choices.push(p.key);
  }
  return choices;
}

export function PeriodRangePicker(props: {
  kind: PeriodKind; value: PeriodRange | null; onChange: (range: PeriodRange | null) => void; openToo: boolean; today?: number;
}) {
  const choices = periodChoices(props.kind, props.today ?? Date.now(), props.openToo);
  const value = props.value ?? { fromPeriod: '', toPeriod: '' };
  const set = (field: keyof PeriodRange, label: string) => {
    const next = { ...value, [field]: label };
    props.onChange(next.fromPeriod || next.toPeriod ? next : null);
  };
  const select = (field: keyof PeriodRange, label: string) => (
    <label>
      {label}{' '}
      <select value={value[field]} onChange={(e) => set(field, e.currentTarget.value)}>
        <option value="">default</option>
        {choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </label>
  );
  return (
    <div class="period-range">
      {select('fromPeriod', 'From')}
      {select('toPeriod', 'to')}
      <p class="muted">
        Whole {props.kind}s that have ended; a {props.kind} counts once late answers can no longer arrive, 8 days after it ends.
        {props.openToo ? ` As coordinator you may also include the ${props.kind} running today.` : ''} Default: the latest
        completed {props.kind}s, from 1 January two years before.
      </p>
    </div>
  );
}
