// The history import writes in big batches with bulk rollup statements (for
// speed, see README "Performance"). Its result must be exactly what the
// one-session-at-a-time rollups give, including across batch boundaries and
// with long event keys that force byte-bounded batches.
import { expect, it } from 'vitest';
import { HISTORY_BATCH_LINES, importHistory } from '../../worker/domain/history';
import { refreshSessionRollups } from '../../worker/storage/rollups';
import { db, pairedProgramme } from './api';

const MEMBER_COLUMNS = ['happened', 'value', 'learned', 'openness', 'autonomy', 'topics'].flatMap((c) => [`a_${c}`, `b_${c}`]);

async function snapshot(programmeId: string) {
  const sessions = await db()
    .prepare(`SELECT id, ${MEMBER_COLUMNS.join(', ')} FROM sessions WHERE programme_id = ?1 ORDER BY id`)
    .bind(programmeId)
    .all();
  const months = await db().prepare('SELECT * FROM pair_months WHERE programme_id = ?1 ORDER BY pair_id, month').bind(programmeId).all();
  return { sessions: sessions.results, months: months.results };
}

it('gives the same session columns and pair months as per-session rollups, across batches', async () => {
  const p = await pairedProgramme('History batches', '2023-01-01');
  const topics = [['tools'], ['strategy', 'career'], undefined] as const;
  const lines = Array.from({ length: HISTORY_BATCH_LINES + 700 }, (_, i) => {
    const day = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const answers = [
      { participantId: p.ana.id, happened: true, value: 1 + (i % 5), learned: i % 3 === 0, topics: topics[i % 3] },
      i % 7 === 0
        ? { participantId: p.ben.id, happened: false }
        : { participantId: p.ben.id, happened: true, value: 1 + ((i * 3) % 5), openness: i % 2 === 0, autonomy: 'showed_me' },
    ];
    return {
      pairId: p.pairId,
      // Every other key is long, so batches are cut by bytes before they reach the line bound.
      eventKey: `series-${i}${i % 2 === 0 ? 'x'.repeat(490) : ''}`,
      start: `${day}T10:00:00Z`,
      end: `${day}T11:00:00Z`,
      // Every fifth session has only one answer, every eleventh none.
      responses: i % 11 === 0 ? [] : i % 5 === 0 ? answers.slice(0, 1) : answers,
    };
  });
  const report = await importHistory(db(), p.programme.id, lines);
  expect(report.rejected).toEqual([]);
  expect(report.sessions).toBe(lines.length);
  const imported = await snapshot(p.programme.id);
  expect(imported.sessions).toHaveLength(lines.length);
  expect(imported.months.length).toBeGreaterThan(12);

  // Rebuild every session's rollups the slow, reference way and compare.
  await db().prepare('UPDATE sessions SET ' + MEMBER_COLUMNS.map((c) => `${c} = NULL`).join(', ') + ' WHERE programme_id = ?1').bind(p.programme.id).run();
  await db().prepare('DELETE FROM pair_months WHERE programme_id = ?1').bind(p.programme.id).run();
  for (const session of imported.sessions) {
    await db().batch(refreshSessionRollups(db(), session.id as string));
  }
  expect(await snapshot(p.programme.id)).toEqual(imported);
});
