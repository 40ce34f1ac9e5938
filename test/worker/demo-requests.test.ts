// The demo `npm start` loads (worker/dev/demo.ts) shows the pair's loop on first
// start: a rematch request, an urgent and a non-urgent contact request, and
// fit answers from enough pairs in at least two cohorts for the fit rate to show.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { demoCheckRows } from '../../worker/dev/demo-checks';
import { DEMO_K, demoProgramme } from '../../worker/dev/demo-programme';
import { sendDemoRequests } from '../../worker/dev/demo-requests';
import { demoSignIn } from '../../worker/dev/demo-sign-in';
import { loadProgramme } from '../../worker/dev/synthetic-programme';
import worker from '../../worker/index';
import { ADMIN, call, db } from './api';

it('loads requests and earlier months\' fit answers that a coordinator sees at once', async () => {
  const fetchLike = async (input: string, init?: RequestInit) => worker.fetch(new Request(input, init), env);
  const today = Date.now();
  const programme = demoProgramme(today);
  const target = { fetch: fetchLike, baseUrl: 'http://twoway.test' };
  const loaded = await loadProgramme(fetchLike, target.baseUrl, ADMIN, programme, { kAnonymity: DEMO_K });
  const signIn = demoSignIn(target, loaded);
  await sendDemoRequests(target, loaded, programme, signIn, today);
  // The same member signs in once: a second use of an invite code would be refused.
  expect(await signIn(programme.pairs[0]!.a)).toBe(await signIn(programme.pairs[0]!.a));

  const queue = (await call('GET', `/programmes/${loaded.programmeId}/requests`, loaded.coordinatorToken)).body.requests;
  expect(queue.map((r: { kind: string; urgency: string | null }) => `${r.kind}:${r.urgency}`).sort()).toEqual(['contact:urgent', 'contact:whenever', 'rematch:null']);
  expect(queue.find((r: { kind: string }) => r.kind === 'rematch').partner).not.toBeNull();

  await db().batch(demoCheckRows(programme, loaded, today).map((sql) => db().prepare(sql)));
  const cohorts = await call('GET', `/programmes/${loaded.programmeId}/cohorts`, loaded.coordinatorToken);
  expect(cohorts.status).toBe(200);
  const shown = cohorts.body.cohorts.filter((row: { fit: { suppressed: boolean } }) => !row.fit.suppressed);
  expect(shown.length).toBeGreaterThanOrEqual(2);
  expect(cohorts.body.overall.fit.suppressed).toBe(false);
});
