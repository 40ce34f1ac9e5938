import { afterEach, describe, expect, it } from 'vitest';
import { SegmentTable, cellText } from '../../worker/dashboard/components/SegmentTable';
import { CultureBody, suppressedHelp } from '../../worker/dashboard/components/SponsorView';
import { periodChoices } from '../../worker/dashboard/components/PeriodRangePicker';
import { culture } from './fixtures';
import { mount, text, type, unmountAll } from './render';

afterEach(unmountAll);

describe('period range picker', () => {
  const today = Date.parse('2026-04-05T00:00:00.000Z');
  it('offers a sponsor completed periods only, once late answers can no longer arrive', () => {
    expect(periodChoices('year', today, false).slice(0, 2)).toEqual(['2025', '2024']);
    // 2026-Q1 ended on 1 April: completed only from 9 April.
    expect(periodChoices('quarter', today, false)[0]).toBe('2025-Q4');
    expect(periodChoices('quarter', Date.parse('2026-04-09T00:00:00.000Z'), false)[0]).toBe('2026-Q1');
    expect(periodChoices('quarter', today, false)).toHaveLength(40);
  });
  it('offers a coordinator the open periods too', () => {
    expect(periodChoices('quarter', today, true).slice(0, 2)).toEqual(['2026-Q2', '2026-Q1']);
  });
  it('says what a hidden cell means', async () => {
    expect(suppressedHelp(5)).toMatch(/fewer than 5 active pairs, or was hidden as well so that the hidden one cannot be worked out/);
    const root = await mount(<CultureBody culture={culture()} />);
    expect(text(root.querySelector('.window-note'))).toContain('cannot be worked out by subtracting');
  });
});

describe('sponsor view', () => {
  it('shows a suppressed cell as "fewer than k pairs", never as a zero', async () => {
    const data = culture();
    const root = await mount(<SegmentTable by="region" segments={data.segments} periods={['2025', '2026']} k={5} />);
    const apac = [...root.querySelectorAll('tbody tr')].find((row) => text(row.querySelector('th')) === 'APAC')!;
    const cells = [...apac.querySelectorAll('td')].map(text);
    expect(cells).toEqual(['fewer than 5 pairs', 'fewer than 5 pairs']);
    expect(apac.querySelectorAll('td.suppressed')).toHaveLength(2);
    // Whichever figure is picked, the suppressed cell still says nothing about its size.
    await type(root.querySelector('select'), 'pairsActive');
    expect([...apac.querySelectorAll('td')].map(text)).toEqual(['fewer than 5 pairs', 'fewer than 5 pairs']);
    const emea = [...root.querySelectorAll('tbody tr')].find((row) => text(row.querySelector('th')) === 'EMEA')!;
    expect([...emea.querySelectorAll('td')].map(text)).toEqual(['12', '12']);
  });

  it('reads "Would do it again" per segment, hidden where the closing answers are', () => {
    const [shown, hidden] = [culture().periods[1]!, culture().periods[0]!];
    expect(cellText(shown, 'closingAgain', 5)).toBe('73% (95% CI 43–90%, n = 11)');
    expect(cellText(hidden, 'closingAgain', 5)).toBe('hidden: fewer than 5 pairs ended with an answer');
    expect(cellText({ period: '2026', suppressed: true }, 'closingAgain', 5)).toBe('fewer than 5 pairs');
  });

  it('uses the programme’s own k', () => {
    expect(cellText({ period: '2026', segment: 'APAC', suppressed: true }, 'mutualLearningRate', 7)).toBe('fewer than 7 pairs');
  });

  it('renders periods, year-over-year change with its interval, network growth and segments', async () => {
    const root = await mount(<CultureBody culture={culture()} />);
    expect(text(root.querySelector('#yoy-heading'))).toBe('Year over year');
    const yoyRows = [...root.querySelectorAll('#yoy-heading + .table-scroll tbody tr')];
    expect(yoyRows.map((r) => text(r.querySelector('th')))).toEqual(['2025', '2026']);
    expect(text(yoyRows[1])).toContain('change: +5 pts (95% CI −10 to +19)');
    expect(text(yoyRows[0])).toContain('change: not enough data');
    const titles = [...root.querySelectorAll('figcaption h3')].map(text);
    expect(titles).toEqual(['Mutual learning', 'Openness', 'Depth', 'Network growth']);
    // every chart has a table twin
    expect(root.querySelectorAll('figure details table')).toHaveLength(4);
    expect(text(root.querySelector('#segment-heading'))).toBe('By region');
  });

  it('shows the closing answers per period with their intervals, and a hidden period as hidden', async () => {
    const root = await mount(<CultureBody culture={culture()} />);
    expect(text(root.querySelector('#closing-heading'))).toBe('When pairs end');
    const tile = [...root.querySelectorAll('.kpi')].find((t) => text(t.querySelector('.kpi-label')) === 'Would do it again 2026');
    expect(text(tile?.querySelector('.kpi-value') ?? null)).toBe('73%');
    const rows = [...root.querySelectorAll('table.closing tbody tr')];
    expect(rows.map((r) => text(r.querySelector('th')))).toEqual(['2025', '2026']);
    expect(text(rows[0])).toContain('hidden: fewer than 5 pairs ended with an answer');
    expect(text(rows[1])).toContain('73% (95% CI 43–90%, n = 11)');
    expect(text(rows[1])).toContain('55% (95% CI 28–79%, n = 11)');
    expect([...root.querySelectorAll('table.closing thead th')].map(text)).toEqual([
      'Period', 'Pairs ended with an answer', 'Would do it again', 'More confident', 'New network', 'New skills', 'New perspective',
    ]);
  });

  it('says so when no period has closing answers to show', async () => {
    const data = culture();
    const root = await mount(<CultureBody culture={{ ...data, periods: data.periods.map((p) => (p.suppressed ? p : { ...p, closing: { suppressed: true } })) }} />);
    expect(text(root.querySelector('#closing-heading')?.parentElement ?? null)).toContain('No period has enough closing answers to show yet.');
    expect(root.querySelector('table.closing')).toBeNull();
  });

  it('hides suppressed whole-programme periods and says how many', async () => {
    const data = culture({ by: null, segments: [], periods: [{ period: '2024', suppressed: true }, ...culture().periods] });
    const root = await mount(<CultureBody culture={data} />);
    expect(text(root.querySelector('.notice'))).toBe('1 year is hidden: it had fewer than 5 active pairs, or hides with another hidden cell so that neither can be worked out.');
    expect(root.querySelector('#segment-heading')).toBeNull();
  });

  it('shows no empty network chart when every period is hidden', async () => {
    const hidden = culture({ by: null, segments: [], period: 'quarter', periods: [{ period: '2026-Q1', suppressed: true }, { period: '2026-Q2', suppressed: true }] });
    const root = await mount(<CultureBody culture={hidden} />);
    expect(text(root.querySelector('.notice'))).toBe('2 quarters are hidden: each had fewer than 5 active pairs, or hides with another hidden cell so that neither can be worked out.');
    expect(root.querySelectorAll('canvas')).toHaveLength(0);
    expect(text(root)).toContain('Not enough data: every period has fewer active pairs');
  });
});
