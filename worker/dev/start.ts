// `npm start`: build the dashboard and the extension, migrate the local D1,
// serve the Worker on 127.0.0.1:PORT with wrangler dev, and load the demo
// programme on first start. Ctrl-C stops wrangler and workerd.
//   PORT (8787), PERSIST_DIR (.wrangler/state), ADMIN_TOKEN (else kept in .dev.vars), SEED_DEMO=0
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, startWorker, type RunningWorker } from './wrangler-dev';
import { ensureDemo } from './demo';
import { describeLoop } from './demo-sharing';

const port = Number(process.env.PORT ?? 8787);
const persistDir = resolve(repoRoot, process.env.PERSIST_DIR ?? '.wrangler/state');
const seedDemo = process.env.SEED_DEMO !== '0';

/** ADMIN_TOKEN from the environment, else from .dev.vars, else a new one saved there for next time. */
function adminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const devVars = join(repoRoot, '.dev.vars');
  const saved = existsSync(devVars) ? /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m.exec(readFileSync(devVars, 'utf8'))?.[1] : undefined;
  if (saved) return saved;
  const token = randomBytes(24).toString('base64url');
  const prefix = existsSync(devVars) && !readFileSync(devVars, 'utf8').endsWith('\n') ? '\n' : '';
  appendFileSync(devVars, `${prefix}ADMIN_TOKEN="${token}"\n`);
  return token;
}

function run(script: string) {
  console.log(`> npm run ${script}`);
  execFileSync('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit' });
}

/** The dashboard when it can be built, else a placeholder page so the Worker's assets binding has a folder. */
function buildDashboard() {
  if (existsSync(join(repoRoot, 'worker/dashboard/vite.config.ts'))) return run('build:dashboard');
  const dir = join(repoRoot, '.output/dashboard');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'index.html'))) {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Twoway</title><p>The dashboard is not built yet.</p>\n');
  }
}

let worker: RunningWorker | undefined;

async function main() {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const token = adminToken();
  buildDashboard();
  run('build:extension');
  mkdirSync(persistDir, { recursive: true });

  const shutDown = async () => {
    console.log('\nStopping wrangler…');
    await worker?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutDown());
  process.once('SIGTERM', () => void shutDown());

  worker = await startWorker({ port, persistDir, vars: { ADMIN_TOKEN: token }, inheritOutput: true, watch: true });
  const lines = [
    '',
    `Twoway is running on ${worker.url}`,
    `  dashboard        ${worker.url}/   (sign in with a token below)`,
    `  admin token      ${token}`,
    `  extension        ${join(repoRoot, '.output/chrome-mv3')}   (chrome://extensions → Developer mode → Load unpacked)`,
    `  local D1         ${persistDir}`,
  ];
  if (seedDemo) {
    const demo = await ensureDemo(worker.url, token, persistDir, (step) => console.log(step));
    lines.push(
      `  demo programme   ${demo.programmeId}${demo.created ? ' (just loaded)' : ''}`,
      `  coordinator      ${demo.coordinatorToken}`,
      `  sponsor          ${demo.sponsorToken}`,
      ...describeLoop(demo.loop, worker.url),
      `  (saved in ${join(persistDir, 'demo.json')})`,
    );
  }
  console.log(`${lines.join('\n')}\n\nPress Ctrl-C to stop.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await worker?.stop();
  process.exit(1);
});
