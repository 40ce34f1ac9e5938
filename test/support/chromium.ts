// Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium. Under CI a missing browser fails the run instead of
// skipping it, so a broken install can never pass as green.
import { existsSync } from 'node:fs';

export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(candidate)) return candidate;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium not found at ${candidate}; install Debian's chromium or set CHROMIUM_PATH`);
  }
  return undefined;
}

/** Flags for a headless Chromium on a machine with no network beyond loopback. */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
