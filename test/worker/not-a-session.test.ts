// "This wasn't a mentoring session": a member's answer of its own kind. A
// session one member disowns, and that nobody answered as held, counts
// nowhere; the Worker's reply never depends on the partner's answer.
import { describe, expect, it } from 'vitest';
import { ADMIN, call, db, pairedProgramme } from './api';

const DAY = 86_400_000;
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
/** Yesterday at `hour` UTC: always in the past, always inside the 7-day answer window. */
const yesterdayAt = (hour: number) => new Date(today - DAY + hour * 3600_000).toISOString();
const asOf = new Date(today).toISOString();
const uuid = () => crypto.randomUUID();

function session(pairId: string, eventKey: string, hour: number) {
  return { pairId, eventKey, start: yesterdayAt(hour), end: yesterdayAt(hour + 1) };
}
const held = (value: number) => ({ happened: true, value, learned: true, openness: true });
const NOT_A_SESSION = { happened: 'not_a_session' };

async function put(token: string, body: Record<string, unknown>) {
  return call('PUT', `/responses/${uuid()}`, token, body);
}

/** Everything a coordinator and a sponsor can read about the programme. */
async function everything(p: Awaited<ReturnType<typeof pairedProgramme>>) {
  const pid = p.programme.id;
  const coordinator = p.programme.coordinatorToken;
  // One after another: a programme's heavy reads are served one at a time (SECURITY.md, "Integrity and abuse").
  const reads = [];
  for (const path of [`dashboard?asOf=${asOf}`, `pairs/${p.pairId}?asOf=${asOf}`, `export.csv?kind=pairs&asOf=${asOf}`]) {
    reads.push(await call('GET', `/programmes/${pid}/${path}`, coordinator));
  }
  for (const read of reads) expect(read.status).toBe(200);
  const pairMonths = await db().prepare('SELECT * FROM pair_months WHERE pair_id = ?1 ORDER BY month').bind(p.pairId).all();
  // When the dashboard's figures were computed is no figure: leave it out of the comparison.
  const figures = (body: unknown) => (body && typeof body === 'object' && 'served' in body ? { ...body, served: undefined } : body);
  return { reads: reads.map((r) => figures(r.body)), pairMonths: pairMonths.results };
}

