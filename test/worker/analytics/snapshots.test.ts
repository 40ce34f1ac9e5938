// The default dashboard is served from per-pair snapshots. Randomized
// cross-check: after each kind of write (live answers, a history import, an
// erasure, a new pair, a session report), every page of the snapshot-served
// dashboard equals an on-demand computation of the same window, and only the
// touched pairs' snapshots were rewritten.
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAGS, PAIR_SORTS, STATUSES, pagePairs, withWithheldReasons, type DashboardPair } from '../../../shared/metrics';
import { programmeDashboard } from '../../../worker/analytics/dashboard';
import { dashboardWindow } from '../../../worker/analytics/window';
import { importHistory } from '../../../worker/domain/history';
import { recordSession, submitResponse } from '../../../worker/domain/responses';
import { call, db } from '../api';
import { generateProgramme, seededRandom, type SyntheticPair } from '../../../worker/dev/synthetic-programme';
import { loadProgramme, loadSessions, type Loaded } from './load';

const DAY = 86_400_000;
// Fixed, so the suite is deterministic; change it here to explore other programmes.
const SEED = 20261201;
const rnd = seededRandom(SEED);
const today = Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const synthetic = generateProgramme({ seed: SEED, pairs: 110, startDate: iso(today - 500 * DAY).slice(0, 10), endDate: iso(today - DAY), emailDomain: 'snapshots.test' });
const generated = { participants: synthetic.participants, pairs: synthetic.pairs, sessions: [...synthetic.history()] };
let loaded: Loaded;

beforeAll(async () => {
  console.log(`snapshot cross-check seed ${SEED}`);
  loaded = await loadProgramme('Snapshots', generated, { kAnonymity: 3 });
  await loadSessions(loaded, generated.pairs, generated.sessions);
}, 120_000);

/** Every page of the served dashboard for one listing, concatenated. */
async function servedPages(params: Record<string, string> = {}) {
  const pairs: DashboardPair[] = [];
  let body: any;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...params, limit: String(params.limit ?? 17), ...(cursor ? { cursor } : {}) });
    const res = await call('GET', `/programmes/${loaded.programmeId}/dashboard?${query}`, loaded.coordinatorToken);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    body = res.body;
    expect(body.served.from).toBe('snapshot');
    // Each page says its withheld texts once (withheldReasons); the on-demand pairs carry them in full.
    pairs.push(...withWithheldReasons(body.pairs as DashboardPair[], body.withheldReasons));
    cursor = body.pairsPage.nextCursor;
  } while (cursor);
  return { body, pairs };
}

async function expectServedEqualsComputed() {
  const computed = (await programmeDashboard(db(), loaded.programmeId, dashboardWindow({}))).body;
  const { body, pairs } = await servedPages();
  expect(body.summary).toEqual(computed.summary);
  expect(body.months).toEqual(computed.months);
  expect(body.window).toEqual(computed.window);
  expect(body.programme).toEqual(computed.programme);
  expect(pairs).toEqual(computed.pairs);
  expect(body.pairsPage.total).toBe(computed.pairs.length);
  expect(body.atRisk).toEqual(computed.atRisk);
  return computed;
}

const snapshotRowids = async () => new Map((await db().prepare('SELECT pair_id, rowid AS r FROM pair_snapshots WHERE programme_id = ?')
  .bind(loaded.programmeId).all<{ pair_id: string; r: number }>()).results.map((x) => [x.pair_id, x.r]));

/** Pairs whose snapshot row was rewritten (or appeared, or went) between two readings. */
const rewritten = (before: Map<string, number>, after: Map<string, number>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id)).sort();

const enrolledToday = (p: SyntheticPair) => p.startsOn <= iso(today - 3 * DAY).slice(0, 10) && (p.endsOn === undefined || p.endsOn >= iso(today).slice(0, 10));

