// `npm run bench`: Twoway at scale on this machine, against the real Worker
// under `wrangler dev --local` (workerd + local D1/SQLite), over loopback.
//   tsx test/bench/run.ts           10,000 pairs × 3 years (~1.2M responses), < 10 min on 2 cores
//   tsx test/bench/run.ts --quick   a tiny programme, for CI (seconds)
//   --pairs N                       another size
//   --verbose                       wrangler's log as well
// Progress goes to stderr; the table goes to stdout.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProgramme, postHistory, type HistoryTotals, type LoadedIds, type SyntheticProgramme } from '../../worker/dev/synthetic-programme';
import { callApi, createProgrammeWithPeople } from '../../worker/dev/twoway-client';
import { startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';
import { measureLatency, measureThroughput, type LatencyResult } from './http-load';
import { importProgrammeCsv } from './csv-setup';
import { rawSqliteInsert } from './raw-sqlite';
import { buildForSize, bundleSizes, kb } from './size';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

interface Settings {
  pairs: number;
  calls: number;
  liveConnections: number;
  liveRequests: number;
  liveSeconds: number;
  /**
   * History uploads in flight. One, as a migration script would: two concurrent
   * 10 MiB uploads restart the local workerd isolate (503), see README "Performance".
   */
  historyConcurrency: number;
}

function settings(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  const pairsFlag = argv.indexOf('--pairs');
  const pairs = pairsFlag >= 0 ? Number(argv[pairsFlag + 1]) : quick ? 30 : 10_000;
  if (!Number.isInteger(pairs) || pairs < 2) throw new Error('--pairs needs a whole number ≥ 2');
  return quick
    ? { pairs, calls: 5, liveConnections: 50, liveRequests: 500, liveSeconds: 5, historyConcurrency: 1 }
    : { pairs, calls: 20, liveConnections: 50, liveRequests: 20_000, liveSeconds: 15, historyConcurrency: 1 };
}

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** One line of the result table. */
export interface Row {
  measure: string;
  value: string;
  target: string;
  verdict: 'met' | 'NOT MET' | '';
}

const row = (measure: string, value: string, target = '', met?: boolean): Row => ({
  measure,
  value,
  target,
  verdict: met === undefined ? '' : met ? 'met' : 'NOT MET',
});

const ms = (x: number) => `${x.toFixed(1)} ms`;
const kbOf = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const wholeDay = (instant: number) => new Date(Math.floor(instant / DAY) * DAY).toISOString();
const perSec = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** The small programme whose members send live answers: every member gets a participant token. */
async function liveMembers(worker: RunningWorker, connections: number) {
  const target = { fetch, baseUrl: worker.url };
  const people = Array.from({ length: connections + (connections % 2) }, (_, i) => ({
    displayName: `Live member ${i}`,
    email: `live-${i}@bench.twoway.example`,
  }));
  const startsOn = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
  const pairs = Array.from({ length: people.length / 2 }, (_, i) => ({
    a: people[2 * i]!.email,
    b: people[2 * i + 1]!.email,
    startsOn,
    cadenceDays: 7,
  }));
  const setup = await createProgrammeWithPeople(target, worker.adminToken, { name: 'Bench live programme', participants: people, pairs });
  const members = [];
  for (const person of people) {
    const redeemed = await callApi<{ participantToken: string; pairs: Array<{ id: string }> }>(target, undefined, 'POST', '/invites/redeem', {
      code: setup.participants[person.email]!.inviteCode,
    });
    members.push({ token: redeemed.participantToken, pairId: redeemed.pairs[0]!.id });
  }
  return members;
}

async function ingest(worker: RunningWorker, ref: { programmeId: string; coordinatorToken: string }, programme: SyntheticProgramme, ids: LoadedIds, lines: Iterable<import('../../worker/dev/synthetic-programme').SyntheticHistoryLine>, concurrency: number) {
  let reported = 0;
  let resent = 0;
  const { result, seconds } = await timed(() =>
    // A 10 MiB upload takes seconds; one unanswered for 3 minutes is resent (the route is idempotent).
    postHistory({ fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(180_000) }), baseUrl: worker.url }, ref, programme, ids, {
      lines,
      concurrency,
      // Counted in the time: a resend is part of what a migration costs.
      onRetry: (error, attempt) => {
        resent++;
        log(`  a history upload failed (attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}); sending it again`);
      },
      onProgress: (totals) => {
        if (totals.responses - reported >= 100_000) {
          reported = totals.responses;
          log(`  ${totals.responses.toLocaleString('en-US')} responses stored`);
        }
      },
    }),
  );
  if (result.rejected.length > 0) throw new Error(`history rejected ${result.rejected.length} lines, e.g. ${JSON.stringify(result.rejected[0])}`);
  return { totals: result, seconds, resent };
}

