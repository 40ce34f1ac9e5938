// The harness the other end-to-end tests stand on: a real `wrangler dev` with
// a migrated local D1, reachable on loopback, and fully gone after stop().
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startWorker } from '../../worker/dev/wrangler-dev';

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** Command lines of running processes that mention `needle`. */
function processesMentioning(needle: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(needle) && !line.startsWith('ps '));
}

describe('startWorker', () => {
  it('serves health on a free loopback port with migrations applied, then stops completely', async () => {
    const worker = await startWorker();
    expect(worker.url).toBe(`http://127.0.0.1:${worker.port}`);
    expect(worker.adminToken.length).toBeGreaterThanOrEqual(24);
    const health = await fetch(`${worker.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    // Migrations ran against the persist dir that wrangler dev uses.
    expect(existsSync(`${worker.persistDir}/v3/d1`)).toBe(true);
    expect(processesMentioning(worker.persistDir).length).toBeGreaterThan(0);

    await worker.stop();
    expect(await answers(worker.url)).toBe(false);
    expect(processesMentioning(worker.persistDir)).toEqual([]);
    expect(existsSync(worker.persistDir)).toBe(false);
  });
});
