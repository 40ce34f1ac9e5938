// Guards the dashboard's weight: what index.html loads stays within 90 KB
// gzipped, and zod stays out (the dashboard imports the contract's types only;
// a value import from shared/schemas or shared/contract would bundle every schema).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../worker/dev/wrangler-dev';

const dir = join(repoRoot, '.output', 'dashboard');
const LIMIT = 90 * 1024;

function pageFiles(): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return ['index.html', ...new Set(refs)];
}

describe.skipIf(!existsSync(join(dir, 'index.html')))('dashboard bundle', () => {
  it(`stays within ${LIMIT} bytes gzipped, without zod`, () => {
    const files = pageFiles();
    const sizes = files.map((file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`dashboard: ${total} bytes gzipped over ${files.length} files`);
    expect(files.length).toBeGreaterThan(1);
    expect(total).toBeLessThanOrEqual(LIMIT);
    const code = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    expect(code).not.toMatch(/ZodError|\$ZodType/);
  });
});
