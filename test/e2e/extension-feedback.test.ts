// The extension end to end in a real Chromium: onboard with an invite, read an
// ICS feed on 127.0.0.1, prompt after a partner meeting, answer with one click,
// and find the answer in the Worker (GET /me). Second flow: the Worker is down
// when the person answers, and the queued answer arrives exactly once after it
// comes back on the same D1. Third: an answer left queued by an earlier version
// (the whole outbox under one `outbox` key) is moved and delivered.
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
// The e2e build pre-grants http://127.0.0.1/* (see wxt.config.ts): headless Chromium cannot answer permission prompts.
const shots = join(repoRoot, 'test-results');

interface Person { displayName: string; email: string }
const ana: Person = { displayName: 'Ana Costa', email: 'ana@example.com' };
const ben: Person = { displayName: 'Ben Okafor', email: 'ben@example.com' };
const cleo: Person = { displayName: 'Cleo Park', email: 'cleo@example.com' };
const dev: Person = { displayName: 'Dev Rao', email: 'dev@example.com' };
const erin: Person = { displayName: 'Erin Walsh', email: 'erin@example.com' };
const finn: Person = { displayName: 'Finn Berg', email: 'finn@example.com' };

/** An ICS feed per person: one meeting with their partner that ended two minutes before the request. */
function icsFor(uid: string, self: Person, partner: Person): string {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const end = Date.now() - 2 * 60_000;
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Twoway e2e//EN',
    'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp(end)}`,
    `DTSTART:${stamp(end - 30 * 60_000)}`, `DTEND:${stamp(end)}`,
    'SUMMARY:Catch-up', `ORGANIZER:mailto:${self.email}`, `ATTENDEE:mailto:${partner.email}`,
    'END:VEVENT',
    // A meeting with someone else, which must not prompt.
    'BEGIN:VEVENT', `UID:other-${uid}`, `DTSTAMP:${stamp(end)}`,
    `DTSTART:${stamp(end - 90 * 60_000)}`, `DTEND:${stamp(end - 60 * 60_000)}`,
    'SUMMARY:Budget review', 'ATTENDEE:mailto:someone@example.com',
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

describe.skipIf(!executablePath)('extension end to end (Chromium)', () => {
  let worker: RunningWorker;
  let persistDir: string;
  let ics: Server;
  let icsBase: string;
  const feeds = new Map<string, string>();

  beforeAll(async () => {
    buildExtensionForTests();
    mkdirSync(shots, { recursive: true });
    persistDir = mkdtempSync(join(tmpdir(), 'twoway-ext-e2e-'));
    worker = await startWorker({ persistDir });
    ics = createServer((req, res) => {
      const feed = feeds.get(req.url ?? '');
      res.writeHead(feed ? 200 : 404, { 'content-type': 'text/calendar; charset=utf-8' });
      res.end(feed ?? '');
    });
    await new Promise<void>((resolve) => ics.listen(0, '127.0.0.1', resolve));
    icsBase = `http://127.0.0.1:${(ics.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await worker?.stop();
    await new Promise((resolve) => ics?.close(resolve));
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  const launch = () => launchWithExtension(executablePath!, '', { width: 760, height: 900 });

  /** Joins with the invite and points the calendar at the person's feed, through the options page. */
  async function onboard(page: Page, extensionId: string, invite: { link: string } | { code: string }, feedPath: string) {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    if ('link' in invite) {
      // The dashboard's invite link names the server, so the person pastes one thing.
      await page.getByLabel('Invite link or code').fill(invite.link);
      expect(await page.getByLabel('Programme server').inputValue()).toBe(worker.url);
    } else {
      await page.getByLabel('Invite link or code').fill(invite.code);
      await page.getByLabel('Programme server').fill(worker.url);
    }
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('status').filter({ hasText: 'Joined' }).waitFor();
    await page.getByLabel('Where your meetings are').selectOption('ics');
    await page.getByLabel('Secret address in iCal format').fill(`${icsBase}${feedPath}`);
    await page.getByRole('button', { name: 'Save calendar settings' }).click();
    await page.locator('[data-poll="ok"]').waitFor();
  }

  const local = (page: Page, key: string) =>
    page.evaluate(async (k) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.local.get(k))[k];
    }, key);

  /** The outbox as the extension stores it: one `outbox:<id>` key per entry. */
  const outboxOf = (page: Page) =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome;
      const all = await api.storage.local.get(null);
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('outbox:')).map(([k, v]) => [k.slice('outbox:'.length), v]));
    });

  const badge = (page: Page) =>
    page.evaluate(() =>
      (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}),
    );

  async function myResponses(page: Page): Promise<Array<{ id: string; value?: number; learned?: boolean; eventKey: string }>> {
    const accounts = (await local(page, 'accounts')) as Record<string, { token: string }>;
    const [account] = Object.values(accounts);
    const response = await fetch(`${worker.url}/api/v1/me`, { headers: { authorization: `Bearer ${account!.token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { responses: never[] }).responses;
  }

  it('prompts after a partner meeting and delivers a one-click answer', async () => {
    const setup = await setUpProgramme(worker.url, worker.adminToken, {
      name: 'Reverse mentoring 2026',
      participants: [ana, ben],
      pairs: [{ a: ana.email, b: ben.email, mentor: ana.email, startsOn: '2026-01-01' }],
    });
    feeds.set('/ana.ics', icsFor('e2e-ana-ben@twoway.test', ana, ben));
    const { context, extensionId } = await launch();
    try {
      const page = await context.newPage();
      await onboard(page, extensionId, { link: `${worker.url}/join#${setup.participants[ana.email]!.inviteCode}` }, '/ana.ics');
      expect(await page.locator('[data-partners]').innerText()).toContain(ben.displayName);
      await page.screenshot({ path: join(shots, 'extension-options.png'), fullPage: true });

      // The poll ran on save: exactly one prompt, open, with a badge and a notification
      // (the badge also counts the relationship check the long-running pair is due).
      const prompts = Object.entries((await local(page, 'prompts')) as Record<string, { state: string; sessionReported?: boolean }>);
      expect(prompts).toHaveLength(1);
      const [key, prompt] = prompts[0]!;
      expect(prompt).toMatchObject({ state: 'open', sessionReported: true });
      expect(await badge(page)).toBe('2');
      const notifications = await page.evaluate(() =>
        (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<object> } } }).chrome.notifications.getAll(),
      );
      // The session's prompt; the pair started long ago, so its relationship check is due too.
      const sessionNotifications = Object.keys(notifications).filter((id) => !id.startsWith('twoway-check:'));
      expect(sessionNotifications).toEqual([`twoway:${key}`]);
      expect(Object.keys(notifications).filter((id) => id.startsWith('twoway-check:'))).toHaveLength(1);

      await page.goto(`chrome-extension://${extensionId}/popup.html?prompt=${encodeURIComponent(key)}`);
      await page.getByRole('heading', { name: `How was your session with ${ben.displayName}?` }).waitFor();
      await page.screenshot({ path: join(shots, 'extension-prompt.png'), fullPage: true });
      await page.getByRole('button', { name: '4 of 5: Very useful' }).click();
      await page.locator('[data-status="sent"]').waitFor();
      // The session is answered; the relationship check still waits.
      expect(await badge(page)).toBe('1');

      // An optional chip edits the same response.
      await page.getByRole('group', { name: `I learned something from ${ben.displayName}` }).getByRole('button', { name: 'Yes' }).click();
      await expect.poll(async () => (await myResponses(page))[0]?.learned).toBe(true);
      const responses = await myResponses(page);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ value: 4, learned: true, eventKey: key.slice(key.indexOf('|') + 1) });
      await page.reload();
      await page.locator('tr[data-response]').first().waitFor();
      await page.getByRole('button', { name: 'I got help' }).click();
      await page.getByRole('button', { name: 'They showed me how' }).click();
      await expect.poll(async () => (await myResponses(page))[0]).toMatchObject({ autonomy: 'showed_me' });
      await page.locator('[data-status="sent"]').waitFor();
      await page.screenshot({ path: join(shots, 'extension-answered-history.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(shots, 'extension-answered-dark.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('queues the answer while the Worker is down and delivers it exactly once when it returns', async () => {
    const setup = await setUpProgramme(worker.url, worker.adminToken, {
      name: 'Cross-region pairs',
      participants: [cleo, dev],
      pairs: [{ a: cleo.email, b: dev.email, startsOn: '2026-01-01' }],
    });
    feeds.set('/cleo.ics', icsFor('e2e-cleo-dev@twoway.test', cleo, dev));
    const { context, extensionId } = await launch();
    try {
      const page = await context.newPage();
      await onboard(page, extensionId, { code: setup.participants[cleo.email]!.inviteCode }, '/cleo.ics');
      const [key] = Object.keys((await local(page, 'prompts')) as object);
      await page.goto(`chrome-extension://${extensionId}/popup.html?prompt=${encodeURIComponent(key!)}`);
      await page.getByRole('heading', { name: `How was your session with ${dev.displayName}?` }).waitFor();

      const { port, adminToken } = worker;
      await worker.stop();
      await page.getByRole('button', { name: '5 of 5: Extremely valuable' }).click();
      await page.locator('[data-status="queued"]').waitFor();
      await expect.poll(async () => Object.values((await outboxOf(page)) as Record<string, { attempts: number }>)[0]?.attempts).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, 'extension-queued.png'), fullPage: true });

      worker = await startWorker({ port, persistDir, vars: { ADMIN_TOKEN: adminToken } });
      // "Try again now", twice in a row: the second must not add a second answer.
      await page.getByRole('button', { name: 'Try again now' }).click();
      await page.locator('[data-status="sent"]').waitFor({ timeout: 30_000 });
      await page.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'flush-outbox', now: true }),
      );
      const responses = await myResponses(page);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ value: 5 });
      const outbox = (await outboxOf(page)) as Record<string, { state: string }>;
      expect(Object.keys(outbox)).toEqual([responses[0]!.id]);
    } finally {
      await context.close();
    }
  });

  it('delivers an answer queued by an earlier version under the single outbox key, and moves it to its own key', async () => {
    const setup = await setUpProgramme(worker.url, worker.adminToken, {
      name: 'Upgraded programme',
      participants: [erin, finn],
      pairs: [{ a: erin.email, b: finn.email, startsOn: '2026-01-01' }],
    });
    feeds.set('/erin.ics', icsFor('e2e-erin-finn@twoway.test', erin, finn));
    const { context, extensionId } = await launch();
    try {
      const page = await context.newPage();
      await onboard(page, extensionId, { code: setup.participants[erin.email]!.inviteCode }, '/erin.ics');
      const prompts = (await local(page, 'prompts')) as Record<string, { pairId: string; eventKey: string; start: string; end: string; programmeId: string }>;
      const [key, prompt] = Object.entries(prompts)[0]!;
      const id = '0c9a4e1e-3b7d-4f2a-9e55-6d1f0a2b7c31';
      // What version 0.1.0 left behind: the answer in `outbox`, the prompt marked answered.
      await page.evaluate(
        async ({ key, prompt, id }) => {
          const chrome = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void>; get(k: string): Promise<Record<string, Record<string, object>>> } } } }).chrome;
          const { pairId, eventKey, start, end, programmeId } = prompt;
          const body = { pairId, eventKey, start, end, happened: true, value: 2, answeredAt: new Date().toISOString() };
          const entry = { id, programmeId, body, state: 'queued', version: 1, attempts: 3, nextAttemptAt: Date.now() + 3_600_000, lastError: 'Failed to fetch' };
          const all = (await chrome.storage.local.get('prompts')).prompts!;
          await chrome.storage.local.set({ outbox: { [id]: entry }, prompts: { ...all, [key]: { ...all[key], state: 'answered', responseId: id } } });
        },
        { key, prompt, id },
      );
      expect(Object.keys(await outboxOf(page))).toEqual([]);

      // "Try again now" after the update.
      await page.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'flush-outbox', now: true }),
      );
      await expect.poll(async () => ((await outboxOf(page))[id] as { state?: string } | undefined)?.state).toBe('sent');
      expect(await local(page, 'outbox')).toBeUndefined();
      const responses = await myResponses(page);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ id, value: 2 });
    } finally {
      await context.close();
    }
  });
});
