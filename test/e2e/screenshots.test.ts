// Every screen a new user meets, in light and dark, on a laptop (1366 px) and a
// phone (390 px), against the real Worker with the demo programme: the sign-in,
// each role's views, the join and privacy pages, and the extension's options
// and popup. The shots land in test-results/views/ for people to look at; the
// test itself holds each screen to what can break unseen: no script errors, no
// page wider than the window, and a theme that really follows the colour scheme.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, CHROMIUM_FLAGS } from '../support/chromium';
import { buildExtensionForTests, launchWithExtension } from '../support/extension-browser';
import { repoRoot, startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

const executablePath = chromiumPath();
const SHOTS = join(repoRoot, 'test-results', 'views');
const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [1366, 390] as const;

interface Demo {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
}

type Scheme = (typeof SCHEMES)[number];

/** The page's own background colour, to tell the themes apart. */
const background = (page: Page) =>
  page.evaluate(() => {
    const painted = [document.body, document.documentElement].map((el) => getComputedStyle(el).backgroundColor);
    return painted.find((colour) => colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') ?? 'rgb(255, 255, 255)';
  });
/** Whether an rgb() colour is dark (relative luminance under one half). */
function isDark(rgb: string): boolean {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map(Number);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
}

describe.skipIf(!executablePath)('every screen in light and dark, at 1366 and 390 px', () => {
  let worker: RunningWorker;
  let browser: Browser;
  let demo: Demo;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    buildExtensionForTests();
    worker = await startWorker({ seedDemo: true });
    demo = JSON.parse(readFileSync(`${worker.persistDir}/demo.json`, 'utf8')) as Demo;
    browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  /** Signs in on the dashboard's form. */
  async function signIn(page: Page, role: 'coordinator' | 'sponsor' | 'admin', token: string, programmeId = '') {
    await page.goto(worker.url);
    await page.check(`input[name="role"][value="${role}"]`);
    if (role !== 'admin') await page.fill('input[name="programmeId"]', programmeId);
    await page.fill('input[name="token"]', token);
    await page.click('button[type="submit"]');
  }

  /** The dashboard's screens, each reached from a fresh page and ready when its selector shows. */
  const screens: Array<{ name: string; open: (page: Page) => Promise<void> }> = [
    { name: 'sign-in', open: async (page) => { await page.goto(worker.url); await page.waitForSelector('input[name="token"]'); } },
    {
      name: 'coordinator-health',
      open: async (page) => {
        await signIn(page, 'coordinator', demo.coordinatorToken, demo.programmeId);
        await page.waitForSelector('#at-risk-heading', { timeout: 30_000 });
        await page.waitForSelector('canvas');
      },
    },
    {
      name: 'coordinator-pair',
      open: async (page) => {
        await signIn(page, 'coordinator', demo.coordinatorToken, demo.programmeId);
        await page.click('table.at-risk tbody tr button.link', { timeout: 30_000 });
        await page.waitForSelector('.drill-down .pair-detail', { timeout: 30_000 });
      },
    },
    {
      name: 'coordinator-setup',
      open: async (page) => {
        await signIn(page, 'coordinator', demo.coordinatorToken, demo.programmeId);
        await page.click('nav button:has-text("Set-up")', { timeout: 30_000 });
        await page.waitForSelector('table.participants', { timeout: 30_000 });
      },
    },
    {
      name: 'sponsor-culture',
      open: async (page) => {
        await signIn(page, 'sponsor', demo.sponsorToken, demo.programmeId);
        await page.waitForSelector('#yoy-heading', { timeout: 30_000 });
      },
    },
    {
      name: 'admin',
      open: async (page) => {
        await signIn(page, 'admin', worker.adminToken);
        await page.waitForSelector('#programmes-heading', { timeout: 30_000 });
        await page.waitForSelector('#programmes-heading ~ * tbody tr, section[aria-labelledby="programmes-heading"] tbody tr');
      },
    },
    { name: 'join', open: async (page) => { await page.goto(`${worker.url}/join#demo-invite-code`); await page.waitForSelector('ol.steps'); } },
    { name: 'privacy', open: async (page) => { await page.goto(`${worker.url}/privacy.html`); await page.waitForSelector('h1'); } },
  ];

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`dashboard and pages, ${scheme}, ${width} px`, async () => {
        const problems: string[] = [];
        for (const screen of screens) {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
          const page = await context.newPage();
          page.on('pageerror', (error) => problems.push(`${screen.name}: ${error.message}`));
          page.on('console', (message) => {
            if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`${screen.name}: ${message.text()}`);
          });
          await screen.open(page);
          await page.waitForSelector('.state.updating', { state: 'detached' }).catch(() => {});
          // chart.js resizes on a ResizeObserver callback: let the layout settle before measuring.
          await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, null, { timeout: 3_000 }).catch(() => {});
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${screen.name} is wider than ${width} px`).toBeLessThanOrEqual(0);
          expect(isDark(await background(page)), `${screen.name} follows the ${scheme} scheme`).toBe(scheme === 'dark');
          await page.screenshot({ path: join(SHOTS, `${screen.name}-${scheme}-${width}.png`), fullPage: true });
          await context.close();
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('the extension options page and popup, in both schemes and widths', async () => {
    const { context, extensionId } = await launchWithExtension(executablePath!);
    try {
      const page = await context.newPage();
      for (const [name, path, ready] of [
        ['extension-options', 'options.html', 'h1'],
        ['extension-popup', 'popup.html', 'main h1'],
      ] as const) {
        for (const scheme of SCHEMES as readonly Scheme[]) {
          for (const width of WIDTHS) {
            await page.setViewportSize({ width: name === 'extension-popup' ? Math.min(width, 400) : width, height: 800 });
            await page.emulateMedia({ colorScheme: scheme });
            await page.goto(`chrome-extension://${extensionId}/${path}`);
            await page.waitForSelector(ready);
            expect(isDark(await background(page)), `${name} follows the ${scheme} scheme`).toBe(scheme === 'dark');
            await page.screenshot({ path: join(SHOTS, `${name}-${scheme}-${width}.png`), fullPage: true });
          }
        }
      }
    } finally {
      await context.close();
    }
  });
});
