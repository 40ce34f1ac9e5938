// `tsx test/bench/profile.ts [--pairs N] [--what history|setup|dashboard|culture]`: a CPU profile of the
// Worker's isolate (through the DevTools port `wrangler dev` opens) while it does one job of the
// benchmark, printed as the functions with the most self time. Only the Worker's JavaScript is
// sampled: the local D1 runs SQLite outside it, so the profile's idle share is time spent waiting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { generateProgramme, postHistory } from '../../worker/dev/synthetic-programme';
import { callApi } from '../../worker/dev/twoway-client';
import { startWorker } from '../../worker/dev/wrangler-dev';
import { importProgrammeCsv } from './csv-setup';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }

async function devtools(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve) => socket.once('open', resolve));
  let next = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: object = {}) => new Promise<T>((resolve) => {
    const id = next++;
    pending.set(id, resolve as (result: unknown) => void);
    socket.send(JSON.stringify({ id, method, params }));
  });
  return { send, close: () => socket.close() };
}

function topSelfTime(nodes: ProfileNode[], samples: number, top = 25): string[] {
  const byName = new Map<string, number>();
  for (const node of nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byName.set(key, (byName.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, hits]) => `${((100 * hits) / samples).toFixed(1).padStart(5)}%  ${name}`);
}

async function main() {
  const argv = process.argv.slice(2);
  const pairs = Number(argv[argv.indexOf('--pairs') + 1] || 300);
  const what = argv.includes('--what') ? argv[argv.indexOf('--what') + 1] : 'history';
  const programme = generateProgramme({ seed: 42, pairs, startDate: '2023-01-01', endDate: new Date().toISOString(), name: 'Profile' });
  const persistDir = mkdtempSync(join(tmpdir(), 'twoway-profile-'));
  const worker = await startWorker({ persistDir, vars: { RATE_LIMIT_PER_MINUTE: '1000000000' }, inheritOutput: argv.includes('--verbose') });
  try {
    const target = { fetch, baseUrl: worker.url };
    const created = await callApi<{ id: string; coordinatorToken: string; sponsorToken: string }>(target, worker.adminToken, 'POST', '/programmes', { name: 'Profile' });
    const ref = { programmeId: created.id, coordinatorToken: created.coordinatorToken };
    const tools = await devtools(worker.inspectorPort);
    await tools.send('Profiler.enable');
    await tools.send('Profiler.setSamplingInterval', { interval: 200 });
    const job = async () => {
      const { ids } = await importProgrammeCsv(target, ref, programme, programme.participants.length);
      if (what === 'setup') return;
      await postHistory(target, ref, programme, ids, { concurrency: 1 });
      if (what === 'history') return;
      const url = what === 'culture' ? `/programmes/${created.id}/culture?period=quarter&by=function` : `/programmes/${created.id}/dashboard`;
      for (let i = 0; i < 5; i++) await callApi(target, what === 'culture' ? created.sponsorToken : created.coordinatorToken, 'GET', url);
    };
    await tools.send('Profiler.start');
    const started = performance.now();
    await job();
    const { profile } = await tools.send<{ profile: { nodes: ProfileNode[]; samples: number[] } }>('Profiler.stop');
    console.log(`${what}, ${pairs} pairs: ${((performance.now() - started) / 1000).toFixed(1)} s, ${profile.samples.length} samples`);
    console.log(topSelfTime(profile.nodes, profile.samples.length).join('\n'));
    tools.close();
  } finally {
    await worker.stop();
    rmSync(persistDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
