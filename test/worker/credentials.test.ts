// Attacks on credentials: a coordinator re-issuing a joined person's invite to
// take over their account, rotated programme tokens, and revoked devices.
import { describe, expect, it } from 'vitest';
import { ADMIN, call, db, pairedProgramme } from './api';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const uuid = () => crypto.randomUUID();
const answer = (pairId: string, eventKey: string, fields: Record<string, unknown> = {}) => ({
  pairId, eventKey, start: hoursAgo(3), end: hoursAgo(2), happened: true, value: 4, openness: false, ...fields,
});

describe('re-issuing a joined participant’s invite', () => {
  it('revokes every token of theirs at once, and the new token cannot read earlier answers', async () => {
    const p = await pairedProgramme('Takeover');
    // Ana's second device.
    const laptop2 = await call('POST', `/programmes/${p.programme.id}/participants/${p.ana.id}/invite`, p.programme.coordinatorToken);
    const secondToken = (await call('POST', '/invites/redeem', null, { code: laptop2.body.inviteCode })).body.participantToken;
    expect((await call('PUT', `/responses/${uuid()}`, secondToken, answer(p.pairId, 'before', { value: 2 }))).status).toBe(201);
    // Warm the principal cache with the token about to be revoked.
    expect((await call('PUT', `/responses/${uuid()}`, secondToken, answer(p.pairId, 'before-2', { value: 1 }))).status).toBe(201);

    const takeover = await call('POST', `/programmes/${p.programme.id}/participants/${p.ana.id}/invite`, p.programme.coordinatorToken);
    expect(takeover.status).toBe(200);
    const stolen = (await call('POST', '/invites/redeem', null, { code: takeover.body.inviteCode })).body.participantToken as string;

    const me = await call('GET', '/me', stolen);
    expect(me.status).toBe(200);
    expect(me.body.responses).toEqual([]);
    expect(JSON.stringify(me.body)).not.toContain('"before');

    // Every earlier token of Ana's answers 401 access_reset, reads and cached writes alike.
    for (const token of [p.anaToken, secondToken]) {
      const read = await call('GET', '/me', token);
      expect(read.status).toBe(401);
      expect(read.body.error.code).toBe('access_reset');
      expect(read.body.error.message).toMatch(/reset by the programme/);
    }
    const write = await call('PUT', `/responses/${uuid()}`, secondToken, answer(p.pairId, 'after-reset'));
    expect(write.status).toBe(401);
    expect(write.body.error.code).toBe('access_reset');
    const stored = await db().prepare("SELECT count(*) AS n FROM sessions WHERE event_key = 'after-reset'").first<{ n: number }>();
    expect(stored?.n).toBe(0);

    // What the new token answers from now on, it can read back.
    expect((await call('PUT', `/responses/${uuid()}`, stolen, answer(p.pairId, 'after', { value: 5 }))).status).toBe(201);
    const later = await call('GET', '/me', stolen);
    expect(later.body.responses.map((r: { eventKey: string }) => r.eventKey)).toEqual(['after']);
    // Ben's token is untouched.
    expect((await call('GET', '/me', p.benToken)).status).toBe(200);
  });

  it('keeps only the hashes of revoked tokens, never the tokens', async () => {
    const p = await pairedProgramme('Hashes only');
    await call('POST', `/programmes/${p.programme.id}/participants/${p.ana.id}/invite`, p.programme.coordinatorToken);
    const rows = (await db().prepare('SELECT * FROM revoked_tokens').all()).results;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(p.anaToken);
    expect(rows.some((r: any) => r.reason === 'access_reset' && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  });

  it('a first sign-in still reads the person’s whole history', async () => {
    const p = await pairedProgramme('First sign-in');
    await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'one'));
    expect((await call('GET', '/me', p.anaToken)).body.responses).toHaveLength(1);
  });
});

