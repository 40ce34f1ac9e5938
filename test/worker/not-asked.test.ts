// POST /sessions with asked: false (shared/metrics/README.md, "Not asked"): stored per
// member, rolled up in the same batch, and followed by every number the
// coordinator is shown.
import { describe, expect, it } from 'vitest';
import { call, db, pairedProgramme } from './api';

const DAY = 86_400_000;
const today = Date.parse(new Date().toISOString().slice(0, 10));
/** Meetings before today's midnight, so the default window (as of the start of today) holds them. */
const meeting = (daysAgo: number) => ({ start: new Date(today - daysAgo * DAY).toISOString(), end: new Date(today - daysAgo * DAY + 3_600_000).toISOString() });
const uuid = () => crypto.randomUUID();

async function programmeWithTwoAnsweredSessions(name: string) {
  const p = await pairedProgramme(name, '2026-01-01');
  await call('PATCH', `/programmes/${p.programme.id}`, p.programme.coordinatorToken, { minAnswersPerMember: 2 });
  for (const [key, daysAgo] of [['one', 6], ['two', 5]] as const) {
    for (const token of [p.anaToken, p.benToken]) {
      const res = await call('PUT', `/responses/${uuid()}`, token, { pairId: p.pairId, eventKey: key, ...meeting(daysAgo), happened: true, value: 4 });
      expect(res.status).toBe(201);
    }
  }
  return p;
}

const sessionRow = (pairId: string, eventKey: string) =>
  db().prepare('SELECT a_asked, b_asked, a_happened, b_happened FROM sessions WHERE pair_id = ? AND event_key = ?').bind(pairId, eventKey).first();
const monthRows = (pairId: string) =>
  db().prepare('SELECT SUM(sessions) AS sessions, SUM(held) AS held, SUM(missed) AS missed, SUM(responses) AS responses, SUM(held_not_asked) AS held_not_asked, SUM(not_asked_slots) AS not_asked_slots FROM pair_months WHERE pair_id = ?')
    .bind(pairId).first();

