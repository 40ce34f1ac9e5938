// After DELETE /participants/:id, nothing in the database may point back to
// the person: every table (found from sqlite_master, not a fixed list) and
// every column is searched for their id, name, email, unusual attributes,
// tokens, invite code, their hashes and their answers' ids. Their partner's
// data and the programme's other numbers must survive untouched.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../worker/auth/crypto';
import { callApi, enrolProgramme, expectStatus, type EnrolledProgramme, type Fetcher } from '../support/load-client';

const BASE = 'http://twoway.test';
const api = { baseUrl: BASE, fetcher: ((input, init) => SELF.fetch(input, init)) as Fetcher };
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

const person = {
  displayName: 'Xanthippe Quokka-Vantablack',
  email: 'xanthippe.quokka@erasure.example',
  function: 'Falconry Ops 7731',
  region: 'Atlantis Sector 9',
  generation: 'Gen Zeta 42',
};

let world: EnrolledProgramme;
let erased: { id: string; token: string; inviteCode: string; responseIds: string[] };
// SQLite's own tables and D1's _cf_ metadata (which D1 refuses to read) hold no user data.
const tables = async () =>
  (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").all<{ name: string }>()).results.map(
    (row) => row.name,
  );
const dump = async (table: string) => (await env.DB.prepare(`SELECT * FROM "${table}"`).all<Record<string, unknown>>()).results;

async function answer(token: string, pairId: string, eventKey: string, value: number, hours = 3) {
  const id = crypto.randomUUID();
  await expectStatus(api, {
    method: 'PUT', path: `/api/v1/responses/${id}`, token,
    body: { pairId, eventKey, start: hoursAgo(hours), end: hoursAgo(hours - 1), happened: true, value, learned: true, openness: true, topics: ['strategy'] },
  }, 201);
  return id;
}

beforeAll(async () => {
  world = await enrolProgramme(api, 'test-admin-token', 2, { label: 'erasure' });
  const coordinator = world.coordinatorToken;
  const added = (await expectStatus(api, {
    method: 'POST', path: `/api/v1/programmes/${world.programmeId}/participants`, token: coordinator, body: { participants: [person] },
  }, 201)).body as { participants: Array<{ id: string; inviteCode: string }> };
  const { id, inviteCode } = added.participants[0]!;
  const token = ((await expectStatus(api, { method: 'POST', path: '/api/v1/invites/redeem', body: { code: inviteCode } }, 200)).body as {
    participantToken: string;
  }).participantToken;

  // The person is in two pairs: with `partner` (whose data must survive), and with someone from pair two.
  const [partner, other] = [world.pairs[0]!.members[0], world.pairs[1]!.members[1]];
  const pairWith = async (b: string) =>
    ((await expectStatus(api, {
      method: 'POST', path: `/api/v1/programmes/${world.programmeId}/pairs`, token: coordinator,
      body: { a: id, b, mentorId: id, cohort: 'Erasure cohort', startsOn: '2026-01-05' },
    }, 201)).body as { id: string }).id;
  const [pairOne, pairTwo] = [await pairWith(partner.id), await pairWith(other.id)];

  const responseIds = [
    await answer(token, pairOne, 'erasure-s1', 5),
    await answer(token, pairOne, 'erasure-s2', 4, 30),
    await answer(token, pairTwo, 'erasure-s3', 2),
  ];
  await answer(partner.token, pairOne, 'erasure-s1', 3);
  await answer(partner.token, pairOne, 'erasure-s2', 1, 30);
  // Unrelated activity elsewhere in the programme.
  await answer(world.pairs[1]!.members[0].token, world.pairs[1]!.id, 'bystanders-1', 4);
  // A back-filled session with both members' answers, outside the 7-day window.
  const history = JSON.stringify({
    pairId: pairOne, eventKey: 'erasure-history-1', start: '2026-02-02T09:00:00Z', end: '2026-02-02T10:00:00Z',
    responses: [{ participantId: id, happened: true, value: 5 }, { participantId: partner.id, happened: true, value: 2 }],
  });
  await expectStatus(api, {
    method: 'POST', path: `/api/v1/programmes/${world.programmeId}/history`, token: coordinator, body: history, contentType: 'application/x-ndjson',
  }, 200);
  erased = { id, token, inviteCode, responseIds };
}, 30_000);

