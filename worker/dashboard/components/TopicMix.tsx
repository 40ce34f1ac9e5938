// What sessions were about: tools alone is the "tutoring, not mentoring" warning sign.
import { useMemo } from 'preact/hooks';
import type { ProgrammeMetrics } from '../../../shared/contract';
import { TOPICS as TOPIC_NAMES } from '../../../shared/vocabulary';
import { PALETTE, countBarOptions, wrapLabel } from '../charts';
import { TOPIC_LABEL } from '../figures';
import { ChartFigure } from './ChartFigure';
import { EmptyChartCard } from './States';

export function TopicMix(props: { topicCounts: ProgrammeMetrics['topicCounts'] }) {
  const labels = TOPIC_NAMES.map((t) => TOPIC_LABEL[t] ?? t);
  const counts = TOPIC_NAMES.map((t) => props.topicCounts[t] ?? 0);
  const config = useMemo(
    () => ({
      type: 'bar' as const,
      data: { labels: labels.map((label) => wrapLabel(label)), datasets: [{ label: 'Mentions', data: counts, backgroundColor: TOPIC_NAMES.map((t) => (t === 'tools' ? PALETTE[1] : PALETTE[0])) }] },
      options: countBarOptions,
    }),
    [counts.join(',')],
  );
  if (counts.every((c) => c === 0)) {
    return (
      <EmptyChartCard title="Topic mix">Not enough data: nobody has picked topics in this window.</EmptyChartCard>
    );
  }
  return (
    <ChartFigure
      title="Topic mix"
      description="How often each topic was picked after a session."
      config={config}
      table={{ head: ['Topic', 'Mentions'], rows: labels.map((label, i) => [label, counts[i] ?? 0]) }}
    />
  );
}
