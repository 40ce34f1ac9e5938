import { describe, expect, it } from 'vitest';
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
