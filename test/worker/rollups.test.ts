import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { refreshManySessionRollups, refreshSessionRollups } from '../../worker/storage/rollups';

const now = '2026-01-01T00:00:00.000Z';

// D1 storage is shared by the tests of one file, so each starts empty.
beforeEach(async () => {
  await env.DB.batch(
    ['pair_months', 'responses', 'sessions', 'pairs', 'programmes'].map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
  );
});

async function seedPairWithSession() {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO programmes (id, name, created_at) VALUES ('p1', 'P', ?)").bind(now),
    env.DB.prepare(
      "INSERT INTO pairs (id, programme_id, a_id, b_id, starts_on, created_at) VALUES ('pair1', 'p1', 'ana', 'ben', '2026-01-01', ?)",
    ).bind(now),
    env.DB.prepare(
      `INSERT INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
       VALUES ('s1', 'p1', 'pair1', 'k1', '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z', '2026-01', ?)`,
    ).bind(now),
  ]);
}

function answer(id: string, participant: string, fields: Record<string, number | null>) {
  return env.DB.prepare(
    `INSERT INTO responses (id, session_id, participant_id, happened, value, learned, openness, autonomy, topics, answered_at)
     VALUES (?, 's1', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).bind(id, participant, fields.happened, fields.value ?? null, fields.learned ?? null, fields.openness ?? null,
    fields.autonomy ?? null, fields.topics ?? null, now);
}

it('rebuilds the session columns and the pair-month sums from responses', async () => {
  await seedPairWithSession();
  await env.DB.batch([
    answer('r1', 'ana', { happened: 1, value: 4, learned: 1, openness: 1, autonomy: 0.5, topics: 0b1 }),
    answer('r2', 'ben', { happened: 1, value: 2, learned: 0, topics: 0b100 }),
    ...refreshSessionRollups(env.DB, 's1'),
  ]);
  const session = await env.DB.prepare('SELECT * FROM sessions WHERE id = ?').bind('s1').first();
  expect(session).toMatchObject({ a_value: 4, b_value: 2, a_learned: 1, b_learned: 0, a_autonomy: 0.5, b_topics: 4 });
  const month = await env.DB.prepare('SELECT * FROM pair_months WHERE pair_id = ?').bind('pair1').first();
  expect(month).toMatchObject({
    sessions: 1, held: 1, missed: 0, responses: 2,
    a_value_sum: 4, a_value_n: 1, b_value_sum: 2, b_value_n: 1,
    a_learned_yes: 1, a_learned_n: 1, b_learned_yes: 0, b_learned_n: 1,
    mutual_yes: 0, mutual_n: 1, openness_yes: 1, openness_n: 1, autonomy_sum: 0.5, autonomy_n: 1,
    deep_sessions: 1, topic_sessions: 1, topic_tools: 1, topic_strategy: 1, topic_career: 0,
    last_held_at: '2026-01-05T10:00:00.000Z',
  });
});

it('counts a session as missed when the only answer says it did not happen', async () => {
  await seedPairWithSession();
  await env.DB.batch([answer('r1', 'ana', { happened: 0 }), ...refreshSessionRollups(env.DB, 's1')]);
  const month = await env.DB.prepare('SELECT held, missed, responses, last_held_at FROM pair_months').first();
  expect(month).toEqual({ held: 0, missed: 1, responses: 1, last_held_at: null });
});

// happened = 2 is "this wasn't a mentoring session" (storage/responses.ts).
describe.each([
  ['one session', () => refreshSessionRollups(env.DB, 's1')],
  ['the bulk refresh', () => refreshManySessionRollups(env.DB, ['s1'])],
])('a not-a-session answer, through %s', (_, refresh) => {
  const sessionRow = () =>
    env.DB.prepare('SELECT a_happened, b_happened, b_value, not_a_session FROM sessions WHERE id = ?').bind('s1').first();

  it('leaves the session out of its pair-month, alone or against a "did not happen"', async () => {
    await seedPairWithSession();
    await env.DB.batch([answer('r1', 'ana', { happened: 2 }), ...refresh()]);
    expect(await sessionRow()).toEqual({ a_happened: null, b_happened: null, b_value: null, not_a_session: 1 });
    expect((await env.DB.prepare('SELECT * FROM pair_months').all()).results).toEqual([]);
    await env.DB.batch([answer('r2', 'ben', { happened: 0 }), ...refresh()]);
    expect(await sessionRow()).toEqual({ a_happened: null, b_happened: 0, b_value: null, not_a_session: 1 });
    expect((await env.DB.prepare('SELECT * FROM pair_months').all()).results).toEqual([]);
  });

  it('keeps the other sessions of the month as they were', async () => {
    await seedPairWithSession();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO sessions (id, programme_id, pair_id, event_key, start_at, end_at, month, created_at)
         VALUES ('s2', 'p1', 'pair1', 'k2', '2026-01-19T10:00:00.000Z', '2026-01-19T11:00:00.000Z', '2026-01', ?)`,
      ).bind(now),
      env.DB.prepare(
        `INSERT INTO responses (id, session_id, participant_id, happened, value, answered_at) VALUES ('r9', 's2', 'ben', 1, 5, ?)`,
      ).bind(now),
      ...refreshSessionRollups(env.DB, 's2'),
      answer('r1', 'ana', { happened: 2 }),
      ...refresh(),
    ]);
    const month = await env.DB.prepare('SELECT sessions, held, missed, responses, b_value_sum, last_held_at FROM pair_months').first();
    expect(month).toEqual({ sessions: 1, held: 1, missed: 0, responses: 1, b_value_sum: 5, last_held_at: '2026-01-19T10:00:00.000Z' });
  });

  it('gives way to the partner\'s "it happened", without counting as an answer', async () => {
    await seedPairWithSession();
    await env.DB.batch([answer('r1', 'ana', { happened: 2 }), answer('r2', 'ben', { happened: 1, value: 4 }), ...refresh()]);
    expect(await sessionRow()).toEqual({ a_happened: null, b_happened: 1, b_value: 4, not_a_session: 0 });
    const month = await env.DB.prepare('SELECT sessions, held, missed, responses, a_value_n, b_value_n FROM pair_months').first();
    expect(month).toEqual({ sessions: 1, held: 1, missed: 0, responses: 1, a_value_n: 0, b_value_n: 1 });
  });
});

