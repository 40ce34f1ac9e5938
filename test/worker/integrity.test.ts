// Attacks on the integrity of a pair's record, each tried through the public
// API and each expected to fail (SECURITY.md, "Integrity and abuse").
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { AnalyticsGate } from '../../worker/http/analytics-gate';
import { BASE, call, db, newProgramme, pairedProgramme } from './api';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const uuid = () => crypto.randomUUID();
const today = () => new Date().toISOString().slice(0, 10);
const extensionKey = (uid: string, originalStart: string) => `${uid}/${new Date(originalStart).toISOString()}`;

describe('sessions are bounded and a partner cannot make an answer fail', () => {
  it('keeps the genuine answer when the partner first reported the session backdated to just under 7 days ago', async () => {
    const p = await pairedProgramme('Backdated by partner');
    const start = ago(2 * HOUR);
    const end = ago(HOUR);
    const eventKey = extensionKey('weekly@cal.example', start);
    // Ben's hostile report: the real key, times shifted to expire within minutes.
    const hostile = await call('POST', '/sessions', p.benToken, { pairId: p.pairId, eventKey, start: ago(7 * DAY + 50 * 60_000), end: ago(7 * DAY - 10 * 60_000) });
    expect(hostile.status).toBe(200);
    // Before, Ana's answer was checked against Ben's stored times, which expire soon; it is checked against her own.
    const genuine = await call('PUT', `/responses/${uuid()}`, p.anaToken, { pairId: p.pairId, eventKey, start, end, happened: true, value: 5 });
    expect(genuine.status).toBe(201);
    expect(genuine.body.sessionId).toBe(hostile.body.id);
    const stored = await db().prepare('SELECT value FROM responses WHERE session_id = ?1 AND participant_id = ?2').bind(hostile.body.id, p.ana.id).first();
    expect(stored).toEqual({ value: 5 });
    // A day later (Ben's times long expired) Ana's correction still lands: only her own times count.
    const tomorrow = new Date(Date.now() + DAY);
    const { submitResponse } = await import('../../worker/domain/responses');
    const corrected = await submitResponse(env.DB, { programmeId: p.programme.id, participantId: p.ana.id }, uuid(),
      { pairId: p.pairId, eventKey, start, end, happened: true, value: 4 }, tomorrow);
    expect(corrected.outcome).toBe('replaced');
  });

  it('still refuses a stale answer on its own times', async () => {
    const p = await pairedProgramme('Stale own times');
    const res = await call('PUT', `/responses/${uuid()}`, p.anaToken, {
      pairId: p.pairId, eventKey: 'stale', start: ago(8 * DAY), end: ago(8 * DAY - HOUR), happened: true, value: 3,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/7 days/);
  });

  it('refuses hundreds of sessions backdated before the pair started, by report or by answer', async () => {
    const { id, coordinatorToken } = await newProgramme('Before startsOn');
    const added = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
      participants: [{ displayName: 'Cy', email: 'cy@start.test' }, { displayName: 'Di', email: 'di@start.test' }],
    });
    const [cy, di] = added.body.participants;
    const pair = (await call('POST', `/programmes/${id}/pairs`, coordinatorToken, { a: cy.id, b: di.id, startsOn: today() })).body.id;
    const token = (await call('POST', '/invites/redeem', null, { code: cy.inviteCode })).body.participantToken;
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const start = ago(DAY + (i % 5) * DAY + i * 60_000);
      const body = { pairId: pair, eventKey: `fake-${i}`, start, end: start };
      const res = i % 2 === 0
        ? await call('POST', '/sessions', token, body)
        : await call('PUT', `/responses/${uuid()}`, token, { ...body, happened: true, value: 5 });
      statuses.add(res.status);
      if (res.status === 422) expect(res.body.error.message).toMatch(/before the pair's start/);
    }
    expect([...statuses]).toEqual([422]);
    expect(await db().prepare('SELECT COUNT(*) AS n FROM sessions WHERE pair_id = ?1').bind(pair).first()).toEqual({ n: 0 });
    // Today's meeting is inside the enrolment.
    const ok = await call('POST', '/sessions', token, { pairId: pair, eventKey: 'real', start: ago(60_000), end: ago(0) });
    expect(ok.status).toBe(200);
  });

  it('refuses sessions after the pair ended', async () => {
    const p = await pairedProgramme('After endsOn');
    const { id, coordinatorToken } = p.programme;
    const ended = (await call('POST', `/programmes/${id}/pairs`, coordinatorToken, {
      a: p.ana.id, b: p.ben.id, startsOn: '2026-01-02', endsOn: ago(3 * DAY).slice(0, 10),
    })).body.id;
    const res = await call('PUT', `/responses/${uuid()}`, p.anaToken, { pairId: ended, eventKey: 'late', start: ago(2 * HOUR), end: ago(HOUR), happened: true, value: 4 });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/after the pair's end/);
  });

  it('checks reported times against the original start the eventKey names, allowing a moved occurrence', async () => {
    const p = await pairedProgramme('Occurrence');
    const original = ago(5 * DAY);
    const moved = { start: ago(2 * DAY), end: ago(2 * DAY - HOUR) }; // moved three days later: same key
    const key = extensionKey('series@cal.example', original);
    expect((await call('PUT', `/responses/${uuid()}`, p.anaToken, { pairId: p.pairId, eventKey: key, ...moved, happened: true, value: 4 })).status).toBe(201);
    // A key whose original start is weeks before the reported times names another occurrence.
    const farKey = extensionKey('series@cal.example', ago(20 * DAY));
    const far = await call('POST', '/sessions', p.benToken, { pairId: p.pairId, eventKey: farKey, ...moved });
    expect(far.status).toBe(422);
    expect(far.body.error.message).toMatch(/original start/);
  });
});

