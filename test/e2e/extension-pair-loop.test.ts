// The pair's loop end to end in a real Chromium with the real Worker: a
// member's first held session asks "Is this pairing working for you?", the
// answer is sent as a private fit check, and "Ask for a new partner" reaches
// the coordinator's request queue with the member's name, the partner untold.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium';
import { buildExtensionForTests, launchWithExtension } from '../support/extension-browser';
import { setUpProgramme } from '../support/programme-setup';
import { repoRoot, startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

const executablePath = chromiumPath();
const shots = join(repoRoot, 'test-results');

const gia = { displayName: 'Gia Moreno', email: 'gia@example.com' };
const hal = { displayName: 'Hal Svensson', email: 'hal@example.com' };

/** Gia's feed: one meeting with Hal that ended two minutes ago. */
function feed(): string {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const end = Date.now() - 2 * 60_000;
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Twoway e2e//EN',
    'BEGIN:VEVENT', 'UID:e2e-gia-hal@twoway.test', `DTSTAMP:${stamp(end)}`,
    `DTSTART:${stamp(end - 30 * 60_000)}`, `DTEND:${stamp(end)}`,
    'SUMMARY:First catch-up', `ORGANIZER:mailto:${gia.email}`, `ATTENDEE:mailto:${hal.email}`,
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

describe.skipIf(!executablePath)('the pair\'s loop end to end (Chromium)', () => {
  let worker: RunningWorker;
  let persistDir: string;
  let ics: Server;
  let icsBase: string;

  beforeAll(async () => {
    buildExtensionForTests();
    mkdirSync(shots, { recursive: true });
    persistDir = mkdtempSync(join(tmpdir(), 'twoway-loop-e2e-'));
    worker = await startWorker({ persistDir });
    ics = createServer((req, res) => {
      const found = req.url === '/gia.ics';
      res.writeHead(found ? 200 : 404, { 'content-type': 'text/calendar; charset=utf-8' });
      res.end(found ? feed() : '');
    });
    await new Promise<void>((resolve) => ics.listen(0, '127.0.0.1', resolve));
    icsBase = `http://127.0.0.1:${(ics.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await worker?.stop();
    await new Promise((resolve) => ics?.close(resolve));
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  const local = (page: Page, key: string) =>
    page.evaluate(async (k) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.local.get(k))[k];
    }, key);

  const outboxOf = (page: Page) =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome;
      const all = await api.storage.local.get(null);
      return Object.values(all).filter((_, i) => Object.keys(all)[i]!.startsWith('outbox:')) as Array<{ kind?: string; state: string }>;
    });

  it('follows a pair from its first held session, with the fit question answered, to a request for a new partner', async () => {
    const startsOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const setup = await setUpProgramme(worker.url, worker.adminToken, {
      name: 'Loop programme',
      participants: [gia, hal],
      pairs: [{ a: gia.email, b: hal.email, mentor: gia.email, startsOn }],
    });
    const { context, extensionId } = await launchWithExtension(executablePath!, '', { width: 760, height: 1000 });
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.getByLabel('Invite link or code').fill(setup.participants[gia.email]!.inviteCode);
      await page.getByLabel('Programme server').fill(worker.url);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('status').filter({ hasText: 'Joined' }).waitFor();
      await page.getByLabel('Where your meetings are').selectOption('ics');
      await page.getByLabel('Secret address in iCal format').fill(`${icsBase}/gia.ics`);
      await page.getByRole('button', { name: 'Save calendar settings' }).click();
      await page.locator('[data-poll="ok"]').waitFor();
      // The Worker says the fit question is open: this is the pair's first session.
      const accounts = (await local(page, 'accounts')) as Record<string, { token: string; pairs: Array<{ questions?: { fit: boolean } }> }>;
      const account = Object.values(accounts)[0]!;
      expect(account.pairs[0]?.questions?.fit).toBe(true);

      const [key] = Object.keys((await local(page, 'prompts')) as object);
      await page.goto(`chrome-extension://${extensionId}/popup.html?prompt=${encodeURIComponent(key!)}`);
      await page.getByRole('heading', { name: `How was your session with ${hal.displayName}?` }).waitFor();
      await page.getByRole('button', { name: '3 of 5: Useful' }).click();
      const fit = page.getByRole('group', { name: 'Is this pairing working for you?' });
      await fit.getByRole('button', { name: 'Not working' }).click();
      await expect.poll(async () => (await outboxOf(page)).filter((e) => e.kind === 'check').map((e) => e.state)).toEqual(['sent']);
      await expect.poll(async () => fit.getByRole('button', { name: 'Not working' }).getAttribute('aria-pressed')).toBe('true');
      await page.screenshot({ path: join(shots, 'extension-fit-question.png'), fullPage: true });

      // The Worker has it: GET /me no longer asks the fit question.
      const me = await fetch(`${worker.url}/api/v1/me`, { headers: { authorization: `Bearer ${account.token}` } });
      expect(((await me.json()) as { pairs: Array<{ questions: { fit: boolean } }> }).pairs[0]?.questions.fit).toBe(false);

      await page.getByRole('button', { name: 'Ask for a new partner' }).click();
      await expect.poll(() => page.locator('[data-form="rematch"]').innerText()).toContain(`${hal.displayName} is not told.`);
      await page.getByLabel('Message (optional)').fill('We want different things from the programme.');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.locator('[data-request-status="open"]').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'extension-rematch-sent.png'), fullPage: true });

      const queue = await fetch(`${worker.url}/api/v1/programmes/${setup.programmeId}/requests`, {
        headers: { authorization: `Bearer ${setup.coordinatorToken}` },
      });
      expect(queue.status).toBe(200);
      const { requests } = (await queue.json()) as { requests: Array<Record<string, unknown>> };
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        kind: 'rematch',
        pairId: setup.pairIds[0],
        status: 'open',
        from: { displayName: gia.displayName, email: gia.email },
        message: 'We want different things from the programme.',
      });
    } finally {
      await context.close();
    }
  });
});
