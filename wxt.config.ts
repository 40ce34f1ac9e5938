import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension lives in extension/; WXT builds it to .output/<browser>-mv<n>.
// Google sign-in needs an OAuth client id registered for the extension's id:
// set WXT_GOOGLE_CLIENT_ID when building for Chrome (Firefox has no getAuthToken).
const googleClientId = process.env.WXT_GOOGLE_CLIENT_ID;

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  publicDir: 'extension/public',
  // MV3 for Firefox too (background scripts instead of a service worker), so both
  // browsers get `action` and optional_host_permissions.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  // The sources zip (for addons.mozilla.org review) must never carry local secrets or test output.
  zip: { excludeSources: ['test-results/**', '.wrangler/**', '**/.dev.vars', '.ci/**'] },
  manifest: ({ browser, mode }) => ({
    name: 'Twoway',
    description: 'One-click feedback after each mentoring session, so both people can see the relationship grow.',
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    // The programme server and the calendar feed are asked for at run time, from a click.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    // `wxt build --mode e2e` (.output/chrome-mv3-e2e) pre-grants loopback, because a
    // headless browser cannot click "Allow" on the runtime permission prompt.
    ...(mode === 'e2e' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    action: { default_title: 'Twoway' },
    // No inline or remote scripts on extension pages; stated rather than left to defaults.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'self'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'twoway@twoway.example.org', strict_min_version: '128.0' } } }
      : {}),
    ...(browser !== 'firefox' && googleClientId
      ? { oauth2: { client_id: googleClientId, scopes: ['https://www.googleapis.com/auth/calendar.readonly'] } }
      : {}),
  }),
});