describe('POST /sessions tells no one whether the partner reported first', () => {
  it('answers the same status, headers and body shape either way', async () => {
    const p = await pairedProgramme('Side channel');
    const times = { start: ago(2 * HOUR), end: ago(HOUR) };
    // Ana is first for "alone"; Ben reported "shared" before her.
    await call('POST', '/sessions', p.benToken, { pairId: p.pairId, eventKey: 'shared', ...times });
    const first = await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'alone', ...times });
    const second = await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'shared', ...times });
    expect(first.status).toBe(second.status);
    expect(Object.keys(first.body)).toEqual(Object.keys(second.body));
    expect(first.body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const headers = (res: typeof first) => {
      const names: string[] = [];
      res.headers.forEach((_, name) => names.push(name));
      return names.filter((name) => name !== 'date').sort();
    };
    expect(headers(first)).toEqual(headers(second));
  });
});

describe('the history import keeps to the enrolment too', () => {
  it('rejects lines outside [startsOn, endsOn] and says why, and stores the rest', async () => {
    const p = await pairedProgramme('Import enrolment');
    const line = (start: string) => JSON.stringify({
      pairId: p.pairId, eventKey: `import/${start}`, start, end: start,
      responses: [{ participantId: p.ana.id, happened: true, value: 4 }],
    });
    const res = await call('POST', `/programmes/${p.programme.id}/history`, p.programme.coordinatorToken,
      [line('2025-12-31T10:00:00.000Z'), line('2026-01-01T10:00:00.000Z')].join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sessions: 1, responses: 1 });
    expect(res.body.rejected).toEqual([{ line: 1, error: "the session starts before the pair's start (2026-01-01)" }]);
  });
});

