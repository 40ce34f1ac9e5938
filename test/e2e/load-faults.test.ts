// Load and faults against the real Worker (wrangler dev on loopback, local D1).
// LOAD_CLIENTS participants (default 50), each with their own token, send
// LOAD_PUTS_PER_CLIENT answers (default 40; the full run uses 2,000): new
// answers, replays of the same id (some fired three at once) and updates. The
// Worker is stopped in the middle and restarted on the same D1; clients retry
// until each PUT is confirmed. Afterwards every (session, participant) holds
// exactly one answer, the latest one sent, and the rollups agree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../shared/schemas';
import {
  callApi, deliver, emptyStats, enrolProgramme, mapConcurrently, type ApiClientOptions, type DeliveryStats, type EnrolledProgramme,
} from '../support/load-client';
import { repoRoot, startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

const CLIENTS = Number(process.env.LOAD_CLIENTS || 50);
const PUTS_PER_CLIENT = Number(process.env.LOAD_PUTS_PER_CLIENT || 40);
/** A fifth of the PUTs open a new answer; the rest replay or update one (and /me lists at most 500). */
const SESSIONS_PER_PAIR = Math.min(500, Math.max(2, Math.ceil(PUTS_PER_CLIENT / 5)));
const RESTART_AT = 0.4;
const RETRY = { deadlineMs: 180_000, baseDelayMs: 50, maxDelayMs: 1000 };
const VARS = { RATE_LIMIT_PER_MINUTE: '10000000' };

interface Answer { happened: boolean; value?: number; learned?: boolean; topics?: string[] }
interface Put { id: string; session: number; answer: Answer; answeredAt: string; copies: number; kind: 'new' | 'replay' | 'update' }

let worker: RunningWorker;
let persistDir: string;
let world: EnrolledProgramme;
const now = Date.now();

beforeAll(async () => {
  persistDir = mkdtempSync(join(tmpdir(), 'twoway-load-'));
  worker = await startWorker({ persistDir, vars: VARS });
  world = await enrolProgramme({ baseUrl: worker.url }, worker.adminToken, CLIENTS / 2, { label: 'load' });
});

afterAll(async () => {
  await worker?.stop();
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

/** Sessions spread over the last six days, all ended, none in the future. */
function sessionTimes(session: number) {
  const start = now - 2 * 3_600_000 - Math.floor((session / SESSIONS_PER_PAIR) * 6 * 86_400_000);
  return { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() };
}

/** A deterministic pseudo-random stream per client, so a failing run can be replayed. */
function stream(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function randomAnswer(random: () => number): Answer {
  if (random() < 0.15) return { happened: false };
  return { happened: true, value: 1 + Math.floor(random() * 5), learned: random() < 0.6, topics: TOPICS.filter(() => random() < 0.3) };
}

/** One client's PUTs: every session answered once first, then replays and updates in random order. */
function planFor(client: number): Put[] {
  const random = stream(client * 7919 + 17);
  const answeredAt = (i: number) => new Date(now - (PUTS_PER_CLIENT - i) * 1000).toISOString();
  const plan: Put[] = [];
  const latest = new Map<number, Put>();
  for (let i = 0; i < PUTS_PER_CLIENT; i += 1) {
    let put: Put;
    if (i < SESSIONS_PER_PAIR) {
      put = { id: crypto.randomUUID(), session: i, answer: randomAnswer(random), answeredAt: answeredAt(i), copies: 1, kind: 'new' };
    } else {
      const earlier = plan[Math.floor(random() * plan.length)]!;
      put = random() < 0.5
        ? { ...earlier, copies: random() < 0.3 ? 3 : 1, kind: 'replay' } // the same id, body and time again
        : { ...latest.get(earlier.session)!, answer: randomAnswer(random), answeredAt: answeredAt(i), copies: 1, kind: 'update' };
    }
    plan.push(put);
    if (put.kind !== 'replay') latest.set(put.session, put);
  }
  return plan;
}

describe(`load: ${CLIENTS} clients × ${PUTS_PER_CLIENT} PUTs, with a Worker restart`, () => {
  it('confirms every answer exactly once, keeps the latest, and survives the restart', async () => {
    const members = world.pairs.flatMap((pair) => pair.members.map((member) => ({ member, pair })));
    expect(members).toHaveLength(CLIENTS);
    const plans = members.map((_, client) => planFor(client));
    const total = plans.reduce((sum, plan) => sum + plan.reduce((n, put) => n + put.copies, 0), 0);
    const stats = emptyStats();
    const statuses = new Map<number, number>();
    let confirmed = 0;
    let restart: Promise<void> | undefined;
    const options: ApiClientOptions = { baseUrl: worker.url, timeoutMs: 30_000 };

    const restartWorker = async () => {
      const { port, adminToken } = worker;
      const stoppedAt = Date.now();
      await worker.stop();
      worker = await startWorker({ port, persistDir, vars: { ...VARS, ADMIN_TOKEN: adminToken } });
      console.info(`load: Worker down for ${Date.now() - stoppedAt} ms, restarted on the same D1`);
    };

    const send = async (client: number, put: Put, clientStats: DeliveryStats) => {
      const { pair } = members[client]!;
      const reply = await deliver(options, {
        method: 'PUT',
        path: `/api/v1/responses/${put.id}`,
        token: members[client]!.member.token,
        body: { pairId: pair.id, eventKey: `load-${pair.id}-${put.session}@cal.example`, ...sessionTimes(put.session), ...put.answer, answeredAt: put.answeredAt },
      }, RETRY, clientStats);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      if (reply.status !== 200 && reply.status !== 201) throw new Error(`PUT ${put.kind} got ${reply.status}: ${JSON.stringify(reply.body)}`);
      confirmed += 1;
      if (!restart && confirmed >= total * RESTART_AT) restart = restartWorker();
    };

    const started = Date.now();
    await mapConcurrently(plans, CLIENTS, async (plan, client) => {
      for (const put of plan) {
        await Promise.all(Array.from({ length: put.copies }, () => send(client, put, stats)));
      }
    });
    await restart;
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `load: ${total} PUTs confirmed in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s), ` +
        `${stats.attempts} attempts, ${stats.networkErrors} network errors, ${stats.serverErrors} 5xx, ${stats.throttled} 429; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(restart, 'the Worker was restarted during the load').toBeDefined();
    expect(confirmed).toBe(total);

    // What each participant's GET /me shows must be exactly the latest answer per session.
    let distinct = 0;
    await mapConcurrently(members, 8, async ({ member, pair }, client) => {
      const expected = new Map<string, Put>();
      for (const put of plans[client]!) {
        const key = `load-${pair.id}-${put.session}@cal.example`;
        const seen = expected.get(key);
        if (!seen || put.answeredAt >= seen.answeredAt) expected.set(key, put);
      }
      distinct += expected.size;
      const me = await callApi(options, { method: 'GET', path: '/api/v1/me', token: member.token });
      expect(me.status).toBe(200);
      const stored = (me.body as { responses: Array<{ id: string; eventKey: string; happened: boolean; value?: number; learned?: boolean }> }).responses;
      expect(stored.length, `responses stored for client ${client}`).toBe(expected.size);
      for (const response of stored) {
        const put = expected.get(response.eventKey)!;
        expect(put, response.eventKey).toBeDefined();
        expect(response.id).toBe(put.id);
        expect({ happened: response.happened, value: response.value, learned: response.learned }).toEqual({
          happened: put.answer.happened, value: put.answer.value, learned: put.answer.learned,
        });
      }
    });
    expect(distinct).toBe(CLIENTS * SESSIONS_PER_PAIR);

    // The coordinator's dashboard counts the same answers: its response rate is responses / (2 × sessions).
    const dashboard = await callApi(options, {
      // asOf tomorrow: a day's answers count once the day is whole, and the last sessions started today.
      method: 'GET', path: `/api/v1/programmes/${world.programmeId}/dashboard?asOf=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`, token: world.coordinatorToken,
    });
    expect(dashboard.status).toBe(200);
    const responseRate = (dashboard.body as { summary: { responseRate: { value: number; n: number } } }).summary.responseRate;
    expect(responseRate.n).toBe(2 * (CLIENTS / 2) * SESSIONS_PER_PAIR);
    expect(Math.round(responseRate.value * responseRate.n)).toBe(distinct);

    // And the D1 file itself: no duplicate rows, and rollups that add up to the answers.
    await worker.stop();
    const [counts] = queryD1(persistDir, `SELECT
        (SELECT COUNT(*) FROM responses) AS responses,
        (SELECT COUNT(DISTINCT session_id || '/' || participant_id) FROM responses) AS answered,
        (SELECT COUNT(*) FROM sessions) AS sessions,
        (SELECT SUM(responses) FROM pair_months) AS rolled_up,
        (SELECT SUM(sessions) FROM pair_months) AS rolled_up_sessions`);
    console.info(`load: D1 holds ${JSON.stringify(counts)}; ${distinct} distinct answers were sent`);
    expect(counts).toEqual({
      responses: distinct, answered: distinct, sessions: (CLIENTS / 2) * SESSIONS_PER_PAIR, rolled_up: distinct, rolled_up_sessions: (CLIENTS / 2) * SESSIONS_PER_PAIR,
    });
   }, 120_000 + CLIENTS * PUTS_PER_CLIENT * 20);

  it('serves the dashboard page itself with a strict CSP, not only the API', async () => {
    await worker.stop();
    worker = await startWorker({ port: worker.port, persistDir, vars: VARS });
    const page = await fetch(`${worker.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

/** Reads the local D1 with wrangler while the Worker is stopped. */
function queryD1(dir: string, sql: string): Array<Record<string, number>> {
  const out = execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql.replace(/\s+/g, ' ')],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' } },
  );
  return (JSON.parse(out) as Array<{ results: Array<Record<string, number>> }>)[0]!.results;
}
