// The baseline for ingest: the same session and response rows bulk-inserted
// into a fresh database with Twoway's schema by Debian's sqlite3 CLI (one
// transaction, CSV import), with no HTTP, no validation and no rollups.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topicsToMask, AUTONOMY_SCORES } from '../../shared/schemas';
import type { LoadedIds, SyntheticHistoryLine, SyntheticProgramme } from '../../worker/dev/synthetic-programme';
import { repoRoot } from '../../worker/dev/wrangler-dev';
import { runSqlite } from './sqlite-cli';

const csv = (value: string | number | null | undefined) => {
  if (value == null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const bit = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);

/** Same row shapes as the Worker stores (ids differ: they are not under test here). */
function csvRows(programme: SyntheticProgramme, ids: LoadedIds, lines: Iterable<SyntheticHistoryLine>, programmeId: string) {
  const sessions: string[] = [];
  const responses: string[] = [];
  const now = new Date().toISOString();
  let serial = 0;
  for (const line of lines) {
    const pair = programme.pairs[line.pair]!;
    const sessionId = `s${serial++}`;
    sessions.push([sessionId, programmeId, ids.pairIds[line.pair], line.eventKey, line.start, line.end, line.start.slice(0, 7), now].map(csv).join(','));
    for (const r of line.responses) {
      responses.push(
        [
          `${sessionId}-${r.side}`,
          sessionId,
          ids.participantIds[pair[r.side]],
          r.happened ? 1 : 0,
          r.value,
          bit(r.learned),
          bit(r.openness),
          r.autonomy === undefined ? null : AUTONOMY_SCORES[r.autonomy],
          topicsToMask(r.topics),
          line.end,
        ]
          .map(csv)
          .join(','),
      );
    }
  }
  return { sessions, responses };
}

export interface RawInsertResult {
  sessions: number;
  responses: number;
  seconds: number;
  responsesPerSecond: number;
}

/** Times sqlite3 loading the rows; building the CSV files is not timed. */
export async function rawSqliteInsert(
  programme: SyntheticProgramme,
  ids: LoadedIds,
  lines: Iterable<SyntheticHistoryLine>,
): Promise<RawInsertResult> {
  const dir = mkdtempSync(join(tmpdir(), 'twoway-raw-'));
  try {
    const db = join(dir, 'raw.sqlite');
    const migrations = join(repoRoot, 'worker', 'migrations');
    const schema = readdirSync(migrations)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => readFileSync(join(migrations, f), 'utf8'))
      .join('\n');
    // D1 keeps its databases in WAL mode; so does the baseline.
    await runSqlite(db, `PRAGMA journal_mode=WAL;\n${schema}`, ['-batch']);
    const rows = csvRows(programme, ids, lines, 'bench');
    writeFileSync(join(dir, 'sessions.csv'), `${rows.sessions.join('\n')}\n`);
    writeFileSync(join(dir, 'responses.csv'), `${rows.responses.join('\n')}\n`);
    const script = [
      '.bail on',
      'BEGIN;',
      // .import turns empty fields into '' rather than NULL; stage as text, then convert.
      'CREATE TEMP TABLE s_in (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at);',
      'CREATE TEMP TABLE r_in (id, session_id, participant_id, happened, value, learned, openness, autonomy, topics, answered_at);',
      `.import --csv ${join(dir, 'sessions.csv')} s_in`,
      `.import --csv ${join(dir, 'responses.csv')} r_in`,
      'INSERT INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at) SELECT * FROM s_in;',
      `INSERT INTO responses (id, session_id, participant_id, happened, value, learned, openness, autonomy, topics, answered_at)
         SELECT id, session_id, participant_id, happened, NULLIF(value, ''), NULLIF(learned, ''), NULLIF(openness, ''),
                NULLIF(autonomy, ''), NULLIF(topics, ''), answered_at FROM r_in;`,
      'COMMIT;',
      'SELECT count(*) FROM responses;',
    ].join('\n');
    const started = performance.now();
    const out = await runSqlite(db, script, ['-batch']);
    const seconds = (performance.now() - started) / 1000;
    const stored = Number(out.trim().split('\n').at(-1));
    if (stored !== rows.responses.length) throw new Error(`raw insert stored ${stored} of ${rows.responses.length} responses`);
    return { sessions: rows.sessions.length, responses: stored, seconds, responsesPerSecond: stored / seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
