import { describe, expect, it } from 'vitest';
import { cultureWindow, dashboardWindow } from '../../../worker/analytics/window';
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

describe('cultureWindow', () => {
  it('defaults to 1 January two years before asOf', () => {
    expect(cultureWindow({ asOf: '2026-07-04T00:00:00.000Z' }, now)).toEqual({
      from: ms('2024-01-01T00:00:00.000Z'), to: ms('2026-07-04T00:00:00.000Z'), asOf: ms('2026-07-04T00:00:00.000Z'),
    });
  });
});