async function main() {
  const options = settings(process.argv.slice(2));
  const rows: Row[] = [];
  const end = Date.now();
  const start = end - 3 * YEAR;
  const mid = start + 1.5 * YEAR;
  const programme = generateProgramme({
    seed: 42,
    pairs: options.pairs,
    startDate: new Date(start).toISOString().slice(0, 10),
    endDate: new Date(end).toISOString(),
    name: 'Bench programme',
  });
  const firstHalf = () => [...programme.history()].filter((line) => Date.parse(line.start) < mid);
  const secondHalf = () => [...programme.history()].filter((line) => Date.parse(line.start) >= mid);
  log(`${options.pairs.toLocaleString('en-US')} pairs, ${programme.participants.length.toLocaleString('en-US')} participants, 3 years of history`);

  const persistDir = mkdtempSync(join(tmpdir(), 'twoway-bench-'));
  const vars = { RATE_LIMIT_PER_MINUTE: '1000000000' };
  let worker: RunningWorker | undefined;
  try {
    // Set-up through the public API: the programme, the live members, then the big
    // programme's people and pairs in one CSV import (timed).
    worker = await startWorker({ persistDir, vars, inheritOutput: process.argv.includes('--verbose') });
    const adminToken = worker.adminToken;
    const created = await callApi<{ id: string; coordinatorToken: string; sponsorToken: string }>(
      { fetch, baseUrl: worker.url },
      adminToken,
      'POST',
      '/programmes',
      { name: programme.name },
    );
    const ref = { programmeId: created.id, coordinatorToken: created.coordinatorToken };
    const members = await liveMembers(worker, options.liveConnections);
    const people = Math.max(programme.participants.length, 2 * options.pairs);
    log(`set-up: ${people.toLocaleString('en-US')} people and ${options.pairs.toLocaleString('en-US')} pairs in one CSV import`);
    const setup = await timed(() => importProgrammeCsv({ fetch, baseUrl: worker!.url }, ref, programme, people));
    const ids = setup.result.ids;
    log(`set-up took ${setup.seconds.toFixed(1)} s (${kbOf(setup.result.bytes)} of CSV)`);
    const base = `${worker.url}/api/v1/programmes/${created.id}`;

    // Ingest, in two halves so the dashboard can be timed at 1.5 and at 3 years of history.
    const linesA = firstHalf();
    log(`ingesting the first 1.5 years: ${linesA.length.toLocaleString('en-US')} sessions`);
    const a = await ingest(worker, ref, programme, ids, linesA, options.historyConcurrency);
    // Each figure is measured on its own: a failure is reported in the table instead of losing the others.
    const dashboardMid = await measureLatency(`${base}/dashboard?asOf=${wholeDay(mid)}`, created.coordinatorToken, options.calls).catch(asError);
    log(`dashboard at 1.5 years: ${p50Of(dashboardMid)}`);
    const linesB = secondHalf();
    log(`ingesting the next 1.5 years: ${linesB.length.toLocaleString('en-US')} sessions`);
    const b = await ingest(worker, ref, programme, ids, linesB, options.historyConcurrency);
    const asOfEnd = wholeDay(end);
    // The first default read builds every pair's snapshot (once per programme); then reads are served from them.
    const snapshotBuild = await timed(() => firstRead(`${base}/dashboard`, created.coordinatorToken)).catch(asError);
    log(`dashboard snapshots built: ${secondsOf(snapshotBuild)}`);
    const dashboardEnd = await measureLatency(`${base}/dashboard`, created.coordinatorToken, options.calls).catch(asError);
    const composition = await dashboardComposition(`${base}/dashboard`, created.coordinatorToken).catch((error: unknown) => `failed: ${asError(error).message}`);
    log(`default dashboard parts: ${composition}`);
    log(`default dashboard at 3 years: ${p50Of(dashboardEnd)}`);
    const dashboardCustom = await measureLatency(`${base}/dashboard?asOf=${asOfEnd}&from=${wholeDay(end - 120 * DAY)}`, created.coordinatorToken, Math.max(3, options.calls / 4)).catch(asError);
    log(`custom-window dashboard: ${p50Of(dashboardCustom)}`);
    // The slowest call by far: half as many calls keep the run within 10 minutes, and a
    // failure here is reported in the table instead of losing the other figures.
    const cultureUrl = `${base}/culture?period=quarter&by=function&asOf=${asOfEnd}`;
    const cultureFirst = await timed(() => firstRead(cultureUrl, created.sponsorToken)).catch(asError);
    log(`culture, first computation: ${secondsOf(cultureFirst)}`);
    const culture = await measureLatency(cultureUrl, created.sponsorToken, Math.max(5, options.calls / 2)).catch(asError);
    const participantsFirst = await participantsUnderLoad(worker, members, `${base}/dashboard`, created.coordinatorToken, cultureUrl, created.sponsorToken, options);
    log(`culture by quarter and function: ${culture instanceof Error ? culture.message : `p50 ${ms(culture.p50)}`}`);

    const live = await liveThroughput(worker, members, options);
    await worker.stop();
    worker = undefined;

    const totals: HistoryTotals = {
      sessions: a.totals.sessions + b.totals.sessions,
      responses: a.totals.responses + b.totals.responses,
      rejected: [],
    };
    const ingestSeconds = a.seconds + b.seconds;
    const ingestRate = totals.responses / ingestSeconds;
    log('raw sqlite3 bulk insert of the same rows');
    const raw = await rawSqliteInsert(programme, ids, programme.history());
    const slowdown = raw.responsesPerSecond / ingestRate;

    rows.push(
      row('set-up: one CSV import of people and pairs', `${setup.result.rows.toLocaleString('en-US')} rows (${people.toLocaleString('en-US')} people, ${options.pairs.toLocaleString('en-US')} pairs, ${kbOf(setup.result.bytes)}) in ${setup.seconds.toFixed(1)} s`, '≤ 60 s', setup.seconds <= 60),
      row('history ingest', `${totals.responses.toLocaleString('en-US')} responses, ${totals.sessions.toLocaleString('en-US')} sessions in ${ingestSeconds.toFixed(1)} s, ${a.resent + b.resent} uploads resent`),
      row('ingest rate (POST /history)', perSec(ingestRate), '≥ 40,000/s', ingestRate >= 40_000),
      row('ingest rate, first / next 1.5 years', `${perSec(a.totals.responses / a.seconds)} / ${perSec(b.totals.responses / b.seconds)}`),
      row('raw sqlite3 insert, same rows', `${perSec(raw.responsesPerSecond)} (${raw.seconds.toFixed(1)} s)`),
      row('raw sqlite3 ÷ ingest', `${slowdown.toFixed(1)}×`, '≤ 3×', slowdown <= 3),
      ...latencyRows('dashboard, 1.5 years', dashboardMid),
      ...latencyRows('dashboard, 3 years', dashboardEnd, !(dashboardEnd instanceof Error) && dashboardEnd.p50 <= 150),
      dashboardEnd instanceof Error
        ? row('dashboard, 3 years, response size', 'failed', '≤ 300 KB', false)
        : row('dashboard, 3 years, response size', `${kbOf(dashboardEnd.bytes)} (${composition})`, '≤ 300 KB', dashboardEnd.bytes <= 300 * 1024),
      row('dashboard snapshots, first build', secondsOf(snapshotBuild)),
      ...latencyRows('custom-window dashboard (120 days)', dashboardCustom, !(dashboardCustom instanceof Error) && dashboardCustom.p50 <= 1000, 'p50 ≤ 1 s'),
      dashboardEnd instanceof Error || dashboardMid instanceof Error
        ? row('dashboard p50 3 y ÷ 1.5 y', 'failed', '≤ 1.2', false)
        : row('dashboard p50 3 y ÷ 1.5 y', (dashboardEnd.p50 / dashboardMid.p50).toFixed(2), '≤ 1.2', dashboardEnd.p50 / dashboardMid.p50 <= 1.2),
      dashboardEnd instanceof Error || dashboardMid instanceof Error
        ? row('dashboard rows read 1.5 y → 3 y', 'failed', 'independent of responses', false)
        : row(
          'dashboard rows read 1.5 y → 3 y',
          `${dashboardMid.rowsRead ?? '?'} → ${dashboardEnd.rowsRead ?? '?'} (responses ${a.totals.responses.toLocaleString('en-US')} → ${totals.responses.toLocaleString('en-US')})`,
          'independent of responses',
          rowsIndependent(dashboardMid, dashboardEnd, a.totals.responses, totals.responses),
        ),
      row('culture, first computation', secondsOf(cultureFirst), '≤ 1.5 s', !(cultureFirst instanceof Error) && cultureFirst.seconds <= 1.5),
      ...latencyRows('culture, 3 y by quarter × function', culture, culture instanceof Error ? false : culture.p50 <= 100, 'p50 ≤ 100 ms (cached)'),
      row('participant PUT p95 under analytics load', `${ms(participantsFirst.put.p95)} (${participantsFirst.put.requests} answers, ${participantsFirst.put.failures} failed; ${participantsFirst.dashboards} dashboards, ${participantsFirst.cultures} culture reads meanwhile)`, '≤ 200 ms', participantsFirst.put.p95 <= 200),
      row('participant GET /me p95 under analytics load', `${ms(participantsFirst.me.p95)} (${participantsFirst.me.requests} calls)`, '≤ 200 ms', participantsFirst.me.p95 <= 200),
      row(`live PUT /responses, ${options.liveConnections} connections`, `${perSec(live.put.perSecond)} (${live.put.requests} in ${live.put.seconds.toFixed(1)} s, p95 ${ms(live.put.p95)}, ${live.put.failures} failed)`),
      row(`no-op GET /health, ${options.liveConnections} connections`, `${perSec(live.noop.perSecond)} (${live.noop.requests} in ${live.noop.seconds.toFixed(1)} s, p95 ${ms(live.noop.p95)})`),
      row('live PUT ÷ no-op', (live.put.perSecond / live.noop.perSecond).toFixed(2), '≥ 0.5', live.put.perSecond / live.noop.perSecond >= 0.5 && live.put.failures === 0),
    );
  } finally {
    await worker?.stop();
    rmSync(persistDir, { recursive: true, force: true });
  }

  log('bundle sizes');
  buildForSize();
  for (const size of bundleSizes()) {
    rows.push(row(`${size.name} JS (gzip)`, `${kb(size.gzipBytes)} (${kb(size.bytes)} raw)`, `≤ ${kb(size.budgetGzipBytes)}`, size.gzipBytes <= size.budgetGzipBytes));
  }
  printTable(rows, options, programme);
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
const p50Of = (result: LatencyResult | Error) => (result instanceof Error ? `failed: ${result.message}` : `p50 ${ms(result.p50)}, ${kbOf(result.bytes)}`);
const secondsOf = (result: { seconds: number } | Error) => (result instanceof Error ? `failed: ${result.message}` : `${(result.seconds * 1000).toFixed(0)} ms`);

/**
 * A first (uncached) read, timed with its resends: under a machine's full load the local
 * workerd has been seen to leave a request unanswered, and undici would wait 300 s for it.
 */
async function firstRead(url: string, token: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(90_000) });
      const body = await response.text();
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
      return body;
    } catch (error) {
      if (attempt === 3) throw error;
      log(`  ${url} failed (attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}); sending it again`);
    }
  }
}

