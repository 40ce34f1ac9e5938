import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { importHistory } from '../../worker/domain/history';
import { call, db, pairedProgramme } from './api';

const counts = async (pairId: string) =>
  db()
    .prepare(
      `SELECT (SELECT COUNT(*) FROM sessions WHERE pair_id = ?1) AS sessions,
              (SELECT COUNT(*) FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.pair_id = ?1) AS responses,
              (SELECT SUM(held) FROM pair_months WHERE pair_id = ?1) AS held,
              (SELECT SUM(a_value_sum) FROM pair_months WHERE pair_id = ?1) AS a_values,
              (SELECT MAX(revision) FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.pair_id = ?1) AS revision`,
    )
    .bind(pairId)
    .first();

it('imports NDJSON history, reports bad lines by number, and is idempotent', async () => {
  const p = await pairedProgramme('History', '2023-01-01');
  const other = await pairedProgramme('History other', '2023-01-01');
  const line = (month: number, extra: object = {}) =>
    JSON.stringify({
      pairId: p.pairId,
      eventKey: `old-${month}`,
      start: `2024-${String(month).padStart(2, '0')}-10T10:00:00Z`,
      end: `2024-${String(month).padStart(2, '0')}-10T11:00:00Z`,
      responses: [
        { participantId: p.ana.id, happened: true, value: 4, learned: true, topics: ['strategy'] },
        { participantId: p.ben.id, happened: true, value: 3, autonomy: 'showed_me' },
      ],
      ...extra,
    });
  const file = [
    line(1),
    line(2),
    '{not json',
    '',
    line(3, { pairId: other.pairId }),
    line(4, { responses: [{ participantId: other.ana.id, happened: false }] }),
    line(5, { responses: [{ participantId: p.ana.id, happened: true }] }),
    line(6),
  ].join('\n');
  const first = await call('POST', `/programmes/${p.programme.id}/history`, p.programme.coordinatorToken, file, {
    headers: { 'Content-Type': 'application/x-ndjson' },
  });
  expect(first.status).toBe(200);
  expect(first.body.sessions).toBe(3);
  expect(first.body.responses).toBe(6);
  expect(first.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 5, 6, 7]);
  expect(first.body.rejected[1].error).toMatch(/not in this programme/);
  expect(first.body.rejected[2].error).toMatch(/not a member/);
  expect(first.body.rejected[3].error).toMatch(/value/);
  const before = await counts(p.pairId);
  expect(before).toEqual({ sessions: 3, responses: 6, held: 3, a_values: 12, revision: 1 });

  const second = await call('POST', `/programmes/${p.programme.id}/history`, p.programme.coordinatorToken, file);
  expect(second.body).toEqual(first.body);
  expect(await counts(p.pairId)).toEqual(before);
});

it('exposes importHistory for already-parsed lines, with rollups equal to one-by-one writes', async () => {
  const p = await pairedProgramme('History direct', '2023-01-01');
  const lines = Array.from({ length: 1200 }, (_, i) => ({
    pairId: p.pairId,
    eventKey: `bulk-${i}`,
    start: new Date(Date.UTC(2023, 0, 1 + i, 9)).toISOString(),
    end: new Date(Date.UTC(2023, 0, 1 + i, 10)).toISOString(),
    responses: [{ participantId: p.ana.id, happened: true, value: 1 + (i % 5), openness: i % 2 === 0 }],
  }));
  const report = await importHistory(env.DB, p.programme.id, lines);
  expect(report).toEqual({ sessions: 1200, responses: 1200, rejected: [], skipped: [] });
  const month = await db()
    .prepare("SELECT sessions, held, a_value_sum, a_value_n, openness_yes, openness_n FROM pair_months WHERE pair_id = ? AND month = '2023-01'")
    .bind(p.pairId)
    .first();
  // January 2023 holds lines 0..30: values 1+(i%5), openness on even i.
  const jan = lines.slice(0, 31);
  expect(month).toEqual({
    sessions: 31,
    held: 31,
    a_value_sum: jan.reduce((sum, l) => sum + l.responses[0]!.value, 0),
    a_value_n: 31,
    openness_yes: jan.filter((l) => l.responses[0]!.openness).length,
    openness_n: 31,
  });
});

it('answers 403 to another programme and 413 over 10 MiB', async () => {
  const p = await pairedProgramme('History limits');
  const other = await pairedProgramme('History limits other');
  expect((await call('POST', `/programmes/${p.programme.id}/history`, other.programme.coordinatorToken, '')).status).toBe(403);
  const big = 'x'.repeat(10 * 1024 * 1024 + 1);
  const res = await call('POST', `/programmes/${p.programme.id}/history`, p.programme.coordinatorToken, big);
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('payload_too_large');
});
