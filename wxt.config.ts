import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension lives in extension/; WXT builds it to .output/<browser>-mv<n>.
// Google sign-in needs an OAuth client id registered for the extension's id:
// set WXT_GOOGLE_CLIENT_ID when building for Chrome (Firefox has no getAuthToken).
// Without it the options page does not offer Google Calendar (extension/README.md).
const googleClientId = process.env.WXT_GOOGLE_CLIENT_ID;
// The page the stores link to; a deployment sets its own (README, "Publishing the extension").
const homepageUrl = process.env.WXT_HOMEPAGE_URL ?? 'https://twoway.example.org/';

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
    homepage_url: homepageUrl,
    permissions: ['storage', 'alarms', 'notifications'],
    // Asked for at run time, from a click: the programme server and the calendar feed, and
    // `identity` only when the person connects Google Calendar or Microsoft 365.
    optional_permissions: ['identity'],
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
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'twoway@twoway.example.org',
              // 140 is the first Firefox with built-in data consent, which addons.mozilla.org requires.
              strict_min_version: '140.0',
              // What leaves the browser: the participant's sign-in token, and their answers,
              // which are tied to them as a named participant of the programme.
              data_collection_permissions: { required: ['authenticationInfo', 'personallyIdentifyingInfo'] },
            },
          },
        }
      : {}),
    ...(browser !== 'firefox' && googleClientId
      ? { oauth2: { client_id: googleClientId, scopes: ['https://www.googleapis.com/auth/calendar.readonly'] } }
      : {}),
  }),
});