describe(`snapshot dashboard equals on-demand computation (seed ${SEED})`, () => {
  it('on the first read, which builds every snapshot', async () => {
    const computed = await expectServedEqualsComputed();
    expect(computed.pairs.length).toBeGreaterThan(20);
  });

  it('after live answers, refreshing only the answered pairs', async () => {
    const candidates = generated.pairs.map((p, i) => ({ p, i })).filter(({ p }) => enrolledToday(p));
    expect(candidates.length).toBeGreaterThan(3);
    const chosen = [...new Set(Array.from({ length: 3 }, () => candidates[Math.floor(rnd() * candidates.length)]!))];
    const before = await snapshotRowids();
    for (const { p, i } of chosen) {
      const start = iso(today - DAY - Math.floor(rnd() * 36) * 3600_000);
      const input = {
        pairId: loaded.pairIds[i]!, eventKey: `live-${SEED}-${i}@cal/${start}`, start, end: iso(Date.parse(start) + 1800_000),
        happened: true, value: 1 + Math.floor(rnd() * 5), learned: rnd() < 0.5, openness: rnd() < 0.5,
      } as const;
      for (const member of [p.a, p.b]) {
        await submitResponse(db(), { programmeId: loaded.programmeId, participantId: loaded.personIds.get(member)! }, crypto.randomUUID(), input);
      }
    }
    await expectServedEqualsComputed();
    expect(rewritten(before, await snapshotRowids())).toEqual(chosen.map(({ i }) => loaded.pairIds[i]!).sort());
  });

  it('after a session report and a history import', async () => {
    const i = generated.pairs.findIndex(enrolledToday);
    const pair = generated.pairs[i]!;
    const start = iso(today - 2 * DAY);
    await recordSession(db(), { programmeId: loaded.programmeId, participantId: loaded.personIds.get(pair.a)! },
      { pairId: loaded.pairIds[i]!, eventKey: `seen-${SEED}@cal/${start}`, start, end: iso(Date.parse(start) + 1800_000) });
    const old = generated.pairs.findIndex((p) => p.startsOn < iso(today - 400 * DAY).slice(0, 10));
    const oldPair = generated.pairs[old]!;
    const before = await snapshotRowids();
    const line = (index: number, p: SyntheticPair, startMs: number) => ({
      pairId: loaded.pairIds[index]!, eventKey: `import-${SEED}-${index}@cal/${iso(startMs)}`, start: iso(startMs), end: iso(startMs + 1800_000),
      responses: [p.a, p.b].map((m) => ({ participantId: loaded.personIds.get(m)!, happened: true, value: 2, learned: false, openness: false })),
    });
    // A recent session (its pair's snapshot changes) and one long before the window (no snapshot changes).
    const report = await importHistory(db(), loaded.programmeId, [line(i, pair, today - 10 * DAY), line(old, oldPair, today - 390 * DAY)]);
    expect(report.rejected).toEqual([]);
    await expectServedEqualsComputed();
    expect(rewritten(before, await snapshotRowids())).toEqual([loaded.pairIds[i]!]);
  });

  it('after sessions reported as not asked about (shared/metrics/README.md, "Not asked")', async () => {
    const marked = generated.pairs.map((p, i) => [p, i] as const).filter(([p]) => enrolledToday(p)).slice(0, 3);
    const before = await snapshotRowids();
    for (const [n, [pair, i]] of marked.entries()) {
      const start = iso(today - (3 + n) * DAY);
      const member = { programmeId: loaded.programmeId, participantId: loaded.personIds.get(n % 2 ? pair.a : pair.b)! };
      const input = { pairId: loaded.pairIds[i]!, eventKey: `quiet-${SEED}-${n}@cal/${start}`, start, end: iso(Date.parse(start) + 1800_000) };
      await recordSession(db(), member, { ...input, asked: false });
    }
    const computed = await expectServedEqualsComputed();
    expect(computed.summary.sessionsHeld).toBeGreaterThan(0);
    // Only the marked pairs' snapshots are rewritten (a rewritten row may get its old rowid back, so this is a subset check).
    const markedIds = marked.map(([, i]) => loaded.pairIds[i]!);
    for (const id of rewritten(before, await snapshotRowids())) expect(markedIds).toContain(id);
  });

  it('after an erasure and a new pair', async () => {
    const member = generated.pairs.find(enrolledToday)!.b;
    const erasedId = loaded.personIds.get(member)!;
    const erased = await call('DELETE', `/participants/${erasedId}`, loaded.coordinatorToken);
    expect(erased.status).toBe(200);
    const [x, y] = [...loaded.personIds.values()].filter((id) => id !== erasedId).slice(0, 2);
    const created = await call('POST', `/programmes/${loaded.programmeId}/pairs`, loaded.coordinatorToken, { a: x, b: y, startsOn: iso(today - 5 * DAY).slice(0, 10) });
    expect(created.status).toBe(201);
    await expectServedEqualsComputed();
  });

  it('pages, filters and sorts as the on-demand list does', async () => {
    const computed = (await programmeDashboard(db(), loaded.programmeId, dashboardWindow({}))).body;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let run = 0; run < 12; run++) {
      const params: Record<string, string> = { sort: pick(PAIR_SORTS), order: pick(['asc', 'desc']), limit: String(1 + Math.floor(rnd() * 40)) };
      if (rnd() < 0.4) params.status = pick(STATUSES);
      if (rnd() < 0.3) params.flag = pick(FLAGS);
      if (rnd() < 0.3) params.cohort = pick(computed.pairs).cohort;
      if (rnd() < 0.3) params.q = pick(computed.pairs).members[0]!.displayName.slice(2, 6).toUpperCase();
      const { pairs } = await servedPages(params);
      const query = { ...params, limit: Number.MAX_SAFE_INTEGER } as any;
      expect(pairs, JSON.stringify(params)).toEqual(pagePairs(computed.pairs, query, null).pairs);
    }
  });

  it('refuses a cursor it did not give', async () => {
    const res = await call('GET', `/programmes/${loaded.programmeId}/dashboard?sort=health&cursor=nonsense`, loaded.coordinatorToken);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});
