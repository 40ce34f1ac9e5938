// One line under a culture chart that says what it shows, only as far as the
// 95% interval supports it: a rise or fall is named only when the change's
// interval (Newcombe's, from the Worker) excludes zero.
import type { CulturePeriod } from '../../shared/contract';

type ShownPeriod = Extract<CulturePeriod, { suppressed: false }>;
const isShown = (p: CulturePeriod): p is ShownPeriod => !p.suppressed;

type RateKey = 'mutualLearningRate' | 'opennessRate' | 'depthRate';

const points = (x: number) => Math.abs(Math.round(x * 100));

/** The latest shown period against the one before it, or nothing when there is no such pair of periods. */
export function rateTakeaway(periods: CulturePeriod[], key: RateKey, label: string): string | undefined {
  const latest = periods.filter(isShown).at(-1);
  const change = latest?.change?.[key];
  const before = latest?.previous;
  if (!latest || !change || !before || before.suppressed) return undefined;
  const span = `from ${before.period} to ${latest.period}`;
  if (change.low > 0) return `${label} rose ${span}, by about ${points(change.value)} points (95% CI +${points(change.low)} to +${points(change.high)}).`;
  if (change.high < 0) return `${label} fell ${span}, by about ${points(change.value)} points (95% CI −${points(change.high)} to −${points(change.low)}).`;
  return `No clear change in ${label.toLowerCase()} ${span}: the 95% interval of the change includes zero.`;
}

/** How far mentoring has spread by the latest shown period; counts, so no interval is needed. */
export function networkTakeaway(periods: CulturePeriod[]): string | undefined {
  const shown = periods.filter(isShown);
  const latest = shown.at(-1);
  if (!latest) return undefined;
  const first = shown[0]!;
  const growth = shown.length > 1 ? `, from ${first.network.peopleConnected} at the end of ${first.period}` : '';
  return `By the end of ${latest.period}, ${latest.network.peopleConnected} people were linked through mentoring pairs${growth}.`;
}
