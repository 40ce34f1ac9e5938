// The benchmark must keep working as the code changes: CI runs its tiny size
// and checks that every measurement made it into the table with a number.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const ROWS = [
  'ingest rate (POST /history)',
  'raw sqlite3 insert, same rows',
  'raw sqlite3 ÷ ingest',
  'dashboard, 1.5 years p50 / p95',
  'dashboard, 3 years p50 / p95',
  'dashboard, 3 years, response size',
  'custom-window dashboard (120 days) p50 / p95',
  'culture, first computation',
  'participant PUT p95 under analytics load',
  'participant GET /me p95 under analytics load',
  'dashboard p50 3 y ÷ 1.5 y',
  'dashboard rows read 1.5 y → 3 y',
  'culture, 3 y by quarter × function p50 / p95',
  'live PUT /responses, 50 connections',
  'no-op GET /health, 50 connections',
  'live PUT ÷ no-op',
  'popup JS (gzip)',
  'background JS (gzip)',
  'dashboard JS (gzip)',
];

describe('npm run bench -- --quick', () => {
  it('prints every row of the table with a measured number', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['test/bench/run.ts', '--quick'], {
      // The e2e global set-up has just built the extension and the dashboard.
      env: { ...process.env, SKIP_BUILD: '1' },
      timeout: 170_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    const lines = stdout.split('\n');
    for (const name of ROWS) {
      const line = lines.find((l) => l.startsWith(`| ${name} `));
      expect(line, `row "${name}" in:\n${stdout}`).toBeDefined();
      const value = line!.split('|')[2]!;
      expect(value, name).toMatch(/\d/);
      expect(value, name).not.toMatch(/NaN|not reported/);
    }
    // Ingest stored every generated response: nothing was rejected on the way.
    expect(stdout).toMatch(/\| history ingest +\| [\d,]+ responses/);
  }, 180_000);
});