/** Which parts of the default dashboard's JSON take its bytes, and how many at-risk pairs it lists. */
async function dashboardComposition(url: string, token: string): Promise<string> {
  const body = JSON.parse(await firstRead(url, token)) as Record<string, unknown> & { atRisk: unknown[]; pairs: unknown[] };
  const size = (value: unknown) => kbOf(new TextEncoder().encode(JSON.stringify(value)).length);
  return `${body.pairs.length} pairs ${size(body.pairs)}, ${body.atRisk.length} at risk ${size(body.atRisk)}, months ${size(body.months)}`;
}

function latencyRows(name: string, result: LatencyResult | Error, met?: boolean, target = 'p50 ≤ 150 ms'): Row[] {
  if (result instanceof Error) return [row(`${name} p50 / p95`, `failed: ${result.message}`), row(`${name} rows read`, 'failed')];
  return [
    row(`${name} p50 / p95`, `${ms(result.p50)} / ${ms(result.p95)} (${result.calls} calls)`, met === undefined ? '' : target, met),
    row(`${name} rows read`, String(result.rowsRead ?? 'not reported')),
  ];
}

/** Rows read "independent of responses": doubling the stored responses may not grow the rows read by more than 20%. */
function rowsIndependent(mid: LatencyResult, end: LatencyResult, responsesMid: number, responsesEnd: number): boolean | undefined {
  if (mid.rowsRead === null || end.rowsRead === null || responsesMid === 0) return undefined;
  const rowGrowth = end.rowsRead / Math.max(1, mid.rowsRead);
  return rowGrowth <= 1.2 || rowGrowth < (responsesEnd / responsesMid) * 0.25;
}

