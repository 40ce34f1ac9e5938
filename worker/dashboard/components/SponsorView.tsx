// The sponsor's multi-year view of the mentoring culture, k-anonymised by the Worker.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { Culture } from '../../../shared/contract';
import { type Segmentation } from '../../../shared/vocabulary';
import { useRemote } from '../remote';
import { PALETTE } from '../charts';
import { ClosingAnswers } from './ClosingAnswers';
import { CsvDownload } from './CsvDownload';
import { KpiTile, RateTile } from './KpiTile';
import { NetworkGrowth } from './NetworkGrowth';
import { RateTrend } from './RateTrend';
import { SegmentTable } from './SegmentTable';
import { Empty, Loaded } from './States';
import { PeriodRangePicker, type PeriodRange } from './PeriodRangePicker';
import { YearOverYear } from './YearOverYear';
import { rateTakeaway } from '../takeaways';

const CULTURE_RATES = [
  ['mutualLearningRate', 'Mutual learning'],
  ['opennessRate', 'Openness'],
  ['depthRate', 'Depth'],
] as const;

export function SponsorView(props: { api: Api; coordinator?: boolean }) {
  const [range, setRange] = useState<PeriodRange | null>(null);
  const [period, setPeriod] = useState<'year' | 'quarter'>('year');
  const [by, setBy] = useState<Segmentation | ''>('');
  const query = { ...(range ? { fromPeriod: range.fromPeriod || undefined, toPeriod: range.toPeriod || undefined } : {}), period, by: by || undefined };
  const [remote, retry] = useRemote(() => props.api.culture(query), [JSON.stringify(query)]);
  return (
    <div class="view">
      <div class="toolbar">
        <PeriodRangePicker kind={period} value={range} onChange={setRange} openToo={props.coordinator ?? false} />
        <div class="selectors">
          <label>
            Period{' '}
            <select value={period} onChange={(e) => { setPeriod(e.currentTarget.value as 'year' | 'quarter'); setRange(null); }}>
              <option value="year">year</option>
              <option value="quarter">quarter</option>
            </select>
          </label>
          <label>
            Segment by{' '}
            <select value={by} onChange={(e) => setBy(e.currentTarget.value as Segmentation | '')}>
              <option value="">whole programme</option>
              <option value="function">function</option>
              <option value="region">region</option>
              <option value="generation">generation</option>
              <option value="cohort">cohort</option>
            </select>
          </label>
          <CsvDownload api={props.api} kind="periods" query={query} label="Download periods CSV" />
        </div>
      </div>
      <Loaded remote={remote} what="the culture figures" retry={retry}>
        {(culture) => <CultureBody culture={culture} />}
      </Loaded>
    </div>
  );
}

export function CultureBody(props: { culture: Culture }) {
  const { culture } = props;
  const k = culture.programme.kAnonymity;
  const shown = culture.periods.filter((p) => !p.suppressed);
  const labels = culture.periods.map((p) => p.period);
  const latest = shown[shown.length - 1];
  return (
    <>
      <p class="window-note">
        <strong>{culture.programme.name}</strong>: culture metrics per {culture.period}
        {culture.range ? `, ${culture.range.fromPeriod} to ${culture.range.toPeriod}` : ''}. {suppressedHelp(k)}
      </p>
      {culture.range?.includesOpenPeriod && (
        <p class="notice">{culture.range.toPeriod} has not ended yet: its figures will still change. Sponsors see completed periods only.</p>
      )}
      {culture.periods.length === 0 ? (
        <Empty>No periods in this window yet.</Empty>
      ) : (
        <>
          {shown.length < culture.periods.length && (
            <p class="notice">
              {hiddenPeriods(culture.periods.length - shown.length, culture.period, k)}
            </p>
          )}
          {latest && (
            <div class="tiles">
              <KpiTile label={`Active pairs ${latest.period}`} value={String(latest.pairsActive ?? '—')} detail={`${latest.participantsActive ?? '—'} people`} />
              <RateTile label={`Mutual learning ${latest.period}`} rate={latest.mutualLearningRate} />
              <RateTile
                label={`Retention ${latest.period}`}
                rate={latest.retention ?? null}
                hint={latest.previous && !latest.previous.suppressed
                  ? `people active in ${latest.previous.period} who were active again in ${latest.period}`
                  : latest.previous ? `withheld: ${latest.previous.period} is hidden` : 'no earlier period to compare with'}
              />
              <KpiTile
                label={`People connected ${latest.period}`}
                value={String(latest.network?.peopleConnected ?? '—')}
                detail={`largest group ${latest.network?.largestComponent ?? '—'}`}
                hint="everyone in a pair started so far; a group is people linked to one another through their pairs"
              />
            </div>
          )}
          <div class="grid">
            {CULTURE_RATES.map(([key, title], i) => (
              <RateTrend
                key={key}
                title={title}
                description={rateTakeaway(culture.periods, key, title)}
                labels={labels}
                rates={culture.periods.map((p) => (p.suppressed ? undefined : p[key] ?? undefined))}
                colour={PALETTE[[0, 2, 3][i]!]}
              />
            ))}
            <NetworkGrowth periods={culture.periods} />
          </div>
          <YearOverYear periods={culture.periods} period={culture.period} />
          <ClosingAnswers periods={culture.periods} k={k} />
          {culture.by && <SegmentTable by={culture.by} segments={culture.segments} periods={labels} k={k} />}
        </>
      )}
    </>
  );
}

/** What a hidden ("suppressed") cell means, in the sponsor's words. */
export function suppressedHelp(k: number): string {
  return `A hidden cell had fewer than ${k} active pairs, or was hidden as well so that the hidden one cannot be worked out `
    + 'by subtracting the shown cells from a total. It says nothing about the cell\'s size beyond that. Change and retention '
    + 'read "withheld" when the period before is hidden.';
}

export function hiddenPeriods(count: number, period: 'year' | 'quarter', k: number): string {
  const noun = count === 1 ? period : `${period}s`;
  const [verb, pronoun] = count === 1 ? ['is', 'it'] : ['are', 'each'];
  return `${count} ${noun} ${verb} hidden: ${pronoun} had fewer than ${k} active pairs, or hides with another hidden cell so that neither can be worked out.`;
}
