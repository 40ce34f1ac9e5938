// Randomized cross-check, pair by pair: after random writes (live answers, session
// reports, history imports, on random pairs and days), every pair's stored
// snapshot equals the same pair computed on demand for the default window, and
// the served summary equals the computed one. The programme is set up as a
// coordinator would at scale: one CSV import of its people and pairs.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { DashboardPair } from '../../../shared/metrics';
import { programmeDashboard } from '../../../worker/analytics/dashboard';
import { dashboardWindow } from '../../../worker/analytics/window';
import { importHistory } from '../../../worker/domain/history';
import { recordSession, submitResponse } from '../../../worker/domain/responses';
import { generateProgramme } from '../../../worker/dev/synthetic-programme';
import { programmeCsv } from '../../bench/csv-setup';
import { call, db, newProgramme } from '../api';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const synthetic = generateProgramme({ seed: 4242, pairs: 60, startDate: iso(today - 300 * DAY).slice(0, 10), endDate: iso(today - DAY), emailDomain: 'every-pair.test' });
let programme: { id: string; coordinatorToken: string };
let pairIds: string[];
let personIds: Map<string, string>;
/** Writes the Worker took (the others fell outside an enrolment or answer window). */
let stored = 0;

beforeAll(async () => {
  programme = await newProgramme('Every pair');
  const res = await call('POST', `/programmes/${programme.id}/import`, programme.coordinatorToken, programmeCsv(synthetic), { headers: { 'Content-Type': 'text/csv' } });
  expect(res.body.rejected).toBe(0);
  const people = synthetic.participants.length;
  personIds = new Map(synthetic.participants.map((p, i) => [p.email, res.body.rows[i].id as string]));
  pairIds = synthetic.pairs.map((_, i) => res.body.rows[people + i].id as string);
  const lines = [...synthetic.history()].map((s) => ({
    pairId: pairIds[s.pair]!, eventKey: s.eventKey, start: s.start, end: s.end,
    responses: s.responses.map(({ side, ...answer }) => ({ participantId: personIds.get(synthetic.pairs[s.pair]![side])!, ...answer })),
  }));
  expect((await importHistory(db(), programme.id, lines)).rejected).toEqual([]);
}, 120_000);

const write = fc.record({
  kind: fc.constantFrom('answer' as const, 'report' as const, 'import' as const),
  pair: fc.nat({ max: 59 }),
  daysAgo: fc.integer({ min: 1, max: 120 }),
  value: fc.integer({ min: 1, max: 5 }),
  both: fc.boolean(),
});

async function apply(w: { kind: 'answer' | 'report' | 'import'; pair: number; daysAgo: number; value: number; both: boolean }, run: number, n: number) {
  const pair = synthetic.pairs[w.pair]!;
  const start = today - w.daysAgo * DAY + 10 * 3600_000;
  const session = { pairId: pairIds[w.pair]!, eventKey: `every-${run}-${n}@cal/${iso(start)}`, start: iso(start), end: iso(start + 1800_000) };
  const members = w.both ? [pair.a, pair.b] : [pair.a];
  // Writes outside the pair's enrolment or answer window are refused; a refusal writes nothing, which is also checked.
  const attempt = (work: Promise<unknown>) => work.then(() => { stored++; }, (error: unknown) => { if (!(error instanceof Error && 'status' in error)) throw error; });
  if (w.kind === 'import') {
    const report = await importHistory(db(), programme.id, [{ ...session, responses: members.map((m) => ({ participantId: personIds.get(m)!, happened: true, value: w.value, learned: w.both })) }]);
    stored += report.sessions;
  } else if (w.kind === 'report') {
    await attempt(recordSession(db(), { programmeId: programme.id, participantId: personIds.get(pair.a)! }, session));
  } else {
    for (const m of members) {
      await attempt(submitResponse(db(), { programmeId: programme.id, participantId: personIds.get(m)! }, crypto.randomUUID(),
        { ...session, happened: true, value: w.value, openness: w.both }));
    }
  }
}

it('keeps every pair\'s snapshot equal to its on-demand figures after random writes', async () => {
  let run = 0;
  await fc.assert(fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
    run++;
    for (const [n, w] of writes.entries()) await apply(w, run, n);
    const served = await call('GET', `/programmes/${programme.id}/dashboard?limit=1`, programme.coordinatorToken);
    expect(served.status).toBe(200);
    const computed = (await programmeDashboard(db(), programme.id, dashboardWindow({}))).body;
    expect(served.body.summary).toEqual(computed.summary);
    expect(served.body.months).toEqual(computed.months);
    const stored = await db().prepare('SELECT pair_id, listed_json FROM pair_snapshots WHERE programme_id = ?1 AND listed = 1')
      .bind(programme.id).all<{ pair_id: string; listed_json: string }>();
    const byPair = new Map(stored.results.map((r) => [r.pair_id, JSON.parse(r.listed_json) as DashboardPair]));
    expect([...byPair.keys()].sort()).toEqual(computed.pairs.map((p) => p.id).sort());
    for (const pair of computed.pairs) expect(byPair.get(pair.id), pair.id).toEqual(pair);
    expect(served.body.atRisk.map((p: DashboardPair) => p.id)).toEqual(computed.atRisk.map((p) => p.id));
  }), { numRuns: 8 });
  expect(stored).toBeGreaterThan(8);
}, 240_000);
