// Reads must scale with the window, not with the history: doubling a
// programme's past leaves the dashboard's rows read (and its numbers) unchanged.
import { expect, it } from 'vitest';
import { programmeCulture } from '../../../worker/analytics/culture';
import { pairDetail, programmeDashboard } from '../../../worker/analytics/dashboard';
import { cultureRange, dashboardWindow } from '../../../worker/analytics/window';
import { db } from '../api';
import { generateProgramme } from '../../../worker/dev/synthetic-programme';
import { loadProgramme, loadSessions } from './load';

const ASOF = '2026-01-15T00:00:00.000Z';

it('keeps the dashboard and pair reads flat when older history doubles', async () => {
  const data = generateProgramme({ seed: 7, pairs: 40, startDate: '2025-01-01', endDate: ASOF, emailDomain: 'gen.test' });
  // Every pair starts in 2024, so that the generated sessions can be moved a year back as "older history".
  const pairs = data.pairs.map(({ endsOn: _, ...p }) => ({ ...p, startsOn: '2024-01-01' }));
  const loaded = await loadProgramme('Scaling', { participants: data.participants, pairs });
  const recent = [...data.history()].filter((s) => s.start >= '2025-01-01');
  await loadSessions(loaded, pairs, recent);

  const window = dashboardWindow({ asOf: ASOF });
  const before = await programmeDashboard(db(), loaded.programmeId, window);
  const pairBefore = await pairDetail(db(), loaded.programmeId, loaded.pairIds[0]!, window);
  const cultureBefore = await programmeCulture(db(), loaded.programmeId, cultureRange({ asOf: Date.parse(ASOF.slice(0, 10)) }, 'sponsor'));
  const pairMonthCount = async () =>
    (await db().prepare('SELECT COUNT(*) AS n FROM pair_months WHERE programme_id = ?').bind(loaded.programmeId).first<{ n: number }>())!.n;
  const pairMonthsBefore = await pairMonthCount();

  const older = recent.map((s) => ({
    ...s,
    eventKey: `${s.eventKey}-older`,
    start: new Date(Date.parse(s.start) - 365 * 86_400_000).toISOString(),
    end: new Date(Date.parse(s.end) - 365 * 86_400_000).toISOString(),
  }));
  await loadSessions(loaded, pairs, older);
  const count = await db().prepare('SELECT COUNT(*) AS n FROM sessions WHERE programme_id = ?').bind(loaded.programmeId).first<{ n: number }>();
  expect(count!.n).toBe(2 * recent.length);

  const after = await programmeDashboard(db(), loaded.programmeId, window);
  const pairAfter = await pairDetail(db(), loaded.programmeId, loaded.pairIds[0]!, window);
  expect(before.meter.rowsRead).toBeGreaterThan(0);
  expect(after.meter.rowsRead).toBe(before.meter.rowsRead);
  expect(after.body).toEqual(before.body);
  expect(pairAfter.meter.rowsRead).toBe(pairBefore.meter.rowsRead);
  expect(pairAfter.body).toEqual(pairBefore.body);
  // The dashboard reads well under one row per stored session.
  expect(after.meter.rowsRead).toBeLessThan(count!.n);

  // Culture covers the whole history, so its reads grow, but only with pair-months, never with sessions.
  const cultureAfter = await programmeCulture(db(), loaded.programmeId, cultureRange({ asOf: Date.parse(ASOF.slice(0, 10)) }, 'sponsor'));
  const pairMonths = await pairMonthCount();
  // SQLite sums them by pair and quarter, reading each pair-month row once for the scan and once for the grouping.
  const cultureGrowth = cultureAfter.meter.rowsRead - cultureBefore.meter.rowsRead;
  expect(cultureGrowth).toBeGreaterThanOrEqual(pairMonths - pairMonthsBefore);
  expect(cultureGrowth).toBeLessThanOrEqual(2 * (pairMonths - pairMonthsBefore));
  console.log(`scaling: ${count!.n} sessions, dashboard ${before.meter.rowsRead} → ${after.meter.rowsRead} rows read, `
    + `pair ${pairBefore.meter.rowsRead} → ${pairAfter.meter.rowsRead}, culture ${cultureBefore.meter.rowsRead} → ${cultureAfter.meter.rowsRead} (pair_months ${pairMonthsBefore} → ${pairMonths})`);
}, 120_000);
