// The joint summary (README, "What the pair gets back"; SECURITY.md, "The joint
// summary"): each member opts in per pair, only both together see numbers,
// both see the same body, and nothing of it shows before both have opted in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG_TIPS, TOPICS } from '../../shared/vocabulary';
import { importHistory } from '../../worker/domain/history';
import { jointSummary } from '../../worker/domain/sharing';
import { call, db, pairedProgramme } from './api';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A month about two months back: its sessions are long enough ago for the pair to have lapsed since. */
const month = new Date(today - 60 * DAY).toISOString().slice(0, 7);
const monthBefore = new Date(Date.parse(`${month}-01T00:00:00Z`) - DAY).toISOString().slice(0, 7);
const uuid = () => crypto.randomUUID();

type Pair = Awaited<ReturnType<typeof pairedProgramme>>;

const sharing = (p: Pair, token: string, body: Record<string, unknown>) => call('PUT', `/me/pairs/${p.pairId}/sharing`, token, body);
const summary = (p: Pair, token: string, query = `?month=${month}`) => call('GET', `/me/pairs/${p.pairId}/summary${query}`, token);

/**
 * The known month: four sessions (three held, one missed) and one held the
 * month before. Held: s1 both learned yes; s2 both answered learned, one no;
 * s3 only one answered learned.
 */
async function knownMonth(p: Pair) {
  const at = (m: string, day: number) => ({ start: `${m}-${String(day).padStart(2, '0')}T10:00:00.000Z`, end: `${m}-${String(day).padStart(2, '0')}T11:00:00.000Z` });
  const line = (key: string, m: string, day: number, ana: object, ben: object) => ({
    pairId: p.pairId, eventKey: key, ...at(m, day),
    responses: [{ participantId: p.ana.id, ...ana }, { participantId: p.ben.id, ...ben }],
  });
  const report = await importHistory(db(), p.programme.id, [
    line('s1', month, 10, { happened: true, value: 4, learned: true, topics: ['strategy'] }, { happened: true, value: 5, learned: true, topics: ['career'] }),
    line('s2', month, 12, { happened: true, value: 4, learned: true }, { happened: true, value: 3, learned: false, topics: ['tools'] }),
    line('s3', month, 14, { happened: true, value: 4 }, { happened: false }),
    line('s4', month, 16, { happened: false }, { happened: false }),
    line('s0', monthBefore, 20, { happened: true, value: 4, learned: true, topics: ['customers_markets'] }, { happened: true, value: 4, learned: true }),
  ]);
  expect(report.rejected).toEqual([]);
}

async function bothOptedIn(name: string) {
  const p = await pairedProgramme(name, '2025-01-01');
  await knownMonth(p);
  expect((await sharing(p, p.anaToken, { jointSummary: true })).body).toEqual({ jointSummary: 'waiting' });
  expect((await sharing(p, p.benToken, { jointSummary: true })).body).toEqual({ jointSummary: 'on' });
  return p;
}

