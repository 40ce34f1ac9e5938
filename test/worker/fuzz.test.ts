// Property tests of every write route with hostile input: wrong types, missing
// and extra fields, huge strings, deep nesting, broken JSON, wrong content
// types and odd Unicode, all sent with a valid token for the route. Whatever
// arrives, the Worker must never answer 500, and every refusal must carry
// the error envelope (400s with the path of each problem).
//
// FUZZ_RUNS is the total number of cases over all routes (default 2,000, a few
// seconds); `npm run fuzz:full` runs 20,000. FUZZ_SEED replays a failure.
import { createExecutionContext, env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../shared/schemas';
import worker from '../../worker/index';
import { enrolProgramme, type EnrolledProgramme, type Fetcher } from '../support/load-client';

const ROUTES = 9;
// vitest.config.ts passes the host's FUZZ_RUNS and FUZZ_SEED in as bindings.
const settings = env as unknown as { FUZZ_RUNS?: string; FUZZ_SEED?: string };
const TOTAL_RUNS = Number(settings.FUZZ_RUNS || 2000);
const RUNS_PER_ROUTE = Math.ceil(TOTAL_RUNS / ROUTES);
const SEED = Number(settings.FUZZ_SEED || 20261123);
const BASE = 'http://twoway.test';
// The Worker's own fetch handler, called in-process inside workerd with the real D1.
// (SELF.fetch does the same through a service binding, but in this pool its cost per
// call grows with every call: 1,800 calls took over 120 s, against 0.2 s direct.)
const workerFetch: Fetcher = async (input, init) => worker.fetch(new Request(input, init), env, createExecutionContext());
const api = { baseUrl: BASE, fetcher: workerFetch };

let world: EnrolledProgramme;
let adminToken: string;
let casesRun = 0;

beforeAll(async () => {
  adminToken = 'test-admin-token';
  world = await enrolProgramme(api, adminToken, 2, { label: 'fuzz' });
}, 30_000);

// ---- hostile pieces ------------------------------------------------------

const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }), // any code point, lone surrogates included
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202Eevil', '\uFEFF', 'e\u0301', '\u2028\u2029', '𝔘𝔫𝔦', '👩‍👩‍👧', "'; DROP TABLE responses; --", '%00', '../../etc', '<script>alert(1)</script>'),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** A JSON value of the wrong kind for almost any field. */
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddText);

const deepNesting = fc.integer({ min: 50, max: 20_000 }).chain((depth) =>
  fc.constantFrom('[', '{"a":').map((open) => {
    const close = open === '[' ? ']' : '}';
    return open.repeat(depth) + '1' + close.repeat(depth);
  }),
);

/** Raw bodies that are not the JSON document the route expects. */
const brokenText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  deepNesting,
  fc.constantFrom('', ' ', 'null', '{', '{"a":1,}', '[1,2', 'NaN', '\u0000', '{"__proto__":{"admin":true}}', 'true'),
  fc.integer({ min: 65 * 1024, max: 90 * 1024 }).map((n) => JSON.stringify({ name: 'y'.repeat(n) })), // over 64 KiB
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/csv',
  'application/x-ndjson',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/json; charset=utf-16',
  undefined,
);

/** A valid body with one thing wrong: a field replaced, dropped, added, or nested deeper. */
function mutate(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: anyJson }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...valid };
      delete copy[key];
      return copy;
    }),
    fc.record({ key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'role')), value: anyJson })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => ({ ...valid, [key]: { nested: [valid[key]] } })),
  );
}

interface Case {
  body: string | undefined;
  contentType: string | undefined;
}

/** A JSON route's cases: mutated valid bodies, whole garbage, and the wrong content type. */
function jsonCases(valid: () => Record<string, unknown>) {
  return fc.oneof(
    fc.record({ body: fc.constant(null).chain(() => mutate(valid())).map((b) => JSON.stringify(b)), contentType: fc.constant('application/json') }),
    fc.record({ body: brokenText, contentType: contentTypes }),
    fc.record({ body: fc.constant(undefined), contentType: contentTypes }),
  ) as fc.Arbitrary<Case>;
}

