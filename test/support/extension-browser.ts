// The extension as the browser tests load it: the e2e build (which is granted
// loopback up front, see extension/README.md) in a Chromium with a profile of
// its own. Set SKIP_BUILD=1 to reuse a fresh build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { repoRoot } from '../../worker/dev/wrangler-dev';
import { CHROMIUM_FLAGS } from './chromium';

export const extensionDir = join(repoRoot, '.output', 'chrome-mv3-e2e');

/** Builds the e2e extension unless SKIP_BUILD=1 and a build is there. */
export function buildExtensionForTests(): void {
  if (process.env.SKIP_BUILD !== '1' || !existsSync(extensionDir)) execSync('npx wxt build --mode e2e', { cwd: repoRoot, stdio: 'ignore' });
}

/** Chromium with the extension loaded; `profileDir` '' is a new, throw-away profile. */
export async function launchWithExtension(
  executablePath: string, profileDir = '', viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    ...(viewport ? { viewport } : {}),
  });
  try {
    const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return { context, extensionId: new URL(serviceWorker.url()).host };
  } catch (error) {
    await context.close();
    throw error;
  }
}