describe('the joint summary', () => {
  it('gives both members the same month of numbers once both have opted in, with a tip for each flag raised today', async () => {
    const p = await bothOptedIn('Sharing known');
    const ana = await summary(p, p.anaToken);
    const ben = await summary(p, p.benToken);
    expect(ana.status).toBe(200);
    expect(ana.body).toEqual({
      jointSummary: 'on',
      month,
      met: 3,
      bothLearned: { sessions: 1, of: 2 },
      topics: ['tools', 'strategy', 'career'],
      // No session in the last two cadences: the pair has lapsed.
      tips: [{ flag: 'lapsed', text: FLAG_TIPS.lapsed }],
    });
    expect(ben.body).toEqual(ana.body);
    expect(ana.headers.get('cache-control')).toBe('no-store');

    // The month before is its own month; the current month (the default) has nothing yet.
    expect((await summary(p, p.anaToken, `?month=${monthBefore}`)).body).toMatchObject({ met: 1, bothLearned: { sessions: 1, of: 1 }, topics: ['customers_markets'] });
    expect((await summary(p, p.anaToken, '')).body).toMatchObject({
      month: new Date(today).toISOString().slice(0, 7), met: 0, bothLearned: { sessions: 0, of: 0 }, topics: [],
    });
  });

  it('reads the flags from the dashboard snapshot once there is one, and records the tips shown for the coordinator', async () => {
    const p = await bothOptedIn('Sharing tips');
    const pid = p.programme.id;
    const detail = () => call('GET', `/programmes/${pid}/pairs/${p.pairId}`, p.programme.coordinatorToken);
    expect((await detail()).body.pair.tipsShown).toEqual([]);
    const computed = (await summary(p, p.anaToken)).body.tips;
    expect((await call('GET', `/programmes/${pid}/dashboard`, p.programme.coordinatorToken)).status).toBe(200);
    const stored = await db().prepare('SELECT flags FROM pair_snapshots WHERE pair_id = ?1').bind(p.pairId).first<{ flags: number }>();
    expect(stored?.flags).toBeGreaterThan(0);
    expect((await summary(p, p.benToken)).body.tips).toEqual(computed);
    // What the snapshot says is what is served, while it is today's and no answer has queued the pair since.
    const guarded = async (asOf: string) => db().prepare(`UPDATE pair_snapshots SET as_of = ?2, listed_json = json_set(listed_json, '$.flags', json('[{"flag":"guarded","reason":"r"}]'))
      WHERE pair_id = ?1`).bind(p.pairId, asOf).run();
    await guarded(isoDay(today));
    expect((await summary(p, p.anaToken)).body.tips).toEqual([{ flag: 'guarded', text: FLAG_TIPS.guarded }]);
    await guarded(isoDay(today - DAY));
    expect((await summary(p, p.anaToken)).body.tips).toEqual(computed);
    await guarded(isoDay(today));
    await db().prepare('INSERT INTO snapshot_queue (programme_id, pair_id) VALUES (?1, ?2)').bind(pid, p.pairId).run();
    expect((await summary(p, p.anaToken)).body.tips).toEqual(computed);
    await db().prepare('DELETE FROM snapshot_queue WHERE pair_id = ?1').bind(p.pairId).run();
    await db().prepare('DELETE FROM pair_tips_shown WHERE pair_id = ?1 AND flag = ?2').bind(p.pairId, 'guarded').run();
    expect((await detail()).body.pair.tipsShown).toEqual([{ flag: 'lapsed', firstShownOn: isoDay(today), lastShownOn: isoDay(today) }]);

    // Read again on a later day: the first day stays, the last day moves on.
    const member = { programmeId: pid, participantId: p.ben.id, readsFrom: null };
    await jointSummary(db(), member, p.pairId, month, new Date(today + 2 * DAY + 3600_000));
    expect((await detail()).body.pair.tipsShown).toEqual([{ flag: 'lapsed', firstShownOn: isoDay(today), lastShownOn: isoDay(today + 2 * DAY) }]);
  });

  it('is waiting for the one who opted in and off for the other, and shows the same whatever the partner has answered', async () => {
    const p = await pairedProgramme('Sharing one side', '2025-01-01');
    expect((await sharing(p, p.anaToken, { jointSummary: true })).body).toEqual({ jointSummary: 'waiting' });
    const before = [await summary(p, p.anaToken), await summary(p, p.benToken)];
    expect(before.map((r) => [r.status, r.body])).toEqual([[200, { jointSummary: 'waiting' }], [200, { jointSummary: 'off' }]]);
    // Ben's answers, and Ana's, change nothing either of them can read.
    await knownMonth(p);
    const after = [await summary(p, p.anaToken), await summary(p, p.benToken)];
    expect(after.map((r) => [r.status, r.body])).toEqual(before.map((r) => [r.status, r.body]));
    // Ben does not learn that Ana opted in: his "off" is the same as when neither has.
    const neither = await pairedProgramme('Sharing neither', '2025-01-01');
    expect((await summary(neither, neither.benToken)).body).toEqual({ jointSummary: 'off' });
    expect(await db().prepare('SELECT COUNT(*) AS n FROM pair_tips_shown WHERE pair_id = ?1').bind(p.pairId).first('n')).toBe(0);
  });

  it('stops at once when either member opts out', async () => {
    const p = await bothOptedIn('Sharing opt out');
    expect((await summary(p, p.anaToken)).body.jointSummary).toBe('on');
    expect((await sharing(p, p.benToken, { jointSummary: false })).body).toEqual({ jointSummary: 'off' });
    expect((await summary(p, p.benToken)).body).toEqual({ jointSummary: 'off' });
    expect((await summary(p, p.anaToken)).body).toEqual({ jointSummary: 'waiting' });
  });

  it('lets the latest change win: an older retry is kept out, a replay changes nothing, a clock ahead counts as now', async () => {
    const p = await pairedProgramme('Sharing order', '2025-01-01');
    const now = Date.now();
    const t = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    expect((await sharing(p, p.benToken, { jointSummary: true, changedAt: t(30) })).body).toEqual({ jointSummary: 'waiting' });
    expect((await sharing(p, p.anaToken, { jointSummary: true, changedAt: t(20) })).body).toEqual({ jointSummary: 'on' });
    expect((await sharing(p, p.anaToken, { jointSummary: false, changedAt: t(10) })).body).toEqual({ jointSummary: 'off' });
    // The opt-in queued before that opt-out arrives late: it stays out.
    expect((await sharing(p, p.anaToken, { jointSummary: true, changedAt: t(15) })).body).toEqual({ jointSummary: 'off' });
    expect((await sharing(p, p.anaToken, { jointSummary: false, changedAt: t(10) })).body).toEqual({ jointSummary: 'off' });
    // Two choices stamped the same instant: opting out wins, in either order of arrival.
    expect((await sharing(p, p.benToken, { jointSummary: false, changedAt: t(25) })).body).toEqual({ jointSummary: 'off' });
    expect((await sharing(p, p.benToken, { jointSummary: true, changedAt: t(25) })).body).toEqual({ jointSummary: 'off' });
    expect((await sharing(p, p.benToken, { jointSummary: true, changedAt: t(9) })).body).toEqual({ jointSummary: 'waiting' });
    // An opt-in stamped a day ahead is stored as now, so an opt-out a minute later still wins.
    const ahead = new Date(Date.now() + DAY).toISOString();
    expect((await sharing(p, p.anaToken, { jointSummary: true, changedAt: ahead })).body).toEqual({ jointSummary: 'on' });
    const stored = await db().prepare('SELECT changed_at FROM pair_sharing WHERE pair_id = ?1 AND participant_id = ?2').bind(p.pairId, p.ana.id).first<string>('changed_at');
    expect(stored! <= new Date().toISOString()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await sharing(p, p.anaToken, { jointSummary: false })).body).toEqual({ jointSummary: 'off' });
  });

  it('answers 404 to anyone but the pair\'s two members, 403 to other roles, 400 to a bad month or body', async () => {
    const p = await bothOptedIn('Sharing strangers');
    const other = await pairedProgramme('Sharing other', '2025-01-01');
    // A third participant of the same programme.
    const added = await call('POST', `/programmes/${p.programme.id}/participants`, p.programme.coordinatorToken, {
      participants: [{ displayName: 'Cleo Park', email: 'cleo@sharing.test' }],
    });
    const cleo = (await call('POST', '/invites/redeem', null, { code: added.body.participants[0].inviteCode })).body.participantToken as string;
    for (const token of [cleo, other.anaToken]) {
      const read = await summary(p, token);
      expect([read.status, read.body.error.code]).toEqual([404, 'not_found']);
      expect((await sharing(p, token, { jointSummary: true })).status).toBe(404);
    }
    expect((await call('GET', `/me/pairs/${uuid()}/summary`, p.anaToken)).status).toBe(404);
    expect((await summary(p, p.programme.coordinatorToken)).status).toBe(403);
    expect((await summary(p, p.programme.sponsorToken)).status).toBe(403);
    for (const bad of ['?month=2026-13', '?month=2026-1', '?month=june']) {
      const res = await summary(p, p.anaToken, bad);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    }
    for (const body of [{}, { jointSummary: 'yes' }, { jointSummary: true, changedAt: 'yesterday' }, { jointSummary: true, extra: 1 }]) {
      expect((await sharing(p, p.anaToken, body)).status).toBe(400);
    }
  });

  it('reads no answers given before a re-issued invite, and no tips while the flags\' window reaches back before it', async () => {
    const p = await bothOptedIn('Sharing reissue');
    const reissued = await call('POST', `/programmes/${p.programme.id}/participants/${p.ana.id}/invite`, p.programme.coordinatorToken);
    const token = (await call('POST', '/invites/redeem', null, { code: reissued.body.inviteCode })).body.participantToken as string;
    expect((await summary(p, token)).body).toEqual({ jointSummary: 'on', month, met: 0, bothLearned: { sessions: 0, of: 0 }, topics: [], tips: [] });
    // The partner's summary is whole.
    expect((await summary(p, p.benToken)).body).toMatchObject({ met: 3, tips: [{ flag: 'lapsed' }] });
  });
});