describe('erasing a participant', () => {
  it('leaves nothing in any table that identifies them, and keeps everyone else', async () => {
    const partner = world.pairs[0]!.members[0];
    const bystanderPair = world.pairs[1]!.id;
    const partnerBefore = (await callApi(api, { method: 'GET', path: '/api/v1/me', token: partner.token })).body as { responses: unknown[] };
    expect(partnerBefore.responses).toHaveLength(3);
    const bystanderMonths = await env.DB.prepare('SELECT * FROM pair_months WHERE pair_id = ?').bind(bystanderPair).all();
    const programmesBefore = await dump('programmes');
    const inviteHash = (await env.DB.prepare('SELECT invite_hash FROM participants WHERE id = ?').bind(erased.id).first<{ invite_hash: string }>())!
      .invite_hash;

    const needles = [
      erased.id, person.displayName, person.email, person.function, person.region, person.generation,
      erased.token, await sha256Hex(erased.token), erased.inviteCode, await sha256Hex(erased.inviteCode), inviteHash, ...erased.responseIds,
    ];
    // The audit must be able to see the person before erasure, or it proves nothing.
    const before = await findNeedles(needles);
    for (const needle of [erased.id, person.email, person.function, await sha256Hex(erased.token), inviteHash, ...erased.responseIds]) {
      expect(before.some((hit) => hit.needle === needle), `the audit finds ${needle} before erasure`).toBe(true);
    }

    const reply = await callApi(api, { method: 'DELETE', path: `/api/v1/participants/${erased.id}`, token: world.coordinatorToken });
    expect(reply.status).toBe(200);

    expect(await findNeedles(needles)).toEqual([]);

    // The person can no longer sign in, by token or by invite.
    expect((await callApi(api, { method: 'GET', path: '/api/v1/me', token: erased.token })).status).toBe(401);
    expect((await callApi(api, { method: 'POST', path: '/api/v1/invites/redeem', body: { code: erased.inviteCode } })).status).not.toBe(200);
    expect((await callApi(api, { method: 'DELETE', path: `/api/v1/participants/${erased.id}`, token: world.coordinatorToken })).status).toBe(404);

    // The partner keeps their own answers, and their sessions keep exactly those answers.
    const partnerAfter = (await callApi(api, { method: 'GET', path: '/api/v1/me', token: partner.token })).body as {
      responses: Array<{ eventKey: string; value: number }>;
    };
    expect(partnerAfter.responses).toEqual(partnerBefore.responses);
    const pairOneMonths = await env.DB.prepare(
      `SELECT SUM(pm.responses) AS responses, SUM(pm.sessions) AS sessions FROM pair_months pm
       JOIN pairs p ON p.id = pm.pair_id WHERE p.cohort = 'Erasure cohort' AND (p.a_id = ?1 OR p.b_id = ?1)`,
    ).bind(partner.id).first();
    expect(pairOneMonths).toEqual({ responses: 3, sessions: 3 });
    const counted = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM responses r JOIN sessions s ON s.id = r.session_id JOIN pairs p ON p.id = s.pair_id
       WHERE p.cohort = 'Erasure cohort'`,
    ).first<{ n: number }>();
    expect(counted!.n).toBe(3);

    // Other pairs and the programme itself are untouched.
    expect((await env.DB.prepare('SELECT * FROM pair_months WHERE pair_id = ?').bind(bystanderPair).all()).results).toEqual(bystanderMonths.results);
    expect(await dump('programmes')).toEqual(programmesBefore);
    const listed = await callApi(api, { method: 'GET', path: `/api/v1/programmes/${world.programmeId}/participants`, token: world.coordinatorToken });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(person.email);
    expect(JSON.stringify(listed.body)).toContain(partner.email);
  });
});

/** Every (table, column, needle) where a stored value contains a needle, case-insensitively. */
async function findNeedles(needles: string[]) {
  const hits: Array<{ table: string; column: string; needle: string }> = [];
  const lowered = needles.map((needle) => needle.toLowerCase());
  const names = await tables();
  expect(names).toEqual(expect.arrayContaining(['participants', 'tokens', 'pairs', 'sessions', 'responses', 'pair_months']));
  for (const table of names) {
    for (const row of await dump(table)) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = (value instanceof ArrayBuffer ? new TextDecoder().decode(value) : String(value)).toLowerCase();
        lowered.forEach((needle, i) => {
          if (text.includes(needle)) hits.push({ table, column, needle: needles[i]! });
        });
      }
    }
  }
  return hits;
}
