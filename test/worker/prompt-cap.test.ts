// The programme's prompt cap (README, "Programme settings"): set at creation,
// changed or lifted with PATCH, read back with GET, and refused when out of range.
import { describe, expect, it } from 'vitest';
import { ADMIN, call, db, newProgramme } from './api';

describe('maxPromptsPerPairPerWeek', () => {
  it('is null (every session) unless set, and is stored when given at creation', async () => {
    const plain = await newProgramme('No cap');
    expect((await call('GET', `/programmes/${plain.id}`, plain.coordinatorToken)).body.maxPromptsPerPairPerWeek).toBeNull();
    const capped = await call('POST', '/programmes', ADMIN, { name: 'Capped', maxPromptsPerPairPerWeek: 2 });
    expect(capped.status).toBe(201);
    const read = await call('GET', `/programmes/${capped.body.id}`, capped.body.sponsorToken);
    expect(read.body).toMatchObject({ name: 'Capped', maxPromptsPerPairPerWeek: 2 });
    const row = await db().prepare('SELECT max_prompts_per_pair_week AS cap FROM programmes WHERE id = ?').bind(capped.body.id).first();
    expect(row).toEqual({ cap: 2 });
  });

  it('is changed by PATCH, kept when another setting changes, and lifted with null', async () => {
    const p = await newProgramme('Patch the cap');
    const path = `/programmes/${p.id}`;
    const set = await call('PATCH', path, p.coordinatorToken, { maxPromptsPerPairPerWeek: 1 });
    expect(set).toMatchObject({ status: 200, body: { maxPromptsPerPairPerWeek: 1 } });
    const renamed = await call('PATCH', path, p.coordinatorToken, { name: 'Renamed' });
    expect(renamed.body).toMatchObject({ name: 'Renamed', maxPromptsPerPairPerWeek: 1 });
    const byAdmin = await call('PATCH', path, ADMIN, { maxPromptsPerPairPerWeek: 3 });
    expect(byAdmin.body.maxPromptsPerPairPerWeek).toBe(3);
    const lifted = await call('PATCH', path, p.coordinatorToken, { maxPromptsPerPairPerWeek: null });
    expect(lifted).toMatchObject({ status: 200, body: { maxPromptsPerPairPerWeek: null } });
    expect((await call('GET', path, p.coordinatorToken)).body.maxPromptsPerPairPerWeek).toBeNull();
  });

  it.each([0, -1, 1.5, 15, '2', true])('refuses %j with the 400 envelope and changes nothing', async (bad) => {
    const p = await newProgramme(`Bad cap ${String(bad)}`);
    await call('PATCH', `/programmes/${p.id}`, p.coordinatorToken, { maxPromptsPerPairPerWeek: 2 });
    const patched = await call('PATCH', `/programmes/${p.id}`, p.coordinatorToken, { maxPromptsPerPairPerWeek: bad });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject({ code: 'invalid_input', message: expect.any(String) });
    expect(patched.body.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['maxPromptsPerPairPerWeek']);
    expect((await call('GET', `/programmes/${p.id}`, p.coordinatorToken)).body.maxPromptsPerPairPerWeek).toBe(2);
    const created = await call('POST', '/programmes', ADMIN, { name: 'Bad at birth', maxPromptsPerPairPerWeek: bad });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('invalid_input');
  });

  it('may be changed only by the programme\'s coordinator or the admin', async () => {
    const p = await newProgramme('Who may cap');
    const other = await newProgramme('Someone else');
    const path = `/programmes/${p.id}`;
    expect((await call('PATCH', path, p.sponsorToken, { maxPromptsPerPairPerWeek: 1 })).status).toBe(403);
    expect((await call('PATCH', path, other.coordinatorToken, { maxPromptsPerPairPerWeek: 1 })).status).toBe(403);
    expect((await call('GET', path, p.coordinatorToken)).body.maxPromptsPerPairPerWeek).toBeNull();
  });
});