describe('a not-a-session answer', () => {
  it('leaves no trace in any metric, rollup or export, alone or against a partner who says it did not happen', async () => {
    const p = await pairedProgramme('Not a session');
    // One real, held session so that the numbers are not trivially empty.
    const real = session(p.pairId, 'real/1', 8);
    await put(p.anaToken, { ...real, ...held(4) });
    await put(p.benToken, { ...real, ...held(5) });
    const before = await everything(p);
    expect(before.pairMonths).toHaveLength(1);

    // The extension reports the meeting when it ends (an "unknown" session), then the person disowns it.
    const board = session(p.pairId, 'board-prep/1', 18);
    expect((await call('POST', '/sessions', p.anaToken, board)).status).toBe(200);
    expect((await everything(p)).reads).not.toEqual(before.reads);
    expect((await put(p.anaToken, { ...board, ...NOT_A_SESSION })).status).toBe(201);
    expect(await everything(p)).toEqual(before);

    // The partner answering "it didn't happen" does not bring it back as missed.
    expect((await put(p.benToken, { ...board, happened: false })).status).toBe(201);
    expect(await everything(p)).toEqual(before);

    const me = await call('GET', '/me', p.anaToken);
    expect(me.body.responses).toContainEqual(expect.objectContaining({ eventKey: 'board-prep/1', happened: 'not_a_session' }));
    expect(me.body.responses.find((r: any) => r.eventKey === 'board-prep/1').value).toBeUndefined();
  });

  it('gives way to a partner who answered that the session was held', async () => {
    const p = await pairedProgramme('Disputed session');
    const s = session(p.pairId, 'disputed/1', 10);
    await put(p.anaToken, { ...s, ...NOT_A_SESSION });
    await put(p.benToken, { ...s, ...held(3) });
    const row = await db()
      .prepare('SELECT a_happened, b_happened, b_value, not_a_session FROM sessions WHERE pair_id = ?1')
      .bind(p.pairId)
      .first();
    expect(row).toEqual({ a_happened: null, b_happened: 1, b_value: 3, not_a_session: 0 });
    const month = await db().prepare('SELECT sessions, held, missed, responses FROM pair_months WHERE pair_id = ?1').bind(p.pairId).first();
    // Held, on the partner's answer alone: the disowning member gave no answer about it.
    expect(month).toEqual({ sessions: 1, held: 1, missed: 0, responses: 1 });
    // Changing one's mind later counts like any other answer.
    await put(p.anaToken, { ...s, ...held(5), answeredAt: new Date().toISOString() });
    expect(await db().prepare('SELECT responses FROM pair_months WHERE pair_id = ?1').bind(p.pairId).first()).toEqual({ responses: 2 });
  });

  it('gets the same reply whatever the partner has answered', async () => {
    const replies = [];
    for (const partner of [undefined, { happened: false }, held(4), NOT_A_SESSION]) {
      const p = await pairedProgramme(`Side channel ${replies.length}`);
      const s = session(p.pairId, 'meeting/1', 12);
      if (partner) expect((await put(p.benToken, { ...s, ...partner })).status).toBe(201);
      const reply = await put(p.anaToken, { ...s, ...NOT_A_SESSION });
      const replay = await call('PUT', `/responses/${reply.body.id}`, p.anaToken, { ...s, ...NOT_A_SESSION });
      replies.push({
        status: reply.status,
        keys: Object.keys(reply.body).sort(),
        outcome: reply.body.outcome,
        replay: [replay.status, replay.body.outcome],
        headers: [...(reply.headers as unknown as Map<string, string>).keys()].sort(),
      });
    }
    expect(replies[0]).toMatchObject({ status: 201, outcome: 'created', replay: [200, 'replaced'] });
    for (const reply of replies) expect(reply).toEqual(replies[0]);
  });

  it('carries no other answer field, and says so', async () => {
    const p = await pairedProgramme('Not a session validation');
    const s = session(p.pairId, 'x/1', 9);
    const refused = await put(p.anaToken, { ...s, happened: 'not_a_session', value: 3 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toContainEqual(
      expect.objectContaining({ path: ['value'], message: 'value must be absent when it was not a mentoring session' }),
    );
    expect((await put(p.anaToken, { ...s, happened: 'maybe' })).status).toBe(400);
    // The history import keeps its two answers: a back-filled session either happened or not.
    const line = JSON.stringify({ ...s, responses: [{ participantId: p.ana.id, happened: 'not_a_session' }] });
    const imported = await call('POST', `/programmes/${p.programme.id}/history`, p.programme.coordinatorToken, line, {
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(imported.body.rejected).toHaveLength(1);
  });
});

describe('meeting keywords', () => {
  it('are set by the programme and handed to its participants', async () => {
    const p = await pairedProgramme('Keywords');
    expect((await call('GET', '/me', p.anaToken)).body.programme).toEqual({ id: p.programme.id, name: 'Keywords', meetingKeywords: [], maxPromptsPerPairPerWeek: null });
    const set = await call('PATCH', `/programmes/${p.programme.id}`, p.programme.coordinatorToken, {
      meetingKeywords: ['Mentoring', ' reverse mentoring ', 'mentoring'],
    });
    expect(set).toMatchObject({ status: 200, body: { meetingKeywords: ['mentoring', 'reverse mentoring'] } });
    expect((await call('GET', '/me', p.benToken)).body.programme.meetingKeywords).toEqual(['mentoring', 'reverse mentoring']);
    expect((await call('GET', `/programmes/${p.programme.id}`, p.programme.sponsorToken)).body.meetingKeywords).toEqual([
      'mentoring',
      'reverse mentoring',
    ]);

    const path = `/programmes/${p.programme.id}`;
    expect((await call('PATCH', path, p.programme.sponsorToken, { meetingKeywords: [] })).status).toBe(403);
    expect((await call('PATCH', path, p.anaToken, { meetingKeywords: [] })).status).toBe(403);
    const bad = await call('PATCH', path, p.programme.coordinatorToken, { meetingKeywords: ['x'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(['meetingKeywords', 0]);
  });

  it('can be given when the programme is created, and reach the participant at redemption', async () => {
    const created = await call('POST', '/programmes', ADMIN, { name: 'Keywords at birth', meetingKeywords: ['Reverse mentoring'] });
    expect(created.status).toBe(201);
    const { id, coordinatorToken } = created.body;
    const added = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
      participants: [{ displayName: 'Cleo', email: 'cleo@keywords.test' }],
    });
    const redeemed = await call('POST', '/invites/redeem', null, { code: added.body.participants[0].inviteCode });
    expect(redeemed.body.programme).toEqual({ id, name: 'Keywords at birth', meetingKeywords: ['reverse mentoring'], maxPromptsPerPairPerWeek: null });
  });
});