async function liveThroughput(worker: RunningWorker, members: Array<{ token: string; pairId: string }>, options: Settings) {
  log(`live: PUT /responses with ${options.liveConnections} connections`);
  const now = Date.now();
  const put = await measureThroughput(options.liveConnections, options.liveRequests, options.liveSeconds, (loop, n) => {
    const member = members[loop % members.length]!;
    // Distinct sessions within the last 7 days, so every request is a real new answer.
    const start = new Date(now - DAY - ((n * 37 + loop) % (5 * 24 * 60)) * 60_000).toISOString();
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    return {
      url: `${worker.url}/api/v1/responses/${randomUUID()}`,
      init: {
        method: 'PUT',
        headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          pairId: member.pairId,
          eventKey: `bench-live-${loop}-${n}@calendar.bench/${start}`,
          start,
          end,
          happened: true,
          value: 4,
          learned: true,
          openness: true,
          topics: ['strategy'],
        }),
      },
    };
  });
  log(`live: GET /health with ${options.liveConnections} connections`);
  const noop = await measureThroughput(options.liveConnections, options.liveRequests, options.liveSeconds, () => ({
    url: `${worker.url}/api/v1/health`,
  }));
  return { put, noop };
}

/**
 * Participants first: a coordinator reloads the default dashboard and a sponsor
 * reloads culture, each in a loop, while participants answer and open GET /me.
 */