describe('live answers win over the history import', () => {
  const line = (pairId: string, responses: object[], eventKey = 'meeting-1') =>
    JSON.stringify({ pairId, eventKey, start: ago(2 * HOUR), end: ago(HOUR), responses });

  it('never replaces an answer given through the extension, fills the gap, and says what it skipped', async () => {
    const p = await pairedProgramme('Import vs live');
    const path = `/programmes/${p.programme.id}/history`;
    const live = await call('PUT', `/responses/${uuid()}`, p.anaToken, {
      pairId: p.pairId, eventKey: 'meeting-1', start: ago(2 * HOUR), end: ago(HOUR), happened: true, value: 5, answeredAt: ago(30 * 60_000),
    });
    expect(live.status).toBe(201);
    const file = line(p.pairId, [
      { participantId: p.ana.id, happened: true, value: 1 },
      { participantId: p.ben.id, happened: true, value: 3 },
    ]);
    const report = await call('POST', path, p.programme.coordinatorToken, file);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ sessions: 1, responses: 1, rejected: [] });
    expect(report.body.skipped).toEqual([{ line: 1, participantId: p.ana.id, reason: expect.stringMatching(/through the extension/) }]);
    const rows = await db()
      .prepare('SELECT participant_id, value, revision, answered_at FROM responses WHERE session_id = ?1 ORDER BY value')
      .bind(live.body.sessionId)
      .all();
    expect(rows.results).toEqual([
      expect.objectContaining({ participant_id: p.ben.id, value: 3, revision: 1 }),
      expect.objectContaining({ participant_id: p.ana.id, value: 5, revision: 1 }),
    ]);
    const month = await db().prepare('SELECT a_value_sum, b_value_sum FROM pair_months WHERE pair_id = ?1').bind(p.pairId).first();
    expect(month).toEqual({ a_value_sum: 5, b_value_sum: 3 });
  });

  it('re-importing replaces its own earlier imported answer, idempotently, and a live answer then wins', async () => {
    const p = await pairedProgramme('Re-import');
    const path = `/programmes/${p.programme.id}/history`;
    const token = p.programme.coordinatorToken;
    await call('POST', path, token, line(p.pairId, [{ participantId: p.ben.id, happened: true, value: 2 }]));
    const corrected = await call('POST', path, token, line(p.pairId, [{ participantId: p.ben.id, happened: true, value: 4 }]));
    expect(corrected.body).toMatchObject({ responses: 1, skipped: [] });
    const again = await call('POST', path, token, line(p.pairId, [{ participantId: p.ben.id, happened: true, value: 4 }]));
    expect(again.body).toEqual(corrected.body);
    const ben = () => db().prepare('SELECT value, revision FROM responses WHERE participant_id = ?1').bind(p.ben.id).first();
    expect(await ben()).toEqual({ value: 4, revision: 2 });
    // Ben then answers live; the next import leaves his answer alone.
    expect((await call('PUT', `/responses/${uuid()}`, p.benToken, {
      pairId: p.pairId, eventKey: 'meeting-1', start: ago(2 * HOUR), end: ago(HOUR), happened: true, value: 1,
    })).status).toBe(200);
    const after = await call('POST', path, token, line(p.pairId, [{ participantId: p.ben.id, happened: true, value: 4 }]));
    expect(after.body).toMatchObject({ responses: 0, skipped: [{ line: 1, participantId: p.ben.id }] });
    expect(await ben()).toEqual({ value: 1, revision: 3 });
  });
});

describe('throttle guesses, not people', () => {
  it('lets a valid sponsor token through after 620 bad tokens from the same address, and keeps refusing the guesses', async () => {
    const { id, sponsorToken } = await newProgramme('Shared NAT');
    const app = createApp({ rateLimitPerMinute: 600 });
    const get = (token: string) =>
      app.fetch(new Request(`${BASE}/programmes/${id}`, { headers: { Authorization: `Bearer ${token}`, 'CF-Connecting-IP': '203.0.113.50' } }), env);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 620; i++) {
      const res = await get(crypto.randomUUID().replace(/-/g, '').padEnd(43, 'x'));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 600, 429: 20 });
    const valid = await get(sponsorToken);
    expect(valid.status).toBe(200);
    const guess = await get('y'.repeat(43));
    expect(guess.status).toBe(429);
    expect(Number(guess.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(await guess.json()).toEqual({ error: expect.objectContaining({ code: 'rate_limited' }) });
  });
});

