// The demo's joint summary and closing answers (worker/dev/demo-sharing.ts),
// staged through the public API against the real Worker and D1.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { describeLoop, stageLoop } from '../../worker/dev/demo-sharing';
import { demoSignIn } from '../../worker/dev/demo-sign-in';
import { generateProgramme, loadProgramme } from '../../worker/dev/synthetic-programme';
import worker from '../../worker/index';
import { ADMIN, BASE, call } from './api';

const fetchLike = async (input: string, init?: RequestInit) => worker.fetch(new Request(input, init), env);
const baseUrl = BASE.replace(/\/api\/v1$/, '');

it('stages a pair that shares its summary with a tip, and ended pairs whose closing answers the sponsor sees', async () => {
  const today = Date.now();
  // A small programme like the demo's (worker/dev/demo.ts): current pairs, one of them lapsed.
  const ago = (days: number) => new Date(today - days * 86_400_000).toISOString().slice(0, 10);
  const programme = generateProgramme({
    seed: 7, pairs: 4, startDate: ago(400), endDate: new Date(today).toISOString(), emailDomain: 'loop.demo.test',
    plans: [
      { pattern: 'healthy', startsOn: ago(180), endsOn: null, cadenceDays: 14, mentored: true },
      { pattern: 'lapsed', startsOn: ago(190), endsOn: null, cadenceDays: 14, lapsesOn: ago(75), mentored: true },
      { pattern: 'healthy', startsOn: ago(300), endsOn: null, cadenceDays: 14, mentored: true },
      { pattern: 'one_sided', startsOn: ago(185), endsOn: null, cadenceDays: 14, mentored: true },
    ],
  });
  const loaded = await loadProgramme(fetchLike, baseUrl, ADMIN, programme, { kAnonymity: 2 });
  const target = { fetch: fetchLike, baseUrl };
  const loop = await stageLoop(target, loaded, programme, demoSignIn(target, loaded), today);

  const sharing = loop.sharing!;
  const [first, second] = sharing.members;
  const summaries = [await call('GET', `/me/pairs/${sharing.pairId}/summary`, first!.participantToken), await call('GET', `/me/pairs/${sharing.pairId}/summary`, second!.participantToken)];
  expect(summaries[0]!.body.jointSummary).toBe('on');
  expect(summaries[1]!.body).toEqual(summaries[0]!.body);
  expect(summaries[0]!.body.tips.map((t: { flag: string }) => t.flag)).toContain('lapsed');
  const detail = await call('GET', `/programmes/${loaded.programmeId}/pairs/${sharing.pairId}`, loaded.coordinatorToken);
  expect(detail.body.pair.tipsShown.map((t: { flag: string }) => t.flag)).toContain('lapsed');

  const period = loop.closing.period;
  const culture = await call('GET', `/programmes/${loaded.programmeId}/culture?period=quarter&fromPeriod=${period}&toPeriod=${period}`, loaded.sponsorToken);
  expect(culture.status).toBe(200);
  expect(culture.body.periods[0].closing).toMatchObject({ suppressed: false, pairs: 3, again: { n: 6 } });
  expect(describeLoop(loop, baseUrl).join('\n')).toContain(first!.participantToken);

  // The pair left for the extension: its partner shares; joining with the printed invite and opting in turns it on.
  const invitation = loop.invitation!;
  expect(describeLoop(loop, baseUrl).join('\n')).toContain(`${baseUrl}/join#${invitation.inviteCode}`);
  const joined = await call('POST', '/invites/redeem', undefined, { code: invitation.inviteCode });
  expect(joined.status).toBe(200);
  const token = joined.body.participantToken as string;
  const mine = (await call('GET', '/me', token)).body.pairs.find((p: { id: string }) => p.id === invitation.pairId);
  expect(mine).toMatchObject({ jointSummary: 'off', partner: { displayName: invitation.partner } });
  expect((await call('PUT', `/me/pairs/${invitation.pairId}/sharing`, token, { jointSummary: true })).body).toEqual({ jointSummary: 'on' });
  const summary = (await call('GET', `/me/pairs/${invitation.pairId}/summary`, token)).body;
  const flags = (await call('GET', `/programmes/${loaded.programmeId}/pairs/${invitation.pairId}`, loaded.coordinatorToken)).body.pair.flags;
  expect(summary.tips.map((t: { flag: string }) => t.flag).sort()).toEqual(flags.map((f: { flag: string }) => f.flag).sort());
  expect(summary.tips.length).toBeGreaterThan(0);
}, 120_000);
