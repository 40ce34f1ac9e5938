// Direct access to the SQLite file behind a local D1 (wrangler --persist-to),
// through Debian's sqlite3 CLI. The benchmark uses it for set-up that is not
// being measured (10,000 pairs through the API would take minutes locally),
// and for the raw-SQLite baseline. Only ever used while wrangler is stopped.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntheticProgramme } from '../../worker/dev/synthetic-programme';

export const SQLITE = process.env.SQLITE_PATH ?? '/usr/bin/sqlite3';

/** The database file wrangler keeps for the DB binding under persistDir. */
export function localD1File(persistDir: string): string {
  const dir = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}; apply the migrations first`);
  return join(dir, file);
}

/** Runs SQL (given on stdin) against a database file; resolves with stdout. */
export function runSqlite(file: string, sql: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(SQLITE, [...args, file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && !err.trim() ? resolve(out) : reject(new Error(`sqlite3 exited ${code}: ${err.slice(0, 2000)}`))));
    child.stdin.end(sql);
  });
}

export const sqlText = (value: string | null | undefined) => (value == null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);

/** Multi-row INSERTs of at most `perStatement` rows each. */
export function insertStatements(table: string, columns: string[], rows: string[][], perStatement = 500): string {
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((row) => `(${row.join(',')})`);
    statements.push(`INSERT INTO ${table} (${columns.join(',')}) VALUES\n${values.join(',\n')};`);
  }
  return statements.join('\n');
}

const newId = () => randomBytes(16).toString('base64url');

/**
 * Writes a synthetic programme's participants and pairs straight into a
 * programme that already exists (created through the API, so its tokens work).
 * Returns the ids the history loader needs.
 */
export async function seedPeopleAndPairs(file: string, programmeId: string, programme: SyntheticProgramme) {
  const now = new Date().toISOString();
  const participantIds: Record<string, string> = {};
  const people = programme.participants.map((p) => {
    const id = newId();
    participantIds[p.email] = id;
    // No invite code can match a random hash: these people only exist for history and analytics.
    return [id, programmeId, p.displayName, p.email, p.function, p.region, p.generation, newId(), now].map(sqlText);
  });
  const pairIds = programme.pairs.map(() => newId());
  const pairs = programme.pairs.map((pair, i) =>
    [
      sqlText(pairIds[i]),
      sqlText(programmeId),
      sqlText(participantIds[pair.a]),
      sqlText(participantIds[pair.b]),
      sqlText(pair.mentor ? participantIds[pair.mentor] : null),
      sqlText(pair.cohort),
      sqlText(pair.startsOn),
      sqlText(pair.endsOn),
      String(pair.cadenceDays),
      sqlText(now),
    ],
  );
  const sql = [
    'BEGIN;',
    insertStatements('participants', ['id', 'programme_id', 'display_name', 'email', 'function', 'region', 'generation', 'invite_hash', 'created_at'], people),
    insertStatements('pairs', ['id', 'programme_id', 'a_id', 'b_id', 'mentor_id', 'cohort', 'starts_on', 'ends_on', 'cadence_days', 'created_at'], pairs),
    'COMMIT;',
  ].join('\n');
  await runSqlite(file, sql);
  return { participantIds, pairIds };
}
