// The closing answers of the pairs that ended in each period: "Would you do
// this again?" and "What changed for you?". The Worker hides a period's closing
// answers under k ended pairs with an answer, and wherever its cell is hidden.
import type { CulturePeriod, Rate } from '../../../shared/contract';
import { CLOSING_CHANGE_LABELS, CLOSING_CHANGES } from '../../../shared/vocabulary';
import { rateText } from '../figures';
import { DataTable } from './DataTable';
import { RateTile } from './KpiTile';
import { Empty } from './States';

type ShownClosing = Extract<Extract<CulturePeriod, { suppressed: false }>['closing'], { suppressed: false }>;

/** A period's closing answers, if they are shown. */
export function shownClosing(cell: CulturePeriod): ShownClosing | null {
  return !cell.suppressed && !cell.closing.suppressed ? cell.closing : null;
}

export function closingHiddenText(k: number): string {
  return `hidden: fewer than ${k} pairs ended with an answer`;
}

export function ClosingAnswers(props: { periods: CulturePeriod[]; k: number }) {
  const shown = props.periods.filter((p) => shownClosing(p) !== null);
  const latest = shown[shown.length - 1];
  const latestClosing = latest ? shownClosing(latest) : null;
  const rateOf = (cell: CulturePeriod, pick: (c: ShownClosing) => Rate | null) => {
    const closing = shownClosing(cell);
    return closing ? rateText(pick(closing) ?? undefined) : closingHiddenText(props.k);
  };
  return (
    <section class="card" aria-labelledby="closing-heading">
      <h2 id="closing-heading">When pairs end</h2>
      <p class="muted">
        The closing answers of the pairs that ended in each period: whether they would do it again, and what changed for them (each
        answer may name several). Shown once at least {props.k} ended pairs answered, and hidden with a hidden period or where a
        hidden one could otherwise be worked out.
      </p>
      {latest && latestClosing && (
        <div class="tiles">
          <RateTile label={`Would do it again ${latest.period}`} rate={latestClosing.again ?? undefined} hint={`${latestClosing.pairs} pairs ended with an answer`} />
        </div>
      )}
      {shown.length === 0 ? (
        <Empty>No period has enough closing answers to show yet.</Empty>
      ) : (
        <DataTable
          class="closing"
          rows={props.periods}
          rowKey={(p) => p.period}
          columns={[
            { key: 'period', head: 'Period', cell: (p) => p.period },
            { key: 'pairs', head: 'Pairs ended with an answer', cell: (p) => String(shownClosing(p)?.pairs ?? '—') },
            { key: 'again', head: 'Would do it again', cell: (p) => rateOf(p, (c) => c.again) },
            ...CLOSING_CHANGES.map((chip) => ({ key: chip, head: CLOSING_CHANGE_LABELS[chip], cell: (p: CulturePeriod) => rateOf(p, (c) => c.changed[chip]) })),
          ]}
        />
      )}
    </section>
  );
}
