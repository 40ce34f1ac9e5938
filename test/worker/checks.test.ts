// PUT /me/checks/:id and the `questions` GET /me gives each pair: the fit
// question, the relationship checks at 30, 120, 210, … days, and the closing question.
import { expect, it } from 'vitest';
import { call, db, pairedProgramme } from './api';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const uuid = () => crypto.randomUUID();
const check = (token: string, body: Record<string, unknown>, id = uuid()) => call('PUT', `/me/checks/${id}`, token, body);
const questions = async (token: string) => (await call('GET', '/me', token)).body.pairs[0].questions;

it('stores a fit answer: 201, a replay 200, a newer answer replaces, an older one is kept out', async () => {
  const p = await pairedProgramme('Fit answers');
  const id = uuid();
  const first = await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'not_sure', answeredAt: hoursAgo(5) }, id);
  expect(first).toMatchObject({ status: 201, body: { id, outcome: 'created' } });
  const replay = await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'not_sure', answeredAt: hoursAgo(5) }, id);
  expect(replay).toMatchObject({ status: 200, body: { id } });
  const newer = await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'working', answeredAt: hoursAgo(1) });
  expect(newer).toMatchObject({ status: 200, body: { outcome: 'replaced' } });
  const older = await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'not_working', answeredAt: hoursAgo(3) });
  expect(older).toMatchObject({ status: 200, body: { outcome: 'kept_newer' } });
  const rows = await db().prepare('SELECT fit FROM pair_checks WHERE pair_id = ?1').bind(p.pairId).all();
  expect(rows.results).toEqual([{ fit: 'working' }]);
  // Without answeredAt the server's clock stands in: later than any stored answer.
  expect((await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'not_sure' })).body.outcome).toBe('replaced');
});

it('refuses an id another answer uses, bad bodies, and pairs the caller is not in (404, like a pair that does not exist)', async () => {
  const p = await pairedProgramme('Fit admission');
  const q = await pairedProgramme('Fit other');
  const id = uuid();
  expect((await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'working' }, id)).status).toBe(201);
  const taken = await check(p.benToken, { kind: 'fit', pairId: p.pairId, fit: 'working' }, id);
  expect(taken).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  expect((await check(p.anaToken, { kind: 'closing', pairId: p.pairId, again: 'yes' }, id)).status).toBe(422);
  expect((await check(q.anaToken, { kind: 'fit', pairId: q.pairId, fit: 'working' }, id)).status).toBe(409);

  const stranger = await check(q.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'working' });
  const nowhere = await check(q.anaToken, { kind: 'fit', pairId: 'no-such-pair', fit: 'working' });
  expect(stranger.status).toBe(404);
  expect(stranger.body).toEqual(nowhere.body);
  expect((await check(p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'great' })).status).toBe(400);
  expect((await check(p.anaToken, { kind: 'vibes', pairId: p.pairId })).status).toBe(400);
  expect((await call('PUT', '/me/checks/not-a-uuid', p.anaToken, { kind: 'fit', pairId: p.pairId, fit: 'working' })).status).toBe(400);
  expect((await check(p.programme.coordinatorToken, { kind: 'fit', pairId: p.pairId, fit: 'working' })).status).toBe(403);
});

it('admits a relationship check only on a milestone day the pair has reached', async () => {
  const p = await pairedProgramme('Milestones', daysAgo(125));
  const milestone = (day: number) => check(p.anaToken, { kind: 'milestone', pairId: p.pairId, milestone: day, worthwhile: 'yes', pace: 'right' });
  expect(await questions(p.anaToken)).toEqual({ fit: true, milestone: 120, closing: false });
  expect((await milestone(60)).status).toBe(422);
  expect((await milestone(210)).status).toBe(422);
  expect((await milestone(30)).status).toBe(201);
  // An older check answered does not answer the current one.
  expect((await questions(p.anaToken)).milestone).toBe(120);
  expect((await milestone(120)).status).toBe(201);
  expect((await questions(p.anaToken)).milestone).toBeNull();
  // Ben's questions are his own.
  expect((await questions(p.benToken)).milestone).toBe(120);
});