async function participantsUnderLoad(
  worker: RunningWorker, members: Array<{ token: string; pairId: string }>,
  dashboardUrl: string, coordinatorToken: string, cultureUrl: string, sponsorToken: string, options: Settings,
) {
  log('participants first: answers and GET /me while the dashboard and culture reload in loops');
  let stop = false;
  const counts = { dashboards: 0, cultures: 0 };
  const reload = async (url: string, token: string, key: 'dashboards' | 'cultures') => {
    while (!stop) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await res.text();
      if (res.ok) counts[key]++;
      else await new Promise((r) => setTimeout(r, 100)); // 429 from the analytics gate: retry shortly
    }
  };
  const loops = [reload(dashboardUrl, coordinatorToken, 'dashboards'), reload(cultureUrl, sponsorToken, 'cultures')];
  const connections = 5;
  const now = Date.now();
  const put = await measureThroughput(connections, options.liveRequests, options.liveSeconds / 3, (loop, n) => {
    const member = members[loop % members.length]!;
    const start = new Date(now - 2 * DAY - ((n * 41 + loop) % (4 * 24 * 60)) * 60_000).toISOString();
    return {
      url: `${worker.url}/api/v1/responses/${randomUUID()}`,
      init: {
        method: 'PUT',
        headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pairId: member.pairId, eventKey: `bench-first-${loop}-${n}@calendar.bench/${start}`, start, end: new Date(Date.parse(start) + 1_800_000).toISOString(), happened: true, value: 3 }),
      },
    };
  });
  const me = await measureThroughput(connections, options.liveRequests, options.liveSeconds / 3, (loop) => ({
    url: `${worker.url}/api/v1/me`,
    init: { headers: { authorization: `Bearer ${members[loop % members.length]!.token}` } },
  }));
  stop = true;
  await Promise.all(loops);
  return { put, me, ...counts };
}

function printTable(rows: Row[], options: Settings, programme: SyntheticProgramme) {
  const widths = [
    Math.max(...rows.map((r) => r.measure.length), 7),
    Math.max(...rows.map((r) => r.value.length), 5),
    Math.max(...rows.map((r) => r.target.length), 6),
  ];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 7)).join(' | ')} |`;
  const out = [
    `Twoway bench: ${options.pairs.toLocaleString('en-US')} pairs, ${programme.participants.length.toLocaleString('en-US')} participants, 3 years; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
    line(['measure', 'value', 'target', 'result']),
    line(widths.map((w) => '-'.repeat(w)).concat('------')),
    ...rows.map((r) => line([r.measure, r.value, r.target, r.verdict])),
  ];
  console.log(out.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