// shared/metrics/README.md, "Not asked": {a,b}_asked = 0 marks a slot not asked about.
describe.each([
  ['one session', () => refreshSessionRollups(env.DB, 's1')],
  ['the bulk refresh', () => refreshManySessionRollups(env.DB, ['s1'])],
])('a not-asked mark, through %s', (_, refresh) => {
  const notAskedColumns = () => env.DB.prepare(
    'SELECT sessions, held, missed, responses, held_not_asked, not_asked_slots, last_held_at, last_held_not_asked_at FROM pair_months',
  ).first();
  const mark = (side: 'a' | 'b') => env.DB.prepare(`UPDATE sessions SET ${side}_asked = 0 WHERE id = 's1'`);

  it('makes an unanswered session held, not asked, with its slot out of the rate', async () => {
    await seedPairWithSession();
    await env.DB.batch([mark('b'), ...refresh()]);
    expect(await notAskedColumns()).toEqual({
      sessions: 1, held: 0, missed: 0, responses: 0, held_not_asked: 1, not_asked_slots: 1,
      last_held_at: null, last_held_not_asked_at: '2026-01-05T10:00:00.000Z',
    });
  });

  it('gives way to any answer, and drops the slot of the member who answered anyway', async () => {
    await seedPairWithSession();
    await env.DB.batch([mark('a'), mark('b'), answer('r1', 'ana', { happened: 0 }), ...refresh()]);
    expect(await notAskedColumns()).toEqual({
      sessions: 1, held: 0, missed: 1, responses: 1, held_not_asked: 0, not_asked_slots: 1, last_held_at: null, last_held_not_asked_at: null,
    });
    await env.DB.batch([answer('r2', 'ben', { happened: 1, value: 3 }), ...refresh()]);
    expect(await notAskedColumns()).toMatchObject({ held: 1, missed: 0, responses: 2, held_not_asked: 0, not_asked_slots: 0 });
  });
});