describe('shown text is cleaned at every entry point', () => {
  const spoof = 'Ana\u202Enorvel\u200B\u2066 Lima\r\nCEO\u0000\uFEFF';

  it('strips bidi, zero-width and control characters from names in JSON and refuses a name of nothing but them', async () => {
    const { id, coordinatorToken } = await newProgramme('Bidi JSON');
    const res = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
      participants: [{ displayName: spoof, email: 'spoof@bidi.test', function: 'I\u200DT\n', region: '\u202AEU' }],
    });
    expect(res.status).toBe(201);
    const row = await db().prepare('SELECT display_name, function, region FROM participants WHERE email = ?1').bind('spoof@bidi.test').first();
    expect(row).toEqual({ display_name: 'Ananorvel Lima CEO', function: 'IT', region: 'EU' });
    const empty = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
      participants: [{ displayName: '\u202E\u200B\r\n', email: 'empty@bidi.test' }],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].path).toEqual(['participants', 0, 'displayName']);
  });

  it('strips them from names in the CSV import', async () => {
    const { id, coordinatorToken } = await newProgramme('Bidi CSV');
    const csv = `type,displayName,email,cohort\nparticipant,"Ben\u202E\u2067 Okafor\u0000",ben@bidi.test,\nparticipant,\u200B\u202E,nobody@bidi.test,\n`;
    const res = await call('POST', `/programmes/${id}/import`, coordinatorToken, csv, { headers: { 'Content-Type': 'text/csv' } });
    expect(res.body.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'rejected']);
    const row = await db().prepare('SELECT display_name FROM participants WHERE email = ?1').bind('ben@bidi.test').first();
    expect(row).toEqual({ display_name: 'Ben Okafor' });
  });

  it('refuses history lines whose eventKey hides characters', async () => {
    const p = await pairedProgramme('Bidi history');
    const res = await call('POST', `/programmes/${p.programme.id}/history`, p.programme.coordinatorToken,
      JSON.stringify({ pairId: p.pairId, eventKey: 'evt\u202E1', start: '2026-02-01T10:00:00Z', end: '2026-02-01T11:00:00Z', responses: [] }));
    expect(res.body.rejected).toEqual([{ line: 1, error: expect.stringMatching(/eventKey/) }]);
  });
});

describe('heavy analytics are limited per programme', () => {
  it('refuses the excess with 429 and Retry-After while participant routes and other callers are unaffected', async () => {
    const p = await pairedProgramme('Busy analytics');
    // Two slots, and no room to wait: every further heavy read is refused at once.
    const gate = new AnalyticsGate(2, 10, 0);
    const app = createApp({ analyticsGate: gate });
    const get = (path: string, token: string) => app.fetch(new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } }), env);
    const pid = p.programme.id;
    expect(gate.tryEnter(pid) && gate.tryEnter(pid)).toBe(true); // two heavy reads in progress
    for (const [path, token] of [
      [`/programmes/${pid}/dashboard`, p.programme.coordinatorToken],
      [`/programmes/${pid}/culture`, p.programme.sponsorToken],
      [`/programmes/${pid}/pairs/${p.pairId}`, p.programme.coordinatorToken],
      [`/programmes/${pid}/export.csv?kind=periods`, p.programme.sponsorToken],
    ] as const) {
      const res = await get(path, token);
      expect(res.status).toBe(429);
      expect(res.headers.get('Retry-After')).toBe('2');
      expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'rate_limited' }) });
    }
    expect((await get('/me', p.anaToken)).status).toBe(200);
    // A caller from another programme learns nothing about this one's load.
    const other = await newProgramme('Busy other');
    expect((await get(`/programmes/${pid}/dashboard`, other.coordinatorToken)).status).toBe(403);
    expect((await get(`/programmes/${other.id}/dashboard`, other.coordinatorToken)).status).toBe(200);
    gate.leave(pid);
    const served = await get(`/programmes/${pid}/dashboard`, p.programme.coordinatorToken);
    expect(served.status).toBe(200);
    // The slot is given back after the answer.
    expect(gate.tryEnter(pid)).toBe(true);
  });
});

