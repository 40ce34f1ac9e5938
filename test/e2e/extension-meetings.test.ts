// Which meetings become sessions, end to end in a real Chromium with the real
// Worker: an Outlook-style ICS feed on 127.0.0.1 (a Windows time-zone name with
// its VTIMEZONE, a programme all-hands, a declined meeting, a title that only
// contains the programme word) prompts only for the partner's meetings; "This
// wasn't a mentoring session" removes one prompt for good, and the
// coordinator's dashboard numbers keep no trace of it.
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
const ana = { displayName: 'Ana Costa', email: 'ana@example.com' };
const ben = { displayName: 'Ben Okafor', email: 'ben@example.com' };
const MINUTE = 60_000;

const utcStamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Local wall-clock time in Europe/Berlin, which Outlook calls "W. Europe Standard Time". */
function berlinStamp(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

const W_EUROPE = [
  'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
  'END:VTIMEZONE',
];

/** Ana's Outlook feed; every meeting ended a few minutes before `now`. */
function anasFeed(now: number) {
  const oneToOne = { start: now - 40 * MINUTE, end: now - 10 * MINUTE };
  const budget = { start: now - 70 * MINUTE, end: now - 45 * MINUTE };
  const vevent = (uid: string, summary: string, start: number, end: number, people: string[], zoned = false) => [
    'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utcStamp(now - 86_400_000)}`,
    zoned ? `DTSTART;TZID="W. Europe Standard Time":${berlinStamp(start)}` : `DTSTART:${utcStamp(start)}`,
    zoned ? `DTEND;TZID="W. Europe Standard Time":${berlinStamp(end)}` : `DTEND:${utcStamp(end)}`,
    `SUMMARY;LANGUAGE=en-US:${summary}`, ...people, 'END:VEVENT',
  ];
  const attendee = (email: string, partstat = 'ACCEPTED') => `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};CN=${email}:mailto:${email}`;
  const crowd = Array.from({ length: 12 }, (_, i) => attendee(`colleague${i}@example.com`));
  const text = [
    'BEGIN:VCALENDAR', 'METHOD:PUBLISH', 'PRODID:Microsoft Exchange Server 2010', 'VERSION:2.0', ...W_EUROPE,
    ...vevent('e2e-1to1@outlook', 'Ana / Ben reverse mentoring 1:1', oneToOne.start, oneToOne.end, [`ORGANIZER;CN=Ana:mailto:${ana.email}`, attendee(ben.email)], true),
    ...vevent('e2e-budget@outlook', "Ben's budget review", budget.start, budget.end, [`ORGANIZER;CN=Dan:mailto:dan@example.com`, attendee(ana.email), attendee(ben.email)]),
    ...vevent('e2e-allhands@outlook', 'Reverse mentoring programme all-hands', now - 120 * MINUTE, now - 90 * MINUTE, [`ORGANIZER;CN=People:mailto:people@example.com`, attendee(ana.email), ...crowd]),
    ...vevent('e2e-declined@outlook', 'Ben: team demo', now - 200 * MINUTE, now - 170 * MINUTE, [`ORGANIZER;CN=Ben:mailto:${ben.email}`, attendee(ana.email, 'DECLINED')]),
    ...vevent('e2e-torment@outlook', 'Tormentoring rehearsal', now - 300 * MINUTE, now - 270 * MINUTE, []),
    'END:VCALENDAR', '',
  ];
  return { text: text.join('\r\n'), oneToOne };
}

describe.skipIf(!executablePath)('which meetings prompt, end to end (Chromium)', () => {
  let worker: RunningWorker;
  let persistDir: string;
  let ics: Server;
  let icsBase: string;
  let feed = '';

  beforeAll(async () => {
    buildExtensionForTests();
    mkdirSync(shots, { recursive: true });
    persistDir = mkdtempSync(join(tmpdir(), 'twoway-meetings-e2e-'));
    worker = await startWorker({ persistDir });
    ics = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
      res.end(feed);
    });
    await new Promise<void>((resolve) => ics.listen(0, '127.0.0.1', resolve));
    icsBase = `http://127.0.0.1:${(ics.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await worker?.stop();
    await new Promise((resolve) => ics?.close(resolve));
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${worker.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  const local = (page: Page, key: string) =>
    page.evaluate(async (k) => {
      const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await chrome.storage.local.get(k))[k];
    }, key);

  it('prompts only for the partner\'s meetings; "not a mentoring session" leaves no trace', async () => {
    const setup = await setUpProgramme(worker.url, worker.adminToken, {
      name: 'Reverse mentoring 2026',
      participants: [ana, ben],
      pairs: [{ a: ana.email, b: ben.email, mentor: ana.email, startsOn: '2026-01-01' }],
    });
    const coordinator = setup.coordinatorToken;
    expect((await api('PATCH', `/programmes/${setup.programmeId}`, coordinator, { meetingKeywords: ['mentoring'] })).status).toBe(200);
    const now = Date.now();
    // Three earlier sessions, answered by both, so the pair has both voices and its numbers show.
    const [anaId, benId] = [setup.participants[ana.email]!.id, setup.participants[ben.email]!.id];
    const history = [30, 20, 10].map((days) => {
      const start = new Date(Math.floor(now / 86_400_000) * 86_400_000 - days * 86_400_000 + 10 * 3_600_000);
      return JSON.stringify({
        pairId: setup.pairIds[0], eventKey: `earlier/${start.toISOString()}`, start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        responses: [{ participantId: anaId, happened: true, value: 4 }, { participantId: benId, happened: true, value: 4 }],
      });
    }).join('\n');
    const imported = await fetch(`${worker.url}/api/v1/programmes/${setup.programmeId}/history`, {
      method: 'POST', headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/x-ndjson' }, body: history,
    });
    expect(await imported.json()).toMatchObject({ sessions: 3, responses: 6, rejected: [] });
    // Today's sessions count from tomorrow's as-of day on (a day's numbers are whole days).
    const tomorrow = new Date(Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000).toISOString().slice(0, 10);
    const { text, oneToOne } = anasFeed(now);
    feed = text;

    const { context, extensionId } = await launchWithExtension(executablePath!, '', { width: 760, height: 900 });
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.getByLabel('Invite link or code').fill(setup.participants[ana.email]!.inviteCode);
      await page.getByLabel('Programme server').fill(worker.url);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('status').filter({ hasText: 'Joined' }).waitFor();
      await page.getByLabel('Where your meetings are').selectOption('ics');
      await page.getByLabel('Secret address in iCal format').fill(`${icsBase}/ana.ics`);
      await page.getByRole('button', { name: 'Save calendar settings' }).click();
      await page.locator('[data-poll="ok"]').waitFor();
      expect(await page.locator('[data-rules]').innerText()).toContain('“mentoring”');

      // Only the two meetings Ben is invited to (and Ana did not decline) prompt.
      const prompts = (await local(page, 'prompts')) as Record<string, { title: string; rule: string; start: string; state: string }>;
      expect(Object.values(prompts).map((p) => [p.title, p.rule, p.state]).sort()).toEqual([
        ['Ana / Ben reverse mentoring 1:1', 'partner_attendee', 'open'],
        ["Ben's budget review", 'partner_attendee', 'open'],
      ]);
      // The 1:1 was written in "W. Europe Standard Time" wall-clock time; it reads back as the same instant.
      const oneToOneKey = Object.keys(prompts).find((k) => prompts[k]!.title.startsWith('Ana / Ben'))!;
      expect(prompts[oneToOneKey]!.start).toBe(new Date(Math.floor(oneToOne.start / 1000) * 1000).toISOString());
      const budgetKey = Object.keys(prompts).find((k) => k !== oneToOneKey)!;
      await page.getByRole('table').filter({ hasText: 'Why' }).waitFor();
      expect(await page.locator('tr[data-match="partner_attendee"]').count()).toBe(2);
      await page.screenshot({ path: join(shots, 'extension-matched-meetings.png'), fullPage: true });

      // Both sessions were reported when they prompted: the dashboard sees two (unanswered) sessions.
      const dashboard = async () => (await api('GET', `/programmes/${setup.programmeId}/dashboard?asOf=${tomorrow}`, coordinator)).body.summary;
      // responseRate's n is two answers expected per session: 3 earlier sessions, all answered, and these two.
      await expect.poll(async () => (await dashboard()).responseRate).toMatchObject({ value: 0.6, n: 10 });

      await page.goto(`chrome-extension://${extensionId}/popup.html?prompt=${encodeURIComponent(budgetKey)}`);
      await page.getByRole('heading', { name: `How was your session with ${ben.displayName}?` }).waitFor();
      expect(await page.locator('[data-title]').innerText()).toBe("Ben's budget review");
      await page.screenshot({ path: join(shots, 'extension-not-a-session.png'), fullPage: true });
      await page.getByRole('button', { name: "This wasn't a mentoring session" }).click();
      // The prompt is gone from the view, which moves on to the real session.
      await page.locator('[data-title]').filter({ hasText: 'Ana / Ben reverse mentoring 1:1' }).waitFor();
      expect(await page.getByRole('button', { name: /Ben's budget review/ }).count()).toBe(0);
      await page.getByRole('button', { name: '4 of 5: Very useful' }).click();
      await page.locator('[data-status="sent"]').waitFor();

      // Ben answers the real session from his own extension (here: the API with his token).
      const benToken = (await (await fetch(`${worker.url}/api/v1/invites/redeem`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: setup.participants[ben.email]!.inviteCode }),
      })).json() as { participantToken: string }).participantToken;
      const [pairId, eventKey] = [oneToOneKey.slice(0, oneToOneKey.indexOf('|')), oneToOneKey.slice(oneToOneKey.indexOf('|') + 1)];
      const session = { pairId, eventKey, start: prompts[oneToOneKey]!.start, end: new Date(Math.floor(oneToOne.end / 1000) * 1000).toISOString() };
      expect((await api('PUT', `/responses/${crypto.randomUUID()}`, benToken, { ...session, happened: true, value: 5 })).status).toBe(201);

      // The Worker has Ana's not-a-session answer, and the dashboard counts the live session as held, with two answers of two,
      // beside the three earlier ones: the disowned meeting is in no count.
      await expect.poll(async () => {
        const me = await api('GET', '/me', (Object.values((await local(page, 'accounts')) as Record<string, { token: string }>)[0]!).token);
        const live = me.body.responses.filter((r: { eventKey: string }) => !r.eventKey.startsWith('earlier/'));
        return live.map((r: { happened: unknown }) => r.happened).sort();
      }).toEqual(['not_a_session', true].sort());
      const summary = await dashboard();
      expect(summary).toMatchObject({ sessionsHeld: 4, sessionsMissed: 0 });
      expect(summary.responseRate).toMatchObject({ value: 1, n: 8 });

      // Another poll does not bring it back.
      await page.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'poll-now' }),
      );
      const after = (await local(page, 'prompts')) as Record<string, { state: string; notASession?: boolean }>;
      expect(after[budgetKey]).toMatchObject({ state: 'answered', notASession: true });
      await page.reload();
      await page.locator('tr[data-response]').first().waitFor();
      expect(await page.getByRole('button', { name: /Ben's budget review/ }).count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain('Not a mentoring session');
    } finally {
      await context.close();
    }
  });
});
