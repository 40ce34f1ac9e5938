// Guards the extension's weight: everything popup.html loads must stay within
// 15 KB gzipped, and neither chart.js nor zod may creep into it; the service
// worker stays within 40 KB gzipped, without zod or Preact.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../worker/dev/wrangler-dev';

const dir = join(repoRoot, '.output', 'chrome-mv3');
const LIMIT = 15 * 1024;

/** popup.html plus every script and stylesheet it references (Vite lists shared chunks as modulepreload). */
function popupFiles(): string[] {
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return ['popup.html', ...new Set(refs)];
}

describe.skipIf(!existsSync(join(dir, 'popup.html')))('extension popup bundle', () => {
  it(`stays within ${LIMIT} bytes gzipped`, () => {
    const sizes = popupFiles().map((file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`popup: ${total} bytes gzipped over ${sizes.length} files`);
    expect(total).toBeLessThanOrEqual(LIMIT);
  });

  it('carries neither chart.js nor zod', () => {
    const code = popupFiles().map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    expect(code).not.toMatch(/Chart\.register|chart\.js/i);
    expect(code).not.toMatch(/ZodError|\$ZodType/);
  });
});

describe.skipIf(!existsSync(join(dir, 'background.js')))('extension background bundle', () => {
  const code = () => readFileSync(join(dir, 'background.js'), 'utf8');

  it(`stays within ${40 * 1024} bytes gzipped`, () => {
    const gzipped = gzipSync(code(), { level: 9 }).length;
    console.log(`background: ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(40 * 1024);
  });

  it('carries neither zod nor Preact (answers are checked by outbox/response-body.ts)', () => {
    expect(code()).not.toMatch(/ZodError|\$ZodType|_zod/);
    expect(code()).not.toMatch(/__PREACT|preact/i);
  });
});
