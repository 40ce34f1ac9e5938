// Culture tables are cached, and a write drops exactly the tables that read a
// month it changed: changing one month recomputes only the table that covers it.
import { beforeAll, expect, it } from 'vitest';
import { programmeCulture } from '../../../worker/analytics/culture';
import { cultureRange } from '../../../worker/analytics/window';
import { importHistory } from '../../../worker/domain/history';
import { db } from '../api';
import { generateProgramme } from '../../../worker/dev/synthetic-programme';
import { loadProgramme, loadSessions, type Loaded } from './load';

const synthetic = generateProgramme({ seed: 31, pairs: 50, startDate: '2023-01-01', endDate: '2026-01-15T00:00:00.000Z', emailDomain: 'cache.test' });
const generated = { participants: synthetic.participants, pairs: synthetic.pairs, sessions: [...synthetic.history()] };
let loaded: Loaded;

beforeAll(async () => {
  loaded = await loadProgramme('Culture cache', generated, { kAnonymity: 3 });
  await loadSessions(loaded, generated.pairs, generated.sessions);
}, 120_000);

// Two tables: one as of April 2025 (it reads months up to 2025-04), one as of January 2026.
const early = () => cultureRange({ asOf: Date.parse('2025-04-15'), period: 'quarter', by: 'region' }, 'sponsor');
const late = () => cultureRange({ asOf: Date.parse('2026-01-15'), period: 'quarter', by: 'region' }, 'sponsor');
const ask = (range: ReturnType<typeof early>) => programmeCulture(db(), loaded.programmeId, range);

it('serves a computed table from the cache until a write touches one of its months', async () => {
  const [first, second] = [await ask(early()), await ask(late())];
  expect([first.cached, second.cached]).toEqual([false, false]);
  const [again, againLate] = [await ask(early()), await ask(late())];
  expect([again.cached, againLate.cached]).toEqual([true, true]);
  expect(again.body).toEqual(first.body);
  expect(againLate.body).toEqual(second.body);
  expect(againLate.meter.rowsRead).toBeLessThan(second.meter.rowsRead / 10);

  // One imported session in September 2025: only the January 2026 table read that month.
  const pairIndex = generated.pairs.findIndex((p) => p.startsOn < '2025-06-01' && (p.endsOn === undefined || p.endsOn > '2025-10-01'));
  const pair = generated.pairs[pairIndex]!;
  const report = await importHistory(db(), loaded.programmeId, [{
    pairId: loaded.pairIds[pairIndex]!, eventKey: 'cache-test@cal/2025-09-10T10:00:00.000Z',
    start: '2025-09-10T10:00:00.000Z', end: '2025-09-10T10:30:00.000Z',
    responses: [pair.a, pair.b].map((m) => ({ participantId: loaded.personIds.get(m)!, happened: true, value: 5, learned: true, openness: true })),
  }]);
  expect(report.rejected).toEqual([]);
  const [earlyAfter, lateAfter] = [await ask(early()), await ask(late())];
  expect(earlyAfter.cached).toBe(true);
  expect(lateAfter.cached).toBe(false);
  expect(earlyAfter.body).toEqual(first.body);

  // The recomputed table is what a computation from scratch gives.
  await db().prepare('DELETE FROM culture_cache WHERE programme_id = ?').bind(loaded.programmeId).run();
  const fresh = await ask(late());
  expect(fresh.cached).toBe(false);
  expect(lateAfter.body).toEqual(fresh.body);
});

it('drops every table when a new pair joins', async () => {
  await ask(early());
  expect((await ask(early())).cached).toBe(true);
  const { call } = await import('../api');
  const created = await call('POST', `/programmes/${loaded.programmeId}/pairs`, loaded.coordinatorToken, {
    a: [...loaded.personIds.values()][0], b: [...loaded.personIds.values()][1], startsOn: '2024-02-01', cohort: 'late joiners',
  });
  expect([200, 201]).toContain(created.status);
  if (created.status === 201) expect((await ask(early())).cached).toBe(false);
});
