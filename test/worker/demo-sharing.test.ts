// The demo's joint summary and closing answers (worker/dev/demo-sharing.ts),
// staged through the public API against the real Worker and D1.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { describeLoop, stageLoop } from '../../worker/dev/demo-sharing';
import { demoSignIn } from '../../worker/dev/demo-sign-in';
import { generateProgramme, loadProgramme } from '../../worker/dev/synthetic-programme';
import worker from '../../worker/index';
import { ADMIN, BASE, call, db } from './api';

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

  if ('skipped' in loop.closing) {
    // Without the checks route, write the closing answers the demo would have sent.
    const { results } = await db().prepare(`SELECT id, a_id, b_id FROM pairs WHERE programme_id = ?1 AND a_id IN (SELECT id FROM participants WHERE email LIKE 'closing-%')`)
      .bind(loaded.programmeId).all<{ id: string; a_id: string; b_id: string }>();
    expect(results).toHaveLength(3);
    const now = new Date().toISOString();
    for (const pair of results) {
      for (const member of [pair.a_id, pair.b_id]) {
        await db().prepare(`INSERT INTO pair_checks (id, programme_id, pair_id, participant_id, kind, again, changed_mask, answered_at, received_at)
          VALUES (?1, ?2, ?3, ?4, 'closing', 'yes', 1, ?5, ?5)`).bind(crypto.randomUUID(), loaded.programmeId, pair.id, member, now).run();
      }
    }
    await db().prepare('DELETE FROM culture_cache WHERE programme_id = ?1').bind(loaded.programmeId).run();
  }
  const period = 'skipped' in loop.closing ? `${new Date(today - 8 * 86_400_000).getUTCFullYear() - 1}-Q3` : loop.closing.period;
  const culture = await call('GET', `/programmes/${loaded.programmeId}/culture?period=quarter&fromPeriod=${period}&toPeriod=${period}`, loaded.sponsorToken);
  expect(culture.status).toBe(200);
  expect(culture.body.periods[0].closing).toMatchObject({ suppressed: false, pairs: 3, again: { n: 6 } });
  expect(describeLoop(loop).join('\n')).toContain(first!.participantToken);
}, 120_000);
