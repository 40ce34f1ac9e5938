// Builds the coordinator and sponsor dashboards into .output/dashboard, which
// wrangler.toml serves as static assets next to the Worker's /api routes.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../../.output/dashboard', import.meta.url)),
    emptyOutDir: true,
    // The Worker sends `script-src 'self'`: keep every script in a file, never inlined.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `vite --config worker/dashboard/vite.config.ts` during development: forward the API to `npm start`.
    proxy: { '/api': process.env.TWOWAY_API ?? 'http://127.0.0.1:8787' },
  },
});
