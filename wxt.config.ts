import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension lives in extension/; WXT builds it to .output/<browser>-mv<n>.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Twoway',
    description: 'One-click feedback after each mentoring session, so both people can see the relationship grow.',
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  },
});
