// Participants keep a fast service while a sponsor floods the culture view and
// a coordinator floods the dashboard, against the real Worker (wrangler dev,
// local D1). The programme holds two years of history for FLOOD_PAIRS pairs;
// for FLOOD_SECONDS, FLOODERS connections per analytics token fire requests
// back to back, ignoring Retry-After as an abuser would, while participants
// call GET /me, PUT /responses and POST /sessions one after another. Each
// participant route's p95 must stay under 500 ms (SECURITY.md, "Integrity and
// abuse"); the figures are printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, enrolProgramme, expectStatus, type EnrolledProgramme } from '../support/load-client';
import { startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

const PAIRS = Number(process.env.FLOOD_PAIRS || 40);
const SESSIONS_PER_PAIR = 50; // one a fortnight over two years
const SECONDS = Number(process.env.FLOOD_SECONDS || 15);
const FLOODERS = 6;
const PARTICIPANTS = 4;
const P95_BOUND_MS = 500;
const DAY = 86_400_000;

let worker: RunningWorker;
let persistDir: string;
let world: EnrolledProgramme;

beforeAll(async () => {
  persistDir = mkdtempSync(join(tmpdir(), 'twoway-flood-'));
  worker = await startWorker({ persistDir, vars: { RATE_LIMIT_PER_MINUTE: '10000000' } });
  const startsOn = new Date(Date.now() - 2 * 365 * DAY - 7 * DAY).toISOString().slice(0, 10);
  world = await enrolProgramme({ baseUrl: worker.url }, worker.adminToken, PAIRS, { label: 'flood', startsOn });
  const lines = world.pairs.flatMap((pair, p) =>
    Array.from({ length: SESSIONS_PER_PAIR }, (_, i) => {
      const start = Date.now() - 8 * DAY - i * 14 * DAY - p * 3_600_000;
      return JSON.stringify({
        pairId: pair.id, eventKey: `hist-${p}-${i}`, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(),
        responses: pair.members.map((m, k) => ({ participantId: m.id, happened: true, value: 1 + ((i + k + p) % 5), learned: (i + k) % 3 > 0, openness: (i + p) % 4 > 0, topics: ['tools', 'strategy'].slice(0, 1 + (i % 2)) })),
      });
    }));
  await expectStatus({ baseUrl: worker.url }, {
    method: 'POST', path: `/api/v1/programmes/${world.programmeId}/history`, token: world.coordinatorToken,
    body: lines.join('\n'), contentType: 'application/x-ndjson',
  }, 200);
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

/** Participants' latencies per route while `alongside` runs, for `seconds`. */
async function participantLatencies(seconds: number, label: string, alongside: (until: number) => Promise<unknown>[] = () => []) {
  const base = { baseUrl: worker.url, timeoutMs: 30_000 };
  const until = Date.now() + seconds * 1000;
  const latencies: Record<string, number[]> = { 'GET /me': [], 'PUT /responses': [], 'POST /sessions': [] };
  const failures: string[] = [];
  const participant = async (index: number) => {
    const pair = world.pairs[index]!;
    const member = pair.members[0];
    for (let i = 0; Date.now() < until; i++) {
      const start = new Date(Date.now() - 2 * 3_600_000 - i * 60_000).toISOString();
      const end = new Date(Date.now() - 3_600_000 - i * 60_000).toISOString();
      const session = { pairId: pair.id, eventKey: `${label}-${index}-${i}@cal.example/${start}`, start, end };
      for (const [name, request] of [
        ['POST /sessions', { method: 'POST', path: '/api/v1/sessions', token: member.token, body: session }],
        ['PUT /responses', { method: 'PUT', path: `/api/v1/responses/${crypto.randomUUID()}`, token: member.token, body: { ...session, happened: true, value: 4 } }],
        ['GET /me', { method: 'GET', path: '/api/v1/me', token: member.token }],
      ] as const) {
        const began = performance.now();
        const reply = await callApi(base, request);
        latencies[name]!.push(performance.now() - began);
        if (reply.status >= 300) failures.push(`${name} ${reply.status}`);
      }
    }
  };
  await Promise.all([...alongside(until), ...Array.from({ length: PARTICIPANTS }, (_, i) => participant(i))]);
  expect(failures).toEqual([]);
  return Object.entries(latencies).map(([name, values]) => ({
    route: name, calls: values.length, p50: Math.round(percentile(values, 0.5)), p95: Math.round(percentile(values, 0.95)), max: Math.round(Math.max(...values)),
  }));
}

it(`keeps participant p95 under ${P95_BOUND_MS} ms while culture and the dashboard are flooded`, async () => {
  const base = { baseUrl: worker.url, timeoutMs: 30_000 };
  const quiet = await participantLatencies(4, 'quiet');
  const heavy = new Map<string, number>(); // "culture 200" → count
  const flood = async (until: number, path: string, token: string, name: string) => {
    while (Date.now() < until) {
      const reply = await callApi(base, { method: 'GET', path: `/api/v1/programmes/${world.programmeId}${path}`, token });
      const key = `${name} ${reply.status}`;
      heavy.set(key, (heavy.get(key) ?? 0) + 1);
    }
  };
  const figures = await participantLatencies(SECONDS, 'flood', (until) => [
    ...Array.from({ length: FLOODERS }, () => flood(until, '/culture?period=quarter&by=function', world.sponsorToken, 'culture')),
    ...Array.from({ length: FLOODERS }, () => flood(until, '/dashboard', world.coordinatorToken, 'dashboard')),
  ]);
  console.log(`participants alone, 4 s (${PARTICIPANTS} connections):`);
  console.table(quiet);
  console.log(`analytics flood, ${SECONDS} s, ${PAIRS} pairs × ${SESSIONS_PER_PAIR} sessions, ${FLOODERS} culture + ${FLOODERS} dashboard connections:`);
  console.table(figures);
  console.log('heavy answers:', Object.fromEntries([...heavy].sort()));
  // The flood really ran: some heavy reads were served, and the excess was refused.
  expect(heavy.get('culture 200') ?? 0).toBeGreaterThan(0);
  expect(heavy.get('dashboard 200') ?? 0).toBeGreaterThan(0);
  expect((heavy.get('culture 429') ?? 0) + (heavy.get('dashboard 429') ?? 0)).toBeGreaterThan(0);
  for (const { route, calls, p95 } of figures) {
    expect(calls, route).toBeGreaterThan(10);
    expect(p95, route).toBeLessThan(P95_BOUND_MS);
  }
}, 60_000);
