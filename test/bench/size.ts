// `npm run size`: gzipped size of the JavaScript each surface loads at start:
// the extension's popup and background, and the dashboard. A page's size is
// its HTML's scripts and modulepreloads plus their static imports (lazy
// chunks load later and are not counted). Builds first unless SKIP_BUILD=1
// and the outputs exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../../worker/dev/wrangler-dev';

export interface BundleSize {
  name: 'popup' | 'background' | 'dashboard';
  files: string[];
  bytes: number;
  gzipBytes: number;
  budgetGzipBytes: number;
}

const KB = 1024;
const chrome = join(repoRoot, '.output', 'chrome-mv3');
const dashboard = join(repoRoot, '.output', 'dashboard');

const ENTRIES = [
  { name: 'popup', root: chrome, html: 'popup.html', budget: 15 * KB },
  { name: 'background', root: chrome, script: 'background.js', budget: 40 * KB },
  { name: 'dashboard', root: dashboard, html: 'index.html', budget: 90 * KB },
] as const;

/** Scripts an HTML page loads at start (module scripts and modulepreloads), as absolute paths. */
function pageScripts(root: string, htmlFile: string): string[] {
  const html = readFileSync(join(root, htmlFile), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g),
  ].map((m) => m[1] ?? m[2] ?? '');
  return refs.filter((ref) => ref.endsWith('.js')).map((ref) => join(root, ref.replace(/^\//, '')));
}

/** The file and every module it imports statically, transitively. */
function withStaticImports(files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // `import{..}from"./x.js"` and `import"./x.js"`; `import("./x.js")` (lazy) does not match.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(resolve(dirname(file), m[1] as string));
    }
  };
  files.forEach(visit);
  return [...seen];
}

export function bundleSizes(): BundleSize[] {
  return ENTRIES.map((entry) => {
    const start = 'html' in entry ? pageScripts(entry.root, entry.html) : [join(entry.root, entry.script)];
    const files = withStaticImports(start);
    const contents = files.map((file) => readFileSync(file));
    return {
      name: entry.name,
      files: files.map((file) => relative(repoRoot, file)),
      bytes: contents.reduce((sum, c) => sum + c.length, 0),
      // Each file travels (and is cached) on its own, so each is gzipped on its own.
      gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0),
      budgetGzipBytes: entry.budget,
    };
  });
}

/** Builds the extension and the dashboard unless SKIP_BUILD=1 and both outputs are there. */
export function buildForSize() {
  const built = existsSync(join(chrome, 'popup.html')) && existsSync(join(dashboard, 'index.html'));
  if (process.env.SKIP_BUILD === '1' && built) return;
  for (const script of ['build:extension', 'build:dashboard']) {
    // Quiet unless it fails: the error then carries the build's output.
    execFileSync('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'pipe' });
  }
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function main() {
  buildForSize();
  const sizes = bundleSizes();
  console.log('bundle       raw        gzip       budget     files');
  for (const s of sizes) {
    const verdict = s.gzipBytes <= s.budgetGzipBytes ? 'ok' : 'OVER';
    console.log(
      `${s.name.padEnd(12)} ${kb(s.bytes).padEnd(10)} ${kb(s.gzipBytes).padEnd(10)} ${`${kb(s.budgetGzipBytes)} ${verdict}`.padEnd(10)} ${s.files.join(' ')}`,
    );
  }
  if (sizes.some((s) => s.gzipBytes > s.budgetGzipBytes)) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
