// Debian's sqlite3 CLI, for the raw-SQLite baseline of the benchmark (raw-sqlite.ts).
import { spawn } from 'node:child_process';

export const SQLITE = process.env.SQLITE_PATH ?? '/usr/bin/sqlite3';

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
