// The coordinator's health dashboard: one GET /dashboard feeds every card.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Api, WindowQuery } from '../api';
import type { Dashboard } from '../../../shared/contract';
import { useRemote } from '../remote';
import { dayOf, lastDayBefore } from '../figures';
import { PALETTE } from '../charts';
import { AtRiskTable } from './AtRiskTable';
import { CohortsPanel } from './CohortsPanel';
import { CsvDownload } from './CsvDownload';
import { HealthHistogram } from './HealthHistogram';
import { KpiTiles } from './KpiTiles';
import { PairDrillDown } from './PairDrillDown';
import { PairsTable } from './PairsTable';
import { RateTrend } from './RateTrend';
import { Empty, Loaded } from './States';
import { StatusFlagCounts } from './StatusFlagCounts';
import { TopicMix } from './TopicMix';
import { WindowPicker, windowQuery, type WindowDays } from './WindowPicker';

export function CoordinatorView(props: { api: Api }) {
  const [days, setDays] = useState<WindowDays>({ from: '', to: '', asOf: '' });
  const [openPair, setOpenPair] = useState<string | null>(null);
  const query = windowQuery(days);
  const [remote, retry] = useRemote(() => props.api.dashboard(query), [JSON.stringify(query)]);
  return (
    <div class="view">
      <div class="toolbar">
        <WindowPicker
          value={days}
          onChange={setDays}
          minDays={28}
          maxDays={366}
          hint="Whole days (UTC), from 28 days to a year. Default: the 90 days before today. Pair numbers read “not enough answers yet” until each member has answered enough in the window."
        />
        <CsvDownload api={props.api} kind="pairs" query={{ ...query }} label="Download pairs CSV" />
      </div>
      <Loaded remote={remote} what="the dashboard" retry={retry}>
        {(dashboard) => (
          <DashboardBody
            key={JSON.stringify(query)}
            dashboard={dashboard}
            api={props.api}
            query={query}
            onOpen={setOpenPair}
            drillDown={openPair && <PairDrillDown api={props.api} pairId={openPair} query={query} onClose={() => setOpenPair(null)} />}
          />
        )}
      </Loaded>
      <CohortsPanel api={props.api} />
    </div>
  );
}

/** The dashboard's first page of pairs plus every page loaded after it. */
function usePairPages(api: Api, query: WindowQuery, dashboard: Dashboard) {
  const [pages, setPages] = useState<{ pairs: Dashboard['pairs']; cursor: string | null }>({ pairs: [], cursor: null });
  const cursor = pages.cursor ?? dashboard.pairsPage.nextCursor ?? null;
  const load = cursor === null ? null : () => {
    const next: WindowQuery & { cursor: string } = { ...query, cursor };
    void api.dashboard(next).then((page) => setPages((p) => ({ pairs: [...p.pairs, ...page.pairs], cursor: page.pairsPage.nextCursor })));
  };
  const exhausted = pages.cursor === null && pages.pairs.length > 0;
  return { pairs: [...dashboard.pairs, ...pages.pairs], more: { total: dashboard.pairsPage.total, load: exhausted ? null : load } };
}

export function DashboardBody(props: { dashboard: Dashboard; onOpen: (pairId: string) => void; drillDown?: ComponentChildren; api?: Api; query?: WindowQuery }) {
  const { summary, months, window, atRisk, programme } = props.dashboard;
  const paged = usePairPages(props.api ?? ({ dashboard: async () => props.dashboard } as unknown as Api), props.query ?? {}, props.dashboard);
  const labels = months.map((m) => m.month);
  return (
    <>
      <p class="window-note">
        <strong>{programme.name}</strong>: sessions from {dayOf(window.from)} through {lastDayBefore(window.to)}, as of the start of {dayOf(window.asOf)}.
      </p>
      {summary.pairsEnrolled === 0 ? (
        <Empty>No pairs are enrolled in this window. Import participants and pairs under “Set-up”.</Empty>
      ) : (
        <>
          <KpiTiles summary={summary} />
          <AtRiskTable pairs={atRisk} onOpen={props.onOpen} />
          {props.drillDown}
          <div class="grid">
            <HealthHistogram health={summary.health} />
            <StatusFlagCounts statusCounts={summary.statusCounts} flagCounts={summary.flagCounts} />
            <RateTrend title="Mutual learning by month" series="Mutual learning" labels={labels} rates={months.map((m) => m.mutualLearningRate)} colour={PALETTE[0]} />
            <RateTrend title="Openness by month" series="Openness" labels={labels} rates={months.map((m) => m.opennessRate)} colour={PALETTE[2]} />
            <RateTrend title="Depth by month" series="Depth" labels={labels} rates={months.map((m) => m.depthRate)} colour={PALETTE[3]} />
            <RateTrend title="Response rate by month" series="Response rate" labels={labels} rates={months.map((m) => m.responseRate)} colour={PALETTE[1]} />
            <TopicMix topicCounts={summary.topicCounts} />
          </div>
          <PairsTable pairs={paged.pairs} onOpen={props.onOpen} more={paged.more} />
        </>
      )}
    </>
  );
}