/** One member's history answer, or none. */
const answerArb = fc.option(fc.oneof(
  fc.constant({ happened: false }),
  fc.record({
    happened: fc.constant(true),
    value: fc.integer({ min: 1, max: 5 }),
    learned: fc.option(fc.boolean(), { nil: undefined }),
    topics: fc.option(fc.subarray([...TOPICS]), { nil: undefined }),
  }, { requiredKeys: ['happened', 'value'] }),
), { nil: null });

it('gives both members the identical summary, and the same as a pair whose members gave each other\'s answers', async () => {
  let run = 0;
  await fc.assert(fc.asyncProperty(fc.array(fc.tuple(answerArb, answerArb), { minLength: 1, maxLength: 6 }), async (sessions) => {
    run += 1;
    const bodies = [];
    for (const swapped of [false, true]) {
      const p = await pairedProgramme(`Sharing symmetric ${run} ${swapped}`, '2025-01-01');
      const lines = sessions.map(([x, y], i) => {
        const [ana, ben] = swapped ? [y, x] : [x, y];
        const day = `${month}-${String(2 + 3 * i).padStart(2, '0')}`;
        const responses = [[p.ana.id, ana], [p.ben.id, ben]].flatMap(([participantId, a]) => (a ? [{ participantId, ...(a as object) }] : []));
        return { pairId: p.pairId, eventKey: `s${i}`, start: `${day}T10:00:00.000Z`, end: `${day}T11:00:00.000Z`, responses };
      });
      expect((await importHistory(db(), p.programme.id, lines)).rejected).toEqual([]);
      await sharing(p, p.anaToken, { jointSummary: true });
      await sharing(p, p.benToken, { jointSummary: true });
      const [ana, ben] = [await summary(p, p.anaToken), await summary(p, p.benToken)];
      expect(ben.body).toEqual(ana.body);
      bodies.push(ana.body);
    }
    expect(bodies[1]).toEqual(bodies[0]);
  }), { numRuns: 8 });
}, 120_000);
