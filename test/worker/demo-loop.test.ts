// The demo `npm start` loads (worker/dev/demo.ts) shows the pair's loop on first
// start: a rematch request, an urgent and a non-urgent contact request, and fit
// answers from enough pairs in at least two cohorts for the fit rate to show.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { DEMO_K, demoProgramme } from '../../worker/dev/demo-programme';
import { loadPairLoop } from '../../worker/dev/demo-loop';
import { loadProgramme } from '../../worker/dev/synthetic-programme';
import worker from '../../worker/index';
import { ADMIN, call, db } from './api';

it('loads requests and fit answers a coordinator sees at once', async () => {
  const fetchLike = async (input: string, init?: RequestInit) => worker.fetch(new Request(input, init), env);
  const programme = demoProgramme();
  const target = { fetch: fetchLike, baseUrl: 'http://twoway.test' };
  const loaded = await loadProgramme(fetchLike, target.baseUrl, ADMIN, programme, { kAnonymity: DEMO_K });
  await loadPairLoop(target, loaded, programme);

  const queue = (await call('GET', `/programmes/${loaded.programmeId}/requests`, loaded.coordinatorToken)).body.requests;
  expect(queue.map((r: { kind: string; urgency: string | null }) => `${r.kind}:${r.urgency}`).sort()).toEqual(['contact:urgent', 'contact:whenever', 'rematch:null']);
  expect(queue.find((r: { kind: string }) => r.kind === 'rematch').partner).not.toBeNull();

  // Pairs with both members' fit answers, by cohort: at least two cohorts reach k.
  const { results } = await db()
    .prepare(`SELECT p.cohort, COUNT(*) AS pairs FROM pairs p WHERE p.programme_id = ?1
      AND (SELECT COUNT(*) FROM pair_checks c WHERE c.pair_id = p.id AND c.kind = 'fit') = 2 GROUP BY p.cohort`)
    .bind(loaded.programmeId)
    .all<{ cohort: string; pairs: number }>();
  expect(results.filter((row) => row.pairs >= DEMO_K).length).toBeGreaterThanOrEqual(2);
  const cohorts = await call('GET', `/programmes/${loaded.programmeId}/cohorts`, loaded.coordinatorToken);
  if (cohorts.status === 200) {
    expect(cohorts.body.cohorts.filter((row: { fit: { suppressed: boolean } }) => !row.fit.suppressed).length).toBeGreaterThanOrEqual(2);
  }
});
