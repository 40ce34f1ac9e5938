import { describe, expect, it } from 'vitest';
import type { CulturePeriod } from '../../shared/contract';
import { changeText, dayAfter, rateInterval, rateText, rateValue, wilson } from '../../worker/dashboard/figures';
import { windowQuery } from '../../worker/dashboard/components/WindowPicker';

describe('how figures read', () => {
  it('says "not enough data" for a null rate instead of a number', () => {
    expect(rateValue(null)).toBe('not enough data');
    expect(rateText(null)).toBe('not enough data');
    expect(rateInterval(null)).toBe('');
    expect(changeText(null)).toBe('not enough data');
  });

  it('gives every rate its n and 95% interval', () => {
    expect(rateText({ value: 0.625, n: 40, low: 0.47, high: 0.76 })).toBe('63% (95% CI 47–76%, n = 40)');
  });

  it('signs a change in percentage points', () => {
    expect(changeText({ value: 0.05, low: -0.1, high: 0.19 })).toBe('+5 pts (95% CI −10 to +19)');
  });

  it('computes the Wilson interval of the metrics README (8 of 10 → 0.490–0.943)', () => {
    const r = wilson(8, 10);
    expect(r?.value).toBe(0.8);
    expect(r?.low).toBeCloseTo(0.4902, 3);
    expect(r?.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toBeNull();
  });

  it('turns picked days into the API window: whole days, the last day is included, as-of is the end of its day (the next midnight)', () => {
    expect(windowQuery({ from: '2026-01-01', to: '2026-01-31', asOf: '2026-02-01' }, '2026-03-01')).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      asOf: '2026-02-02T00:00:00.000Z',
    });
    // Today is not over yet: the Worker's default (the start of today) is used.
    expect(windowQuery({ from: '', to: '', asOf: '2026-03-01' }, '2026-03-01').asOf).toBeUndefined();
    expect(windowQuery({ from: '', to: '', asOf: '' })).toEqual({ from: undefined, to: undefined, asOf: undefined });
    expect(dayAfter('2026-12-31')).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('counts and chart labels', () => {
  it('puts a count with the right form of its noun', async () => {
    const { counted } = await import('../../worker/dashboard/figures');
    expect(counted(1, 'session')).toBe('1 session');
    expect(counted(0, 'session')).toBe('0 sessions');
    expect(counted(3, 'person', 'people')).toBe('3 people');
  });

  it('breaks a long axis label into lines without losing a word', async () => {
    const { wrapLabel } = await import('../../worker/dashboard/charts');
    expect(wrapLabel('Tools')).toBe('Tools');
    expect(wrapLabel('Culture & perspectives')).toEqual(['Culture &', 'perspectives']);
    const lines = wrapLabel('Flag: Leans on the mentor as a helpline');
    expect(Array.isArray(lines) && lines.every((line) => line.length <= 14 || !line.includes(' '))).toBe(true);
    expect((lines as string[]).join(' ')).toBe('Flag: Leans on the mentor as a helpline');
  });
});

describe('culture takeaways', () => {
  const rate = (value: number) => ({ value, n: 200, low: value - 0.05, high: value + 0.05 });
  const period = (label: string, change: { value: number; low: number; high: number } | null, previous: { period: string; suppressed: boolean } | null): CulturePeriod => ({
    period: label,
    suppressed: false,
    pairsActive: 12,
    participantsActive: 24,
    newPairs: 4,
    healthMean: 70,
    crossBoundary: { function: 3, region: 2, generation: 8 },
    roleFlips: 1,
    retention: null,
    mutualLearningRate: rate(0.6),
    opennessRate: rate(0.7),
    depthRate: rate(0.5),
    network: { peopleConnected: label === '2025' ? 40 : 24, largestComponent: 6, components: 9 },
    previous,
    change: { mutualLearningRate: change, opennessRate: change, depthRate: change },
    closing: { suppressed: true },
  });

  it('names a rise or a fall only when the interval of the change excludes zero', async () => {
    const { rateTakeaway } = await import('../../worker/dashboard/takeaways');
    const rise = [period('2024', null, null), period('2025', { value: 0.12, low: 0.04, high: 0.2 }, { period: '2024', suppressed: false })];
    expect(rateTakeaway(rise, 'mutualLearningRate', 'Mutual learning')).toBe('Mutual learning rose from 2024 to 2025, by about 12 points (95% CI +4 to +20).');
    const fall = [period('2024', null, null), period('2025', { value: -0.1, low: -0.18, high: -0.02 }, { period: '2024', suppressed: false })];
    expect(rateTakeaway(fall, 'opennessRate', 'Openness')).toMatch(/^Openness fell from 2024 to 2025, by about 10 points \(95% CI −2 to −18\)/);
    const unclear = [period('2024', null, null), period('2025', { value: 0.05, low: -0.03, high: 0.13 }, { period: '2024', suppressed: false })];
    expect(rateTakeaway(unclear, 'depthRate', 'Depth')).toBe('No clear change in depth from 2024 to 2025: the 95% interval of the change includes zero.');
  });

  it('says nothing when there is no earlier period, or it is hidden', async () => {
    const { rateTakeaway, networkTakeaway } = await import('../../worker/dashboard/takeaways');
    expect(rateTakeaway([period('2025', null, null)], 'mutualLearningRate', 'Mutual learning')).toBeUndefined();
    expect(rateTakeaway([period('2025', null, { period: '2024', suppressed: true })], 'mutualLearningRate', 'Mutual learning')).toBeUndefined();
    expect(networkTakeaway([period('2024', null, null), period('2025', null, null)])).toBe('By the end of 2025, 40 people were linked through mentoring pairs, from 24 at the end of 2024.');
  });

  it('never writes a signed zero for a change that rounds to nothing', () => {
    expect(changeText({ value: -0.003, low: -0.08, high: 0.004 })).toBe('0 pts (95% CI −8 to 0)');
  });
});
