// Builds what the browser tests load: the extension (.output/chrome-mv3) and
// the dashboard (.output/dashboard). Set SKIP_BUILD=1 to reuse a fresh build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function buildForBrowserTests() {
  if (process.env.SKIP_BUILD === '1') return;
  // vitest sets NODE_ENV=test, which would give development builds of Preact; the
  // browser tests and the bundle budgets are about what people install.
  const env = { ...process.env, NODE_ENV: 'production' };
  execSync('npm run --silent build:extension', { stdio: 'inherit', env });
  if (existsSync('worker/dashboard/vite.config.ts')) {
    execSync('npm run --silent build:dashboard', { stdio: 'inherit', env });
  }
}
