// The dashboards in a real Chromium against the real Worker (wrangler dev) with
// the demo programme: sign in, charts paint, the at-risk list matches the API,
// a CSV import round-trips through the UI, and small sponsor cells are hidden.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, CHROMIUM_FLAGS } from '../support/chromium';
import { startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';
import type { Culture, Dashboard, QueuedRequest } from '../../shared/contract';

const executablePath = chromiumPath();
const SHOTS = 'test-results';

interface Demo {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
}

describe.skipIf(!executablePath)('dashboards in Chromium', () => {
  let worker: RunningWorker;
  let browser: Browser;
  let demo: Demo;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await startWorker({ seedDemo: true });
    demo = JSON.parse(readFileSync(`${worker.persistDir}/demo.json`, 'utf8')) as Demo;
    browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  async function api<T>(token: string, path: string): Promise<T> {
    const response = await fetch(`${worker.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A page that reports script errors and CSP violations; the document must carry the Worker's strict CSP. */
  async function openPage(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    const response = await page.goto(worker.url);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    return { context, page };
  }

  async function signIn(page: Page, role: 'coordinator' | 'sponsor' | 'admin', token: string, programmeId = '') {
    await page.check(`input[name="role"][value="${role}"]`);
    if (role !== 'admin') await page.fill('input[name="programmeId"]', programmeId);
    await page.fill('input[name="token"]', token);
    await page.click('button[type="submit"]');
  }

  /** Full-page shots from the top, so the sticky header sits where a reader sees it. */
  async function shoot(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** How many canvases have painted pixels, out of how many there are. */
  async function paintedCanvases(page: Page): Promise<{ painted: number; total: number }> {
    return page.evaluate(() => {
      const canvases = [...document.querySelectorAll('canvas')];
      const painted = canvases.filter((canvas) => {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) return false;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
        return false;
      });
      return { painted: painted.length, total: canvases.length };
    });
  }

  it('coordinator: charts paint and the at-risk table lists the API’s at-risk pairs with their reasons', async () => {
    const { context, page } = await openPage();
    await signIn(page, 'coordinator', demo.coordinatorToken, demo.programmeId);
    await page.waitForSelector('#at-risk-heading', { timeout: 30_000 });
    await page.waitForSelector('canvas');
    expect(page.url()).not.toContain(demo.coordinatorToken);

    const expected = await api<Dashboard>(demo.coordinatorToken, `/programmes/${demo.programmeId}/dashboard`);
    expect(expected.atRisk.length).toBeGreaterThan(0); // the demo has pairs at risk by design
    const rows = await page.$$eval('table.at-risk tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-pair-id'), text: (tr.textContent ?? '').replace(/\s+/g, ' ') })),
    );
    expect(rows.map((r) => r.id)).toEqual(expected.atRisk.map((p) => p.id));
    for (const [i, pair] of expected.atRisk.entries()) {
      for (const member of pair.members) expect(rows[i]!.text).toContain(member.displayName);
      for (const { reason } of pair.flags) expect(rows[i]!.text).toContain(reason.replace(/\s+/g, ' '));
    }

    const { painted, total } = await paintedCanvases(page);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(painted).toBe(total);
    await shoot(page, 'dashboard-coordinator');

    // Drill into the first at-risk pair.
    await page.click('table.at-risk tbody tr button.link');
    await page.waitForSelector('.drill-down .pair-detail', { timeout: 30_000 });
    const detailText = await page.textContent('.drill-down');
    for (const member of expected.atRisk[0]!.members) expect(detailText).toContain(member.displayName);
    await page.locator('.drill-down').screenshot({ path: `${SHOTS}/dashboard-pair.png` });

    // The pairs export downloads through fetch with the token, and matches the API's file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download pairs CSV')]);
    const downloaded = readFileSync((await download.path())!, 'utf8');
    const direct = await (
      await fetch(`${worker.url}/api/v1/programmes/${demo.programmeId}/export.csv?kind=pairs`, { headers: { authorization: `Bearer ${demo.coordinatorToken}` } })
    ).text();
    expect(downloaded.split('\n')[0]).toBe(direct.split('\n')[0]);
    expect(downloaded.trim().split('\n').length).toBe(direct.trim().split('\n').length);

    // Half a laptop screen: wide tables scroll inside their card, the page itself does not.
    // chart.js resizes its canvases on a ResizeObserver callback, so give layout a moment to settle.
    await page.setViewportSize({ width: 700, height: 900 });
    const overflowOf = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, null, { timeout: 5_000 }).catch(() => {});
    expect(await overflowOf()).toBeLessThanOrEqual(0);
    await shoot(page, 'dashboard-coordinator-700px');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('sponsor: multi-year charts paint, and cells from fewer than k pairs read "fewer than k pairs"', async () => {
    const { context, page } = await openPage();
    await signIn(page, 'sponsor', demo.sponsorToken, demo.programmeId);
    await page.waitForSelector('#yoy-heading', { timeout: 30_000 });
    expect(await page.$$eval('nav button', (b) => b.map((x) => x.textContent))).toEqual(['Culture']);
    const { painted, total } = await paintedCanvases(page);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(painted).toBe(total);
    await shoot(page, 'dashboard-sponsor');

    // Find a segmentation where the API hides at least one cell, and check the page shows each cell as the API says.
    let checked = 0;
    for (const by of ['region', 'function', 'generation', 'cohort'] as const) {
      const expected = await api<Culture>(demo.sponsorToken, `/programmes/${demo.programmeId}/culture?period=year&by=${by}`);
      await page.selectOption('label:has-text("Segment by") select', by);
      await page.waitForSelector(`#segment-heading:has-text("By ${by}")`, { timeout: 30_000 });
      await page.waitForSelector('.state.updating', { state: 'detached' });
      const k = expected.programme.kAnonymity;
      const cells = await page.$$eval('table.segments tbody tr', (trs) =>
        trs.flatMap((tr) => {
          const segment = tr.querySelector('th')?.textContent ?? '';
          const periods = [...tr.closest('table')!.querySelectorAll('thead th')].slice(1).map((th) => th.textContent ?? '');
          return [...tr.querySelectorAll('td')].map((td, i) => ({ segment, period: periods[i]!, text: td.textContent ?? '' }));
        }),
      );
      for (const cell of expected.segments) {
        const shown = cells.find((c) => c.segment === (cell.segment || '(none)') && c.period === cell.period);
        expect(shown, `${by} ${cell.segment} ${cell.period}`).toBeDefined();
        if (cell.suppressed) {
          expect(shown!.text).toBe(`fewer than ${k} pairs`);
          checked++;
        } else {
          expect(shown!.text).not.toContain('fewer than');
        }
      }
      if (checked > 0) {
        await shoot(page, `dashboard-sponsor-${by}`);
        break;
      }
    }
    expect(checked).toBeGreaterThan(0);

    // Half a laptop screen: nothing overflows the page sideways.
    await page.setViewportSize({ width: 700, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, 'dashboard-sponsor-700px');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('set-up: create a programme, import a CSV through the UI (twice), see invites, add a pair, and a new programme’s sponsor sees nothing of its two small pairs', async () => {
    const { context, page } = await openPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.url });
    await signIn(page, 'admin', worker.adminToken);
    await page.fill('label:has-text("Name") input', 'E2E cohort');
    await page.click('text=Create programme');
    await page.waitForSelector('.secrets');
    const secret = async (label: string) => (await page.textContent(`.secret:has(dt:text-is("${label}")) code`))!.trim();
    const created = { id: await secret('Programme id'), coordinator: await secret('Coordinator token'), sponsor: await secret('Sponsor token') };
    await page.click('.secret:has(dt:text-is("Sponsor token")) button.copy');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.sponsor);
    await shoot(page, 'dashboard-create');

    await page.click('text=Continue as coordinator');
    await page.click('nav button:has-text("Set-up")');
    const csv = [
      'type,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays',
      'participant,Ines Alves,ines@e2e.example,Sales,EMEA,Gen Z,,,,,,,',
      'participant,Karl Ode,karl@e2e.example,Finance,EMEA,Boomer,,,,,,,',
      'participant,Lena Wu,lena@e2e.example,IT,APAC,Millennial,,,,,,,',
      'participant,Bad Email,not-an-email,,,,,,,,,,',
      'pair,,,,,,ines@e2e.example,karl@e2e.example,ines@e2e.example,2026-a,2026-01-05,,14',
      'pair,,,,,,karl@e2e.example,nobody@e2e.example,,2026-a,2026-01-05,,14',
    ].join('\n');
    await page.fill('textarea', csv);
    await page.click('button:has-text("Import")');
    await page.waitForSelector('.import-report');
    const report = async () =>
      page.$$eval('.import-report tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    const first = await report();
    expect(first.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['2', 'participant', 'created'],
      ['3', 'participant', 'created'],
      ['4', 'participant', 'created'],
      ['5', 'participant', 'rejected'],
      ['6', 'pair', 'created'],
      ['7', 'pair', 'rejected'],
    ]);
    expect(await page.textContent('.import-report strong')).toBe('4 created, 0 already there, 2 rejected.');

    // The participant list reloads with everyone just imported, each with an invite link.
    await page.waitForSelector('table.participants tbody tr:has-text("Lena Wu")');
    const invites = await page.$$eval('table.participants tbody tr', (trs) =>
      trs.map((tr) => ({ name: tr.querySelector('th')?.textContent, link: tr.querySelector('.invite-link')?.textContent ?? '' })),
    );
    expect(invites.map((i) => i.name).sort()).toEqual(['Ines Alves', 'Karl Ode', 'Lena Wu']);
    for (const invite of invites) expect(invite.link).toMatch(new RegExp(`^${worker.url}/join#.{8,}`));

    // The same file again changes nothing.
    await page.click('button:has-text("Import")');
    await page.waitForFunction(() => document.querySelector('.import-report strong')?.textContent?.startsWith('0 created'));
    expect((await report()).map((r) => r[2])).toEqual(['existing', 'existing', 'existing', 'rejected', 'existing', 'rejected']);

    // A pair by hand: Lena and Karl.
    const ids = await page.$$eval('label:has-text("First person") option', (os) => os.map((o) => [o.textContent, (o as HTMLOptionElement).value]));
    const id = (name: string) => ids.find(([text]) => text?.startsWith(name))![1]!;
    await page.selectOption('label:has-text("First person") select', id('Lena Wu'));
    await page.selectOption('label:has-text("Second person") select', id('Karl Ode'));
    await page.fill('label:has-text("Cohort") input', '2026-b');
    await page.click('button:has-text("Add pair")');
    await page.waitForSelector('#pairs-setup-heading:has-text("Pairs (2)")');
    await shoot(page, 'dashboard-setup');

    // This programme has k = 5 and two pairs without sessions: its sponsor sees no numbers, only suppression.
    await page.click('text=Sign out');
    await signIn(page, 'sponsor', created.sponsor, created.id);
    await page.waitForSelector('#yoy-heading, .state.empty, .notice', { timeout: 30_000 });
    await page.selectOption('label:has-text("Segment by") select', 'region');
    await page.waitForSelector('#segment-heading:has-text("By region")', { timeout: 30_000 });
    await page.waitForSelector('.state.updating', { state: 'detached' });
    // No completed period has 5 active pairs, so nothing is shown, and no region is even named:
    // a segment value that appears only in hidden cells stays unnamed (SECURITY.md, "Sponsor culture").
    const shown = (await page.textContent('main')) ?? '';
    expect(shown).not.toMatch(/EMEA|APAC/);
    expect(shown).toMatch(/hidden|No periods/);
    const numbers = await page.$$eval('table.segments td, .tiles .kpi-value', (cells) => cells.filter((c) => /\d/.test(c.textContent ?? '')).length);
    expect(numbers).toBe(0);
    await shoot(page, 'dashboard-sponsor-small');

    expect(problems).toEqual([]);
    await context.close();
  });
  it('requests: the coordinator sees the demo\'s requests with their senders, and marks one handled', async () => {
    const { context, page } = await openPage();
    await signIn(page, 'coordinator', demo.coordinatorToken, demo.programmeId);
    await page.click('nav button:has-text("Requests")', { timeout: 30_000 });
    await page.waitForSelector('table.rematch-queue tbody tr', { timeout: 30_000 });
    const { requests } = await api<{ requests: QueuedRequest[] }>(demo.coordinatorToken, `/programmes/${demo.programmeId}/requests`);
    const rematch = requests.find((r) => r.kind === 'rematch')!;
    const rematchRow = (await page.textContent('table.rematch-queue tbody tr'))!;
    expect(rematchRow).toContain(rematch.from.displayName);
    expect(rematchRow).toContain(rematch.partner!.displayName);
    // The new partner is picked from the participants, never the sender or the current partner.
    const options = await page.$$eval('form.rematch-form option', (os) => os.map((o) => o.textContent));
    expect(options.length).toBeGreaterThan(2);
    expect(options).not.toContain(rematch.from.displayName);
    expect(options).not.toContain(rematch.partner!.displayName);
    expect(await page.$$eval('table.contact-queue tbody tr', (trs) => trs.length)).toBe(2);
    expect(await page.textContent('table.contact-queue tbody tr.urgent')).toContain('Urgent');
    await shoot(page, 'dashboard-requests');

    await page.click('table.contact-queue tbody tr:not(.urgent) button:has-text("Mark handled")');
    await page.waitForFunction(() => document.querySelectorAll('table.contact-queue tbody tr').length === 1);
    const open = await api<{ requests: QueuedRequest[] }>(demo.coordinatorToken, `/programmes/${demo.programmeId}/requests?kind=contact`);
    expect(open.requests.map((r) => r.urgency)).toEqual(['urgent']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
