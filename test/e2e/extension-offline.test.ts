// Offline delivery in a real Chromium with a persistent profile: the person
// answers OFFLINE_ANSWERS sessions (default 100; the full run uses 1,000)
// while the Worker is down, the browser is closed and started again on the
// same profile, the Worker comes back on the same D1, and every answer is
// delivered exactly once from the extension's own outbox.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium';
import { buildExtensionForTests, launchWithExtension } from '../support/extension-browser';
import { setUpProgramme } from '../support/programme-setup';
import { repoRoot, startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

const ANSWERS = Number(process.env.OFFLINE_ANSWERS || 100);
const executablePath = chromiumPath();
// The e2e build pre-grants http://127.0.0.1/* (headless Chromium cannot click "Allow").

interface Chrome {
  runtime: { sendMessage(message: object): Promise<{ ok: boolean; error?: string }> };
  storage: { local: { get(key: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
}

describe.skipIf(!executablePath)(`extension outbox offline: ${ANSWERS} answers across a browser restart`, () => {
  let worker: RunningWorker;
  let persistDir: string;
  let profileDir: string;

  beforeAll(async () => {
    buildExtensionForTests();
    persistDir = mkdtempSync(join(tmpdir(), 'twoway-offline-d1-'));
    profileDir = mkdtempSync(join(tmpdir(), 'twoway-offline-profile-'));
    worker = await startWorker({ persistDir, vars: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  });

  afterAll(async () => {
    await worker?.stop();
    for (const dir of [persistDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function launch(): Promise<{ context: BrowserContext; page: Page }> {
    const { context, extensionId } = await launchWithExtension(executablePath!, profileDir);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return { context, page };
  }

  /** The outbox as the extension stores it: one `outbox:<id>` key per entry. */
  const outbox = (page: Page) =>
    page.evaluate(async () => {
      const all = await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null);
      const entries = Object.entries(all).filter(([key]) => key.startsWith('outbox:'));
      return Object.fromEntries(entries.map(([key, entry]) => [key.slice('outbox:'.length), entry])) as Record<string, { state: string; body: { eventKey: string; value?: number } }>;
    });

  it('queues every answer while the Worker is down and delivers each exactly once after a restart', async () => {
    const ana = { displayName: 'Ana Offline', email: 'ana.offline@example.org' };
    const ben = { displayName: 'Ben Offline', email: 'ben.offline@example.org' };
    const setup = await setUpProgramme(worker.url, worker.adminToken, {
      participants: [ana, ben],
      pairs: [{ a: ana.email, b: ben.email, startsOn: '2026-01-01' }],
    });
    const pairId = setup.pairIds[0]!;

    // Onboarding the way a person does it, on the options page, while the Worker is up.
    let { context, page } = await launch();
    await page.getByLabel('Invite link or code').fill(setup.participants[ana.email]!.inviteCode);
    await page.getByLabel('Programme server').fill(worker.url);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('status').filter({ hasText: 'Joined' }).waitFor();

    const { port } = worker;
    await worker.stop();

    // ANSWERS sessions with Ben over the last six days, each waiting for an answer, as the
    // calendar poll would have left them; then one click on each, through the background.
    const now = Date.now();
    const sessions = Array.from({ length: ANSWERS }, (_, i) => {
      const start = now - 3 * 3_600_000 - Math.floor((i / ANSWERS) * 6 * 86_400_000);
      return { eventKey: `offline-${i}@cal.example/${new Date(start).toISOString()}`, start: new Date(start).toISOString(), end: new Date(start + 1_800_000).toISOString(), value: 1 + (i % 5) };
    });
    const queueStarted = Date.now();
    const refused = await page.evaluate(
      async ({ sessions, pairId, programmeId, partnerName }) => {
        const chrome = (globalThis as unknown as { chrome: Chrome }).chrome; // page.evaluate ships only this function's text
        const errors: string[] = [];
        // At most 200 prompts open at once: each open prompt holds an alarm, and Chromium allows
        // an extension 500. A real person never has that many sessions waiting.
        for (let from = 0; from < sessions.length; from += 200) {
          const batch = sessions.slice(from, from + 200);
          const prompts = ((await chrome.storage.local.get('prompts')).prompts ?? {}) as Record<string, unknown>;
          for (const s of batch) {
            prompts[`${pairId}|${s.eventKey}`] = { pairId, partnerName, eventKey: s.eventKey, start: s.start, end: s.end, programmeId, state: 'open' };
          }
          await chrome.storage.local.set({ prompts });
          for (const s of batch) {
            const reply = await chrome.runtime.sendMessage({ type: 'answer', key: `${pairId}|${s.eventKey}`, answer: { happened: true, value: s.value } });
            if (!reply?.ok) errors.push(reply?.error ?? 'no reply');
          }
        }
        return errors;
      },
      { sessions, pairId, programmeId: setup.programmeId, partnerName: ben.displayName },
    );
    expect(refused).toEqual([]);
    console.info(`offline: ${ANSWERS} answers queued through the background in ${((Date.now() - queueStarted) / 1000).toFixed(1)} s`);
    const queued = await outbox(page);
    expect(Object.keys(queued)).toHaveLength(ANSWERS);
    expect(Object.values(queued).filter((entry) => entry.state === 'sent')).toEqual([]);
    await context.close();

    // A new browser on the same profile, and the Worker back on the same D1 and port.
    worker = await startWorker({ port, persistDir, vars: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    ({ context, page } = await launch());
    try {
      const started = Date.now();
      let pending = ANSWERS;
      while (pending > 0 && Date.now() - started < 600_000) {
        // "Try again now" from the feedback view skips the backoff wait.
        await page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: 'flush-outbox', now: true }));
        pending = Object.values(await outbox(page)).filter((entry) => entry.state !== 'sent').length;
      }
      console.info(`offline: ${ANSWERS} queued answers delivered in ${((Date.now() - started) / 1000).toFixed(1)} s after the restart`);
      const delivered = await outbox(page);
      expect(Object.values(delivered).map((entry) => entry.state)).toEqual(Array(ANSWERS).fill('sent'));
      // One more flush must send nothing again.
      await page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: 'flush-outbox', now: true }));

      await worker.stop();
      const rows = queryD1(persistDir, 'SELECT r.id, r.value, s.event_key FROM responses r JOIN sessions s ON s.id = r.session_id');
      console.info(`offline: D1 holds ${rows.length} responses, ${new Set(rows.map((row) => row.id)).size} distinct ids`);
      expect(rows).toHaveLength(ANSWERS);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(Object.keys(delivered)));
      const expected = new Map(sessions.map((s) => [s.eventKey, s.value]));
      for (const row of rows) expect(row.value, String(row.event_key)).toBe(expected.get(String(row.event_key)));
    } finally {
      await context.close();
    }
  }, 120_000 + ANSWERS * 600);
});

/** Reads the local D1 with wrangler while the Worker is stopped. */
function queryD1(dir: string, sql: string): Array<Record<string, string | number>> {
  const out = execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' } },
  );
  return (JSON.parse(out) as Array<{ results: Array<Record<string, string | number>> }>)[0]!.results;
}
