// Runs the real Worker under `wrangler dev --local` for `npm start`, the benchmark
// and the end-to-end tests (a Node-only dev tool: tests import it, never the reverse).
// wrangler is started directly (not through npx) in its own process group, so
// stopping the group also stops workerd and esbuild.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export interface RunningWorker {
  url: string;
  port: number;
  adminToken: string;
  persistDir: string;
  /** The DevTools port wrangler opens on the Worker's isolate (CPU profiles: test/bench/profile.ts). */
  inspectorPort: number;
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  port?: number;
  persistDir?: string;
  seedDemo?: boolean;
  vars?: Record<string, string>;
  /** Forward wrangler's output to this process (npm start does). */
  inheritOutput?: boolean;
  /** Milliseconds to wait for /api/v1/health. */
  readyTimeoutMs?: number;
  /**
   * Reload when worker/ or shared/ sources change (npm start does). Off by default:
   * the tree is shared, and a reload mid-request answers 503, so tests and the
   * benchmark run a snapshot of the Worker and the dashboard taken at start.
   */
  watch?: boolean;
}

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const wranglerBin = join(repoRoot, 'node_modules', '.bin', 'wrangler');
// Keep wrangler off the internet: no metrics, no update check (banner), no Request.cf download.
const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
  NO_COLOR: '1',
};

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Applies worker/migrations to the local D1 kept under persistDir. */
export function applyMigrations(persistDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      wranglerBin,
      ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir],
      { cwd: repoRoot, env: wranglerEnv, timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`migrations failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

/** Runs a SQL file against the local D1 kept under persistDir (the demo's rows that no route imports). */
export function executeLocalSql(persistDir: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      wranglerBin,
      ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', file],
      { cwd: repoRoot, env: wranglerEnv, timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`d1 execute failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

/**
 * A frozen copy of the Worker as it is now: wrangler's own bundle (no deploy), a
 * copy of the built dashboard, and a wrangler.toml pointing at both. wrangler dev
 * watches its script and assets folder, and other engineers rebuild .output/dashboard
 * at any moment; a reload mid-request answers 503.
 */
async function snapshotWorker(): Promise<{ dir: string; config: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'twoway-snapshot-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        wranglerBin,
        ['deploy', '--dry-run', '--outdir', join(dir, 'bundle')],
        { cwd: repoRoot, env: wranglerEnv, timeout: 120_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`bundling the Worker failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
      );
    });
    cpSync(join(repoRoot, '.output', 'dashboard'), join(dir, 'assets'), { recursive: true });
    const toml = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8')
      .replace(/^main\s*=.*$/m, 'main = "bundle/index.js"')
      .replace(/^directory\s*=.*$/m, 'directory = "assets"')
      .replace(/^migrations_dir\s*=.*$/m, `migrations_dir = ${JSON.stringify(join(repoRoot, 'worker', 'migrations'))}`);
    const config = join(dir, 'wrangler.toml');
    writeFileSync(config, toml);
    return { dir, config };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function startWorker(opts: StartWorkerOptions = {}): Promise<RunningWorker> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOnce(opts);
    } catch (error) {
      // freePort() races with every other process on the machine: the port can be
      // taken before wrangler binds it. Another free port is as good, unless the caller chose one.
      const portTaken = /Address already in use/.test(error instanceof Error ? error.message : String(error));
      if (!portTaken || opts.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function startWorkerOnce(opts: StartWorkerOptions): Promise<RunningWorker> {
  const port = opts.port ?? (await freePort());
  const ownsDir = !opts.persistDir;
  const persistDir = opts.persistDir ?? mkdtempSync(join(tmpdir(), 'twoway-worker-'));
  const adminToken = opts.vars?.ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
  const vars = { ...opts.vars, ADMIN_TOKEN: adminToken };
  // wrangler.toml serves static assets from here; wrangler refuses to start without it.
  mkdirSync(join(repoRoot, '.output', 'dashboard'), { recursive: true });
  mkdirSync(persistDir, { recursive: true });
  let snapshot: { dir: string; config: string } | undefined;
  try {
    await applyMigrations(persistDir);
    snapshot = opts.watch ? undefined : await snapshotWorker();
  } catch (error) {
    if (ownsDir) rmSync(persistDir, { recursive: true, force: true });
    throw error;
  }
  const source = snapshot ? ['--config', snapshot.config, '--no-bundle'] : [];
  const args = ['dev', ...source, '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistDir];
  const inspectorPort = await freePort();
  args.push('--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false');
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const child = spawn(wranglerBin, args, {
    cwd: repoRoot,
    env: opts.watch ? wranglerEnv : { ...wranglerEnv, WRANGLER_CI_DISABLE_CONFIG_WATCHING: 'true' },
    detached: true,
    stdio: ['ignore', opts.inheritOutput ? 'inherit' : 'pipe', opts.inheritOutput ? 'inherit' : 'pipe'],
  });
  const output = captureTail(child);
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopGroup(child);
    process.removeListener('exit', killOnExit);
    if (ownsDir) rmSync(persistDir, { recursive: true, force: true });
    if (snapshot) rmSync(snapshot.dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, opts.readyTimeoutMs ?? 90_000, output);
    if (opts.seedDemo) {
      const { ensureDemo } = await import('./demo');
      await ensureDemo(url, adminToken, persistDir);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, adminToken, persistDir, inspectorPort, stop };
}

/** The last few KB of wrangler's output, for a useful error when it fails to start. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`wrangler dev did not answer ${url}/api/v1/health within ${timeoutMs} ms:\n${output()}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the whole group, then SIGKILL whatever is left after a few seconds. */
async function stopGroup(child: ChildProcess, graceMs = 4000) {
  signalGroup(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(child) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!groupAlive(child)) return;
  signalGroup(child, 'SIGKILL');
  // Bounded: an unreaped zombie would keep the group "alive" forever.
  const killDeadline = Date.now() + 3000;
  while (groupAlive(child) && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
