import { describe, expect, it } from 'vitest';
import { cultureRange, dashboardWindow } from '../../../worker/analytics/window';
import { ApiError } from '../../../worker/domain/errors';

const now = new Date('2026-05-20T08:00:00.000Z');
const ms = (iso: string) => Date.parse(iso);

describe('dashboardWindow', () => {
  const today = ms('2026-05-20T00:00:00.000Z');
  it('defaults to the 90 whole days before the start of today', () => {
    expect(dashboardWindow({}, now)).toEqual({ from: today - 90 * 86_400_000, to: today, asOf: today });
  });
  it('ends at asOf, and counts the 90 days back from `to`', () => {
    const w = dashboardWindow({ asOf: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' }, now);
    expect(w.to).toBe(ms('2026-01-01T00:00:00.000Z'));
    expect(w.from).toBe(w.to - 90 * 86_400_000);
  });
  it('refuses an empty or reversed window, one over a year, and one under 28 days', () => {
    expect(() => dashboardWindow({ from: '2026-05-20T00:00:00.000Z' }, now)).toThrow(ApiError);
    expect(() => dashboardWindow({ from: '2026-02-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }, now)).toThrow(ApiError);
    expect(() => dashboardWindow({ from: '2025-05-18T00:00:00.000Z' }, now)).toThrow(/at most 366/);
    expect(() => dashboardWindow({ from: '2026-04-23T00:00:00.000Z' }, now)).toThrow(/at least 28/);
    expect(dashboardWindow({ from: '2026-04-22T00:00:00.000Z' }, now).from).toBe(ms('2026-04-22T00:00:00.000Z'));
  });
  it('refuses instants that are not midnight UTC', () => {
    expect(() => dashboardWindow({ asOf: '2026-05-01T00:00:00.001Z' }, now)).toThrow(/whole UTC day/);
    expect(() => dashboardWindow({ from: '2026-01-01T12:00:00.000Z' }, now)).toThrow(/whole UTC day/);
  });
});

describe('cultureRange', () => {
  const day = (text: string) => ms(`${text}T00:00:00.000Z`);
  it('defaults to the completed periods since 1 January two years before the latest one', () => {
    expect(cultureRange({ asOf: day('2026-05-04') }, 'sponsor', now)).toEqual({
      period: 'year', by: null, from: day('2023-01-01'), to: day('2026-01-01'), asOf: day('2026-05-04'),
    });
    // A quarter counts as completed 8 days after it ends, once late answers can no longer arrive.
    expect(cultureRange({ asOf: day('2026-04-08'), period: 'quarter' }, 'sponsor', now).to).toBe(day('2026-01-01'));
    expect(cultureRange({ asOf: day('2026-04-09'), period: 'quarter' }, 'sponsor', now).to).toBe(day('2026-04-01'));
  });
  it('takes period labels, or from/to on period boundaries', () => {
    const byLabel = cultureRange({ period: 'quarter', fromPeriod: '2024-Q3', toPeriod: '2025-Q2' }, 'sponsor', now);
    expect([byLabel.from, byLabel.to]).toEqual([day('2024-07-01'), day('2025-07-01')]);
    const byDays = cultureRange({ period: 'quarter', from: day('2024-07-01'), to: day('2025-07-01') }, 'sponsor', now);
    expect(byDays).toEqual(byLabel);
  });
  it('refuses anything else with a message that says what is accepted', () => {
    const refused = (query: Parameters<typeof cultureRange>[0], viewer: 'sponsor' | 'coordinator' = 'sponsor') => {
      try { cultureRange(query, viewer, now); } catch (e) { return (e as ApiError).message; }
      throw new Error('accepted');
    };
    expect(refused({ from: day('2024-02-01') })).toMatch(/first day of a year/);
    expect(refused({ period: 'quarter', to: day('2024-05-01') })).toMatch(/day after the last day of a quarter/);
    expect(refused({ period: 'quarter', toPeriod: '2024' })).toMatch(/quarter such as 2024-Q3/);
    expect(refused({ fromPeriod: '2025', toPeriod: '2024' })).toMatch(/no later than it ends/);
    expect(refused({ fromPeriod: '2010', toPeriod: '2025' })).toMatch(/at most 10 years/);
    expect(refused({ period: 'quarter', fromPeriod: '2015-Q1', toPeriod: '2025-Q1' })).toMatch(/at most 10 years \(40 quarters\)/);
    expect(refused({ asOf: day('2026-05-21') })).toMatch(/after today/);
    expect(refused({ fromPeriod: '2024', toPeriod: '2026' })).toMatch(/sponsors see completed periods only, the latest being 2025/);
    expect(refused({ fromPeriod: '2024', toPeriod: '2026', asOf: day('2026-05-01') }, 'coordinator')).toMatch(/only as of today/);
    expect(refused({ fromPeriod: '2024', toPeriod: '2027' }, 'coordinator')).toMatch(/has not begun/);
  });
  it('lets a coordinator add the period running today', () => {
    expect(cultureRange({ toPeriod: '2026' }, 'coordinator', now)).toMatchObject({ from: day('2024-01-01'), to: day('2027-01-01'), asOf: day('2026-05-20') });
  });
});