describe('POST /sessions with asked: false', () => {
  it('marks only the reporting member\'s slot, and the latest report wins', async () => {
    const p = await pairedProgramme('Marks');
    const body = { pairId: p.pairId, eventKey: 'marked', ...meeting(2) };
    expect(await call('POST', '/sessions', p.benToken, { ...body, asked: false })).toMatchObject({ status: 200, body: { id: expect.any(String) } });
    expect(await sessionRow(p.pairId, 'marked')).toEqual({ a_asked: 1, b_asked: 0, a_happened: null, b_happened: null });
    // A report without `asked` leaves the mark as it is; asked: true takes it back.
    await call('POST', '/sessions', p.benToken, body);
    expect(await sessionRow(p.pairId, 'marked')).toMatchObject({ b_asked: 0 });
    await call('POST', '/sessions', p.anaToken, { ...body, asked: false });
    expect(await sessionRow(p.pairId, 'marked')).toMatchObject({ a_asked: 0, b_asked: 0 });
    await call('POST', '/sessions', p.benToken, { ...body, asked: true });
    expect(await sessionRow(p.pairId, 'marked')).toMatchObject({ a_asked: 0, b_asked: 1 });
  });

  it('rolls up a reported session nobody answered, so its month counts it in the rate\'s divisor', async () => {
    const p = await pairedProgramme('Reported only');
    await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'unanswered', ...meeting(3) });
    expect(await monthRows(p.pairId)).toEqual({ sessions: 1, held: 0, missed: 0, responses: 0, held_not_asked: 0, not_asked_slots: 0 });
  });

  it('rolls the session up as held, not asked: never missed, and no slot owed for the member not asked', async () => {
    const p = await pairedProgramme('Rolled up');
    await call('POST', '/sessions', p.benToken, { pairId: p.pairId, eventKey: 'quiet', ...meeting(2), asked: false });
    expect(await monthRows(p.pairId)).toEqual({ sessions: 1, held: 0, missed: 0, responses: 0, held_not_asked: 1, not_asked_slots: 1 });
    // Ana answers "it did not happen": someone said so, so it is missed, and Ben's slot stays out of the rate.
    await call('PUT', `/responses/${uuid()}`, p.anaToken, { pairId: p.pairId, eventKey: 'quiet', ...meeting(2), happened: false });
    expect(await monthRows(p.pairId)).toEqual({ sessions: 1, held: 0, missed: 1, responses: 1, held_not_asked: 0, not_asked_slots: 1 });
  });

  it('answers 200 {id} with the same keys and headers whether or not the partner reported first', async () => {
    const p = await pairedProgramme('Not asked side channel');
    await call('POST', '/sessions', p.benToken, { pairId: p.pairId, eventKey: 'shared', ...meeting(1), asked: false });
    const alone = await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'alone', ...meeting(1), asked: false });
    const shared = await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'shared', ...meeting(1), asked: false });
    expect(alone.status).toBe(200);
    expect(shared.status).toBe(200);
    expect(Object.keys(alone.body)).toEqual(['id']);
    expect(Object.keys(shared.body)).toEqual(['id']);
    const names = (res: typeof alone) => { const all: string[] = []; res.headers.forEach((_, n) => all.push(n)); return all.filter((n) => n !== 'date').sort(); };
    expect(names(alone)).toEqual(names(shared));
  });

  it('refuses an asked that is not a boolean', async () => {
    const p = await pairedProgramme('Bad asked');
    const res = await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'x', ...meeting(1), asked: 'no' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['asked']);
  });

  it('counts as held in the pair\'s numbers, raises the response rate instead of lowering it, and an answer given anyway counts', async () => {
    const p = await programmeWithTwoAnsweredSessions('Pair numbers');
    const detail = async () => (await call('GET', `/programmes/${p.programme.id}/pairs/${p.pairId}`, p.programme.coordinatorToken)).body;
    await call('POST', '/sessions', p.anaToken, { pairId: p.pairId, eventKey: 'three', ...meeting(3) });
    const unmarked = await detail();
    expect(unmarked.pair.metrics).toMatchObject({ held: 2, responseRate: 4 / 6 });
    expect(unmarked.sessions.map((s: { status: string }) => s.status)).toEqual(['held', 'held', 'unknown']);

    await call('POST', '/sessions', p.benToken, { pairId: p.pairId, eventKey: 'three', ...meeting(3), asked: false });
    const marked = await detail();
    expect(marked.pair.metrics).toMatchObject({ held: 3, responseRate: 4 / 5 });
    expect(marked.pair.metrics.cadence).toBeGreaterThanOrEqual(unmarked.pair.metrics.cadence);
    expect(marked.sessions.map((s: { status: string }) => s.status)).toEqual(['held', 'held', 'held']);
    expect(marked.pair.metrics.value).toBe(unmarked.pair.metrics.value);
    const summary = async () => (await call('GET', `/programmes/${p.programme.id}/dashboard`, p.programme.coordinatorToken)).body.summary;
    expect(await summary()).toMatchObject({ sessionsHeld: 3, sessionsMissed: 0, responseRate: expect.objectContaining({ value: 4 / 5, n: 5 }) });

    // Ben answers anyway: his answer counts like any other.
    await call('PUT', `/responses/${uuid()}`, p.benToken, { pairId: p.pairId, eventKey: 'three', ...meeting(3), happened: true, value: 1 });
    const answered = await detail();
    expect(answered.pair.metrics).toMatchObject({ held: 3, responseRate: 5 / 6 });
    expect(answered.pair.metrics.value).toBeLessThan(unmarked.pair.metrics.value);
    expect(await summary()).toMatchObject({ sessionsHeld: 3, responseRate: expect.objectContaining({ value: 5 / 6, n: 6 }) });
  });
});