// ---- the property ------------------------------------------------------------

async function send(method: string, path: string, token: string | undefined, sample: Case) {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (sample.contentType) headers['Content-Type'] = sample.contentType;
  const response = await workerFetch(`${BASE}${path}`, { method, headers, body: sample.body });
  casesRun += 1;
  const text = await response.text();
  const where = `${method} ${path} with ${JSON.stringify(sample).slice(0, 300)}`;
  expect(response.status, `${where} -> ${text.slice(0, 300)}`).toBeLessThan(500);
  if (response.status < 300) return;
  let parsed: { error?: { code?: unknown; message?: unknown; issues?: unknown } };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where}: ${response.status} without a JSON error envelope: ${text.slice(0, 200)}`);
  }
  expect(Object.keys(parsed), where).toEqual(['error']);
  // The Worker's catch-all 404: the route under test is missing, so the case proves nothing.
  expect(String(parsed.error?.message), where).not.toMatch(/^no route for/);
  const error = parsed.error!;
  expect(typeof error.code, where).toBe('string');
  expect(typeof error.message, where).toBe('string');
  expect(Object.keys(error).every((key) => ['code', 'message', 'issues'].includes(key)), where).toBe(true);
  if (response.status === 400) {
    expect(Array.isArray(error.issues) && error.issues.length > 0, `${where}: 400 without issues`).toBe(true);
    for (const issue of error.issues as Array<{ path?: unknown; message?: unknown }>) {
      expect(Array.isArray(issue.path), where).toBe(true);
      expect(typeof issue.message, where).toBe('string');
    }
  }
  if (response.status === 429) expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
}

async function fuzz<T>(arbitrary: fc.Arbitrary<T>, check: (sample: T) => Promise<void>) {
  const started = Date.now();
  await fc.assert(fc.asyncProperty(arbitrary, check), { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true });
  console.info(`fuzz: ${RUNS_PER_ROUTE} cases in ${Date.now() - started} ms`);
}

// ---- valid bodies, to mutate ---------------------------------------------------

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const pair = () => world.pairs[0]!;
const member = () => pair().members[0];

const validResponse = () => ({
  pairId: pair().id,
  eventKey: 'fuzz-event@cal.example/2026',
  start: hoursAgo(3),
  end: hoursAgo(2),
  happened: true,
  value: 4,
  learned: true,
  openness: false,
  autonomy: 'showed_me',
  topics: [TOPICS[0], TOPICS[2]],
});

const validHistoryLine = () => ({
  pairId: pair().id,
  eventKey: 'fuzz-history@cal.example/2025',
  start: '2025-05-01T10:00:00Z',
  end: '2025-05-01T11:00:00Z',
  responses: [{ participantId: member().id, happened: true, value: 3 }],
});

const uuidOrGarbage = fc.oneof(fc.uuid(), fc.string({ maxLength: 80 }), fc.constantFrom('..', '%2e%2e', 'a'.repeat(300), '%00', '%F0%9F%92%A9'));
// '.' and '..' would be resolved away by the URL parser, leaving another route; keep the segment.
const pathSegment = (raw: string) => (/^\.{1,2}$/.test(raw) ? `${raw}x` : encodeURIComponent(raw) || '%20');

describe.sequential(`fuzzing every write route (${RUNS_PER_ROUTE} cases each, seed ${SEED})`, { timeout: 120_000 }, () => {
  it('POST /programmes', () =>
    fuzz(jsonCases(() => ({ name: 'Fuzzed programme', kAnonymity: 5, weights: { value: 25 } })), (sample) =>
      send('POST', '/api/v1/programmes', adminToken, sample)));

  it('POST /programmes/:pid/participants', () =>
    fuzz(
      fc.oneof(
        jsonCases(() => ({ participants: [{ displayName: 'Zoë', email: 'zoe@example.org', function: 'Ops' }] })),
        // the same mutations one level down, inside the participant
        mutate({ displayName: 'Zoë', email: 'zoe@example.org', region: 'EMEA' }).map((p) => ({
          body: JSON.stringify({ participants: [p] }),
          contentType: 'application/json',
        })),
      ),
      (sample) => send('POST', `/api/v1/programmes/${world.programmeId}/participants`, world.coordinatorToken, sample),
    ));

  it('POST /programmes/:pid/pairs', () =>
    fuzz(
      jsonCases(() => ({
        a: member().id, b: pair().members[1].id, mentorId: member().id, cohort: '2026', startsOn: '2026-01-01', endsOn: null, cadenceDays: 14,
      })),
      (sample) => send('POST', `/api/v1/programmes/${world.programmeId}/pairs`, world.coordinatorToken, sample),
    ));

  it('POST /programmes/:pid/import (CSV)', () => {
    const cell = fc.oneof(oddText, fc.constantFrom('', '"', '""', ',', '\n', '\r\n', 'a@b.example', '2026-01-01', 'x,y'));
    const csv = fc
      .record({
        header: fc.oneof(
          fc.constantFrom('kind,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays', 'displayName,email', ''),
          fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }).map((cells) => cells.join(',')),
        ),
        rows: fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 12 }),
      })
      .map(({ header, rows }) => [header, ...rows.map((row) => row.join(','))].join('\n'));
    return fuzz(
      fc.oneof(
        fc.record({ body: csv, contentType: fc.constant('text/csv') }),
        fc.record({ body: brokenText, contentType: contentTypes }),
      ) as fc.Arbitrary<Case>,
      (sample) => send('POST', `/api/v1/programmes/${world.programmeId}/import`, world.coordinatorToken, sample),
    );
  });

  it('POST /invites/redeem', () =>
    fuzz(jsonCases(() => ({ code: 'not-a-real-invite-code-0123456789' })), (sample) => send('POST', '/api/v1/invites/redeem', undefined, sample)));

  it('POST /sessions', () =>
    fuzz(
      jsonCases(() => ({ pairId: pair().id, eventKey: 'fuzz-session', start: hoursAgo(5), end: hoursAgo(4) })),
      (sample) => send('POST', '/api/v1/sessions', member().token, sample),
    ));

  it('POST /programmes/:pid/history (NDJSON)', () => {
    const line = fc.oneof(
      mutate(validHistoryLine()).map((value) => JSON.stringify(value)),
      fc.constant(null).map(() => JSON.stringify(validHistoryLine())),
      mutate(validHistoryLine().responses[0]!).map((r) => JSON.stringify({ ...validHistoryLine(), responses: [r] })),
      brokenText.filter((text) => text.length < 5000),
    );
    const ndjson = fc.tuple(fc.array(line, { minLength: 0, maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
    return fuzz(
      fc.oneof(
        fc.record({ body: ndjson, contentType: fc.constantFrom('application/x-ndjson', 'application/json', undefined) }),
        fc.record({ body: brokenText, contentType: contentTypes }),
      ) as fc.Arbitrary<Case>,
      (sample) => send('POST', `/api/v1/programmes/${world.programmeId}/history`, world.coordinatorToken, sample),
    );
  });

  it('PUT /responses/:id', () =>
    fuzz(fc.tuple(uuidOrGarbage, jsonCases(validResponse)), ([id, sample]) =>
      send('PUT', `/api/v1/responses/${pathSegment(id)}`, member().token, sample)));

  it('DELETE /participants/:id', () =>
    fuzz(
      fc.tuple(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), uuidOrGarbage),
        fc.oneof(fc.record({ body: fc.constant(undefined), contentType: fc.constant(undefined) }), jsonCases(() => ({ reason: 'left' }))),
      ),
      ([id, sample]) => send('DELETE', `/api/v1/participants/${pathSegment(id)}`, world.coordinatorToken, sample),
    ));

  it(`ran at least ${TOTAL_RUNS} cases in total`, () => {
    expect(casesRun).toBeGreaterThanOrEqual(TOTAL_RUNS);
    console.info(`fuzz: ${casesRun} cases over ${ROUTES} routes, seed ${SEED}`);
  });
});
