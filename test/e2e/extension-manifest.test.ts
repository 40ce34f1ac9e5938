// What the stores see: the Firefox build declares its data collection (which
// addons.mozilla.org requires of new listings) and builds without warnings,
// `identity` is asked for only at run time, and Google sign-in appears in the
// manifest only when a client id is given at build time.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../worker/dev/wrangler-dev';

interface Manifest {
  homepage_url?: string;
  permissions?: string[];
  optional_permissions?: string[];
  oauth2?: { client_id: string };
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[] } } };
}

/** Builds the extension for `browser` and returns what the build printed and the manifest it wrote. */
function build(browser: 'chrome' | 'firefox', env: Record<string, string> = {}): { log: string; manifest: Manifest } {
  // WXT prints its warnings on stderr, so both streams are kept.
  // A production build, as published (vitest's NODE_ENV=test would give development builds).
  const run = spawnSync('npx', ['wxt', 'build', '-b', browser], { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production', ...env }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wxt build -b ${browser} failed:\n${run.stderr}`);
  const log = `${run.stdout}\n${run.stderr}`;
  return { log, manifest: JSON.parse(readFileSync(join(repoRoot, '.output', `${browser}-mv3`, 'manifest.json'), 'utf8')) as Manifest };
}

describe('extension manifest', () => {
  it('builds for Firefox without warnings and declares the data it sends', () => {
    const { log, manifest } = build('firefox');
    expect(log).not.toMatch(/WARN/);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(
      expect.arrayContaining(['authenticationInfo', 'personallyIdentifyingInfo']),
    );
    expect(manifest.homepage_url).toMatch(/^https:\/\//);
  });

  it('asks for identity only at run time, and carries Google sign-in only with a client id', () => {
    const without = build('chrome').manifest;
    expect(without.permissions).not.toContain('identity');
    expect(without.optional_permissions).toContain('identity');
    expect(without.oauth2).toBeUndefined();
    const withId = build('chrome', { WXT_GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com' }).manifest;
    expect(withId.oauth2?.client_id).toBe('test-client.apps.googleusercontent.com');
    // Leave the ordinary Chrome build as the other browser tests expect it.
    build('chrome');
  });
});
