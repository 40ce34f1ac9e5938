import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { defineConfig, defineProject } from 'vitest/config';
import preact from '@preact/preset-vite';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// wrangler.toml serves the built dashboard from here; the Worker tests need
// the folder to exist even before the first build.
mkdirSync('.output/dashboard', { recursive: true });

const migrationsDir = fileURLToPath(new URL('./worker/migrations', import.meta.url));

// Five suites, one per part of Twoway: pure shared code on Node, the Worker
// inside workerd on a real D1, the extension against WXT's fake browser,
// dashboard components in happy-dom, and end-to-end runs in a real Chromium.
export default defineConfig({
  test: {
    projects: [
      defineProject({
        test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node', setupFiles: ['test/support/fast-check-seed.ts'] },
      }),
      defineProject({
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ADMIN_TOKEN: 'test-admin-token',
                RATE_LIMIT_PER_MINUTE: '100000',
                // Sizes of the fuzz run (test/worker/fuzz.test.ts); workerd cannot read process.env.
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? '',
                FUZZ_SEED: process.env.FUZZ_SEED ?? '',
                TEST_MIGRATIONS: await readD1Migrations(migrationsDir),
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/apply-migrations.ts', 'test/support/fast-check-seed.ts'],
          // Some tests write thousands of rows; a busy 2-core machine needs more than 5 s for them.
          testTimeout: 30_000,
        },
      }),
      defineProject({
        // preact() so .tsx views and their tests compile with Preact's JSX runtime.
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'extension',
          include: ['test/extension/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/support/fast-check-seed.ts'],
        },
      }),
      defineProject({
        plugins: [preact()],
        test: { name: 'dashboard', include: ['test/dashboard/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      }),
      defineProject({
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      }),
    ],
  },
});