it('asks the closing question once the pair has ended, and refuses it before', async () => {
  const p = await pairedProgramme('Closing', daysAgo(40));
  const closing = { kind: 'closing', pairId: p.pairId, again: 'maybe', changed: ['new_network', 'new_skills'] };
  expect((await check(p.anaToken, closing)).status).toBe(422);
  expect((await check(p.anaToken, { ...closing, changed: ['new_skills', 'new_skills'] })).status).toBe(400);
  const today = new Date().toISOString().slice(0, 10);
  expect((await call('PATCH', `/programmes/${p.programme.id}/pairs/${p.pairId}`, p.programme.coordinatorToken, { endsOn: today })).status).toBe(200);
  expect((await questions(p.anaToken)).closing).toBe(true);
  expect((await check(p.anaToken, closing)).status).toBe(201);
  expect(await questions(p.anaToken)).toMatchObject({ closing: false });
  expect((await questions(p.benToken)).closing).toBe(true);
  const row = await db().prepare("SELECT again, changed_mask FROM pair_checks WHERE kind = 'closing' AND pair_id = ?1").bind(p.pairId).first();
  expect(row).toEqual({ again: 'maybe', changed_mask: 0b0110 });
  // On its last day the pair still runs, so day 30's check is still due; once it has ended, no check is.
  expect((await questions(p.anaToken)).milestone).toBe(30);
  await call('PATCH', `/programmes/${p.programme.id}/pairs/${p.pairId}`, p.programme.coordinatorToken, { endsOn: daysAgo(1) });
  expect(await questions(p.anaToken)).toEqual({ fit: true, milestone: null, closing: false });
  expect((await check(p.anaToken, { kind: 'milestone', pairId: p.pairId, milestone: 30, worthwhile: 'no', pace: 'too_little' })).status).toBe(201);
});

it('asks fit exactly once: until the member gives a held answer or a fit answer on the pair', async () => {
  const p = await pairedProgramme('Fit once');
  const session = (eventKey: string, happened: boolean) => ({ pairId: p.pairId, eventKey, start: hoursAgo(3), end: hoursAgo(2), happened });
  expect((await questions(p.anaToken)).fit).toBe(true);
  await call('PUT', `/responses/${uuid()}`, p.anaToken, session('skipped', false));
  expect((await questions(p.anaToken)).fit).toBe(true);
  // Ana's first held answer comes with the fit question; she leaves it blank, and it is not asked again.
  await call('PUT', `/responses/${uuid()}`, p.anaToken, { ...session('held', true), value: 4 });
  expect((await questions(p.anaToken)).fit).toBe(false);
  // Ben answers fit without a held answer (sent before his session answer reached the Worker).
  expect((await questions(p.benToken)).fit).toBe(true);
  expect((await check(p.benToken, { kind: 'fit', pairId: p.pairId, fit: 'working' })).status).toBe(201);
  expect((await questions(p.benToken)).fit).toBe(false);
});

it('GET /me and the redeem answer tell the prompt cap and each pair\'s joint-summary state', async () => {
  const p = await pairedProgramme('Me extras');
  const me = async (token: string) => (await call('GET', '/me', token)).body;
  expect((await me(p.anaToken)).programme.maxPromptsPerPairPerWeek).toBeNull();
  await db().prepare('UPDATE programmes SET max_prompts_per_pair_week = 2 WHERE id = ?1').bind(p.programme.id).run();
  expect((await me(p.anaToken)).programme.maxPromptsPerPairPerWeek).toBe(2);

  const share = (who: string, on: 0 | 1) => db()
    .prepare('INSERT OR REPLACE INTO pair_sharing (pair_id, participant_id, joint_summary, changed_at) VALUES (?1, ?2, ?3, ?4)')
    .bind(p.pairId, who, on, hoursAgo(1)).run();
  const states = async () => [(await me(p.anaToken)).pairs[0].jointSummary, (await me(p.benToken)).pairs[0].jointSummary];
  expect(await states()).toEqual(['off', 'off']);
  await share(p.ana.id, 1);
  expect(await states()).toEqual(['waiting', 'off']);
  await share(p.ben.id, 1);
  expect(await states()).toEqual(['on', 'on']);
  await share(p.ana.id, 0);
  expect(await states()).toEqual(['off', 'waiting']);

  const reissued = await call('POST', `/programmes/${p.programme.id}/participants/${p.ben.id}/invite`, p.programme.coordinatorToken);
  const redeemed = await call('POST', '/invites/redeem', null, { code: reissued.body.inviteCode });
  expect(redeemed.body.programme.maxPromptsPerPairPerWeek).toBe(2);
  expect(redeemed.body.pairs[0]).toMatchObject({ jointSummary: 'waiting', questions: { fit: true, closing: false } });
});