describe('rotating a programme token', () => {
  it('the old coordinator and sponsor tokens answer 401 token_rotated at once', async () => {
    const p = await pairedProgramme('Rotation');
    const pid = p.programme.id;
    // Used just before, so any cache would hold them.
    expect((await call('GET', `/programmes/${pid}`, p.programme.coordinatorToken)).status).toBe(200);
    expect((await call('GET', `/programmes/${pid}`, p.programme.sponsorToken)).status).toBe(200);

    expect((await call('POST', `/programmes/${pid}/tokens/coordinator/rotate`, p.programme.coordinatorToken)).status).toBe(403);
    const coordinator = await call('POST', `/programmes/${pid}/tokens/coordinator/rotate`, ADMIN);
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).toMatchObject({ role: 'coordinator', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const sponsor = await call('POST', `/programmes/${pid}/tokens/sponsor/rotate`, ADMIN);

    for (const old of [p.programme.coordinatorToken, p.programme.sponsorToken]) {
      const refused = await call('GET', `/programmes/${pid}`, old);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('token_rotated');
    }
    const added = await call('POST', `/programmes/${pid}/participants`, p.programme.coordinatorToken, {
      participants: [{ displayName: 'Cy', email: 'cy@rotation.test' }],
    });
    expect(added.status).toBe(401);
    expect((await call('GET', `/programmes/${pid}`, coordinator.body.token)).status).toBe(200);
    expect((await call('GET', `/programmes/${pid}`, sponsor.body.token)).status).toBe(200);
    expect((await call('POST', `/programmes/${pid}/tokens/admin/rotate`, ADMIN)).status).toBe(400);
    expect((await call('POST', '/programmes/nope/tokens/sponsor/rotate', ADMIN)).status).toBe(404);
  });
});

describe('revoking a participant’s devices', () => {
  it('signs them out without erasing them, and they re-join with a re-issued invite', async () => {
    const p = await pairedProgramme('Devices');
    const pid = p.programme.id;
    await call('PUT', `/responses/${uuid()}`, p.anaToken, answer(p.pairId, 'kept'));
    expect((await call('DELETE', `/programmes/${pid}/participants/${p.ana.id}/tokens`, p.anaToken)).status).toBe(403);
    const revokedDevices = await call('DELETE', `/programmes/${pid}/participants/${p.ana.id}/tokens`, p.programme.coordinatorToken);
    expect(revokedDevices.status).toBe(200);
    expect(revokedDevices.body).toEqual({ revoked: 1 });
    expect((await call('DELETE', `/programmes/${pid}/participants/${p.ana.id}/tokens`, p.programme.coordinatorToken)).body).toEqual({ revoked: 0 });

    for (const [method, path] of [['GET', '/me'], ['PUT', `/responses/${uuid()}`]] as const) {
      const refused = await call(method, path, p.anaToken, method === 'PUT' ? answer(p.pairId, 'later') : undefined);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('token_revoked');
    }
    // Nothing was erased: the answer is still in the pair's record.
    const n = await db().prepare('SELECT count(*) AS n FROM responses WHERE participant_id = ?').bind(p.ana.id).first<{ n: number }>();
    expect(n?.n).toBe(1);
    const code = (await call('POST', `/programmes/${pid}/participants/${p.ana.id}/invite`, p.programme.coordinatorToken)).body.inviteCode;
    const back = await call('POST', '/invites/redeem', null, { code });
    expect(back.status).toBe(200);
    const me = await call('GET', '/me', back.body.participantToken);
    expect(me.status).toBe(200);
    expect(me.body.responses).toEqual([]);
  });
});

describe('programme settings', () => {
  it('creates, reads and updates minAnswersPerMember (default 3, never below 2)', async () => {
    const created = await call('POST', '/programmes', ADMIN, { name: 'Settings', minAnswersPerMember: 4 });
    expect(created.status).toBe(201);
    const pid = created.body.id;
    expect((await call('GET', `/programmes/${pid}`, created.body.coordinatorToken)).body.minAnswersPerMember).toBe(4);
    expect((await call('POST', '/programmes', ADMIN, { name: 'Too low', minAnswersPerMember: 1 })).status).toBe(400);
    const plain = await call('POST', '/programmes', ADMIN, { name: 'Default' });
    expect((await call('GET', `/programmes/${plain.body.id}`, plain.body.sponsorToken)).body.minAnswersPerMember).toBe(3);

    const patched = await call('PATCH', `/programmes/${pid}`, created.body.coordinatorToken, { minAnswersPerMember: 2 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: pid, name: 'Settings', minAnswersPerMember: 2 });
    expect((await call('PATCH', `/programmes/${pid}`, created.body.coordinatorToken, { minAnswersPerMember: 1 })).status).toBe(400);
    expect((await call('PATCH', `/programmes/${pid}`, created.body.coordinatorToken, { kAnonymity: 2 })).status).toBe(400);
    expect((await call('PATCH', `/programmes/${pid}`, created.body.coordinatorToken, {})).status).toBe(400);
    expect((await call('PATCH', `/programmes/${pid}`, created.body.sponsorToken, { name: 'x' })).status).toBe(403);
    expect((await call('PATCH', `/programmes/${pid}`, plain.body.coordinatorToken, { name: 'x' })).status).toBe(403);
    expect((await call('PATCH', `/programmes/${pid}`, ADMIN, { name: 'Renamed' })).body.name).toBe('Renamed');
  });
});