describe('heavy analytics wait their turn in a short queue', () => {
  it('serves requests that arrive while one runs, one at a time, and refuses past the queue', async () => {
    const gate = new AnalyticsGate(1, 10, 2, 60_000);
    expect(gate.tryEnter('p')).toBe(true);
    const order: string[] = [];
    const second = gate.enter('p').then((ok) => { order.push(`second ${ok}`); return ok; });
    const third = gate.enter('p').then((ok) => { order.push(`third ${ok}`); return ok; });
    // The queue holds two; a fourth is refused at once, and another programme is not held up.
    expect(await gate.enter('p')).toBe(false);
    expect(gate.tryEnter('other')).toBe(true);
    gate.leave('other');
    expect(order).toEqual([]);
    gate.leave('p');
    expect(await second).toBe(true);
    expect(order).toEqual(['second true']);
    gate.leave('p');
    expect(await third).toBe(true);
    expect(order).toEqual(['second true', 'third true']);
    gate.leave('p');
    expect(gate.tryEnter('p')).toBe(true);
  });

  it('gives up on a request that waited too long', async () => {
    const gate = new AnalyticsGate(1, 10, 2, 20);
    expect(gate.tryEnter('p')).toBe(true);
    expect(await gate.enter('p')).toBe(false);
    gate.leave('p');
    expect(gate.tryEnter('p')).toBe(true);
  });

  it('answers concurrent reads of one programme, all of them, through the real routes', async () => {
    const p = await pairedProgramme('Queued analytics');
    const app = createApp({ analyticsGate: new AnalyticsGate() });
    const pid = p.programme.id;
    const get = (path: string, token: string) => app.fetch(new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } }), env);
    const statuses = await Promise.all([
      get(`/programmes/${pid}/dashboard`, p.programme.coordinatorToken),
      get(`/programmes/${pid}/pairs/${p.pairId}`, p.programme.coordinatorToken),
      get(`/programmes/${pid}/culture`, p.programme.sponsorToken),
    ].map(async (res) => (await res).status));
    expect(statuses).toEqual([200, 200, 200]);
  });
});

describe('participants first', () => {
  it('holds a heavy read back while a participant request is in progress, and not longer than its bound', async () => {
    const gate = new AnalyticsGate();
    expect(await gate.participantsServed()).toBe(false); // nobody in progress: no wait
    gate.participantStarted();
    let admitted = false;
    const heavy = gate.participantsServed().then(() => { admitted = true; });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(admitted).toBe(false);
    gate.participantEnded();
    await heavy;
    expect(admitted).toBe(true);
    // A participant that never finishes cannot hold analytics back beyond the bound.
    gate.participantStarted();
    const started = Date.now();
    expect(await gate.participantsServed(40)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    gate.participantEnded();
  });

  it('counts the participant routes while they run, through the real app', async () => {
    const p = await pairedProgramme('Participants first');
    const gate = new AnalyticsGate();
    const app = createApp({ analyticsGate: gate });
    let seen = 0;
    const started = gate.participantStarted.bind(gate);
    gate.participantStarted = () => { seen += 1; started(); };
    const res = await app.fetch(new Request(`${BASE}/me`, { headers: { Authorization: `Bearer ${p.anaToken}` } }), env);
    expect(res.status).toBe(200);
    expect(seen).toBe(1);
    expect(await gate.participantsServed(0)).toBe(false); // and it ended with the answer
    const dashboard = await app.fetch(new Request(`${BASE}/programmes/${p.programme.id}/dashboard`, { headers: { Authorization: `Bearer ${p.programme.coordinatorToken}` } }), env);
    expect(dashboard.status).toBe(200);
    expect(seen).toBe(1);
  });
});
