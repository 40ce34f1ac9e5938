// A response write and its rollups travel in one D1 batch. If any statement of
// that batch fails, D1 must roll the whole batch back: no response without its
// rollup, no rollup without its response, no half-rebuilt pair month.
import { createExecutionContext, env } from 'cloudflare:test';
import { beforeEach, expect, it } from 'vitest';
import worker from '../../worker/index';
import { upsertAdmittedResponse } from '../../worker/storage/answer-admission';
import { refreshSessionRollups } from '../../worker/storage/rollups';
import { callApi, enrolProgramme, type Fetcher } from '../support/load-client';

const now = '2026-03-01T00:00:00.000Z';
const ROLLUP_TABLES = ['sessions', 'responses', 'pair_months'] as const;

beforeEach(async () => {
  await env.DB.batch(
    ['pair_months', 'responses', 'sessions', 'pairs', 'programmes'].map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
  );
  await env.DB.prepare('DROP TRIGGER IF EXISTS fail_pair_month').run();
});

/** Every row of the tables a response write touches, in a stable order. */
async function snapshot() {
  const rows: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES) {
    rows[table] = (await env.DB.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all()).results;
  }
  return rows;
}

/** The Worker's own answer upsert (worker/storage/answer-admission.ts), for a member of pair1. */
function upsertResponse(id: string, participant: string, value: number) {
  const admission = {
    pairId: 'pair1', programmeId: 'p1', participantId: participant, sessionId: 's1', responseId: id,
    latestStart: now, earliestEnd: '2026-02-01T00:00:00.000Z', start: '2026-02-20T10:00:00.000Z', end: '2026-02-20T11:00:00.000Z',
    tokenHash: null,
  };
  return upsertAdmittedResponse(env.DB, admission, {
    answeredAt: now, happened: 1, value, learned: 1, openness: null, autonomy: null, topics: null,
  });
}

async function seedAnsweredSession() {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO programmes (id, name, created_at) VALUES ('p1', 'P', ?)").bind(now),
    env.DB.prepare(
      "INSERT INTO pairs (id, programme_id, a_id, b_id, starts_on, created_at) VALUES ('pair1', 'p1', 'ana', 'ben', '2026-01-01', ?)",
    ).bind(now),
    env.DB.prepare(
      `INSERT INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       VALUES ('s1', 'p1', 'pair1', 'k1', '2026-02-20T10:00:00.000Z', '2026-02-20T11:00:00.000Z', '2026-02', ?)`,
    ).bind(now),
  ]);
  await env.DB.batch([upsertResponse('r-ana', 'ana', 4), ...refreshSessionRollups(env.DB, 's1')]);
  const month = await env.DB.prepare('SELECT a_value_sum, responses FROM pair_months').first();
  expect(month).toEqual({ a_value_sum: 4, responses: 1 });
}

it('rolls back the answer and every rollup when the batch fails at its last statement', async () => {
  await seedAnsweredSession();
  const before = await snapshot();
  // A second insert of an existing response id breaks the UNIQUE(id) constraint after the
  // answer and all four rollup statements have already run inside the batch.
  const duplicateId = env.DB.prepare(
    "INSERT INTO responses (id, session_id, participant_id, happened, answered_at) VALUES ('r-ana', 's1', 'zed', 0, ?)",
  ).bind(now);
  await expect(
    env.DB.batch([upsertResponse('r-ben', 'ben', 2), upsertResponse('r-ana', 'ana', 1), ...refreshSessionRollups(env.DB, 's1'), duplicateId]),
  ).rejects.toThrow(/UNIQUE/i);
  expect(await snapshot()).toEqual(before);
});

it('rolls back when a rollup statement itself fails half-way through the rebuild', async () => {
  await seedAnsweredSession();
  const before = await snapshot();
  // Fail the final INSERT into pair_months, after the session columns were rewritten and
  // the old pair-month row was deleted: the worst moment for a partial write.
  await env.DB.prepare(
    "CREATE TRIGGER fail_pair_month BEFORE INSERT ON pair_months BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END",
  ).run();
  await expect(env.DB.batch([upsertResponse('r-ben', 'ben', 2), ...refreshSessionRollups(env.DB, 's1')])).rejects.toThrow(
    /injected D1 failure/,
  );
  expect(await snapshot()).toEqual(before);

  // Once the fault is gone the same batch goes through and the rollup sees both answers.
  await env.DB.prepare('DROP TRIGGER fail_pair_month').run();
  await env.DB.batch([upsertResponse('r-ben', 'ben', 2), ...refreshSessionRollups(env.DB, 's1')]);
  const month = await env.DB.prepare('SELECT a_value_sum, b_value_sum, responses FROM pair_months').first();
  expect(month).toEqual({ a_value_sum: 4, b_value_sum: 2, responses: 2 });
});

it('answers a fault in the real PUT path with a 500 envelope and leaves D1 as it was', async () => {
  const api = {
    baseUrl: 'http://twoway.test',
    fetcher: (async (input, init) => worker.fetch(new Request(input, init), env, createExecutionContext())) as Fetcher,
  };
  const world = await enrolProgramme(api, 'test-admin-token', 1, { label: 'rollback' });
  const [ana, ben] = world.pairs[0]!.members;
  const at = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  const put = (token: string, id: string, value: number) =>
    callApi(api, {
      method: 'PUT', path: `/api/v1/responses/${id}`, token,
      body: { pairId: world.pairs[0]!.id, eventKey: 'rollback-1', start: at(3), end: at(2), happened: true, value, learned: true },
    });
  expect((await put(ana.token, crypto.randomUUID(), 4)).status).toBe(201);
  const before = await snapshot();

  await env.DB.prepare(
    "CREATE TRIGGER fail_pair_month BEFORE INSERT ON pair_months BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END",
  ).run();
  const benId = crypto.randomUUID();
  const failed = await put(ben.token, benId, 2);
  expect(failed.status).toBe(500);
  expect(failed.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  expect(await snapshot()).toEqual(before);

  // The client retries the same PUT once the fault is gone, and it lands exactly once.
  await env.DB.prepare('DROP TRIGGER fail_pair_month').run();
  expect((await put(ben.token, benId, 2)).status).toBe(201);
  const month = await env.DB.prepare('SELECT a_value_sum, b_value_sum, responses FROM pair_months WHERE pair_id = ?')
    .bind(world.pairs[0]!.id).first();
  expect(month).toEqual({ a_value_sum: 4, b_value_sum: 2, responses: 2 });
});
