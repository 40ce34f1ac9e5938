// GET /programmes/:pid/cohorts against real D1 (shared/metrics/README.md, "Cohorts";
// SECURITY.md, "Cohort rates"): the rates, the k rule with complementary
// suppression, the monthly cut of private answers, and the response-rate trend.
import { describe, expect, it } from 'vitest';
import { rate } from '../../shared/metrics';
import { importHistory } from '../../worker/domain/history';
import { ADMIN, call, checkAgainstContract, db } from './api';

const K = 3;
let programmeSeq = 0;
interface Built {
  pid: string;
  coordinatorToken: string;
  sponsorToken: string;
  /** Pair ids per cohort, with their members. */
  pairs: { id: string; cohort: string; a: string; b: string }[];
}

/** A programme with k = 3 and the given number of pairs per cohort, all started on 2026-01-01. */
async function programmeWith(name: string, cohorts: Record<string, number>, startsOn = '2026-01-01'): Promise<Built> {
  const created = await call('POST', '/programmes', ADMIN, { name, kAnonymity: K, minAnswersPerMember: 2 });
  const { id: pid, coordinatorToken, sponsorToken } = created.body;
  const wanted = Object.entries(cohorts).flatMap(([cohort, n]) => Array.from({ length: n }, () => cohort));
  const people = wanted.flatMap((_, i) => ['a', 'b'].map((side) => ({ displayName: `${side}${i}`, email: `${side}${i}@programme${++programmeSeq}.test` })));
  const added = await call('POST', `/programmes/${pid}/participants`, coordinatorToken, { participants: people });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const ids = (added.body.participants as { id: string }[]).map((p) => p.id);
  const pairs: Built['pairs'] = [];
  for (const [i, cohort] of wanted.entries()) {
    const a = ids[2 * i]!;
    const b = ids[2 * i + 1]!;
    const res = await call('POST', `/programmes/${pid}/pairs`, coordinatorToken, { a, b, cohort, startsOn });
    expect(res.status).toBe(201);
    pairs.push({ id: res.body.id, cohort, a, b });
  }
  return { pid, coordinatorToken, sponsorToken, pairs };
}

let checkSeq = 0;
/** A fit answer or relationship check, written as the checks route stores it. */
function check(built: Built, pair: Built['pairs'][number], side: 'a' | 'b', fields: { kind: 'fit' | 'milestone' | 'closing'; fit?: string; worthwhile?: string; milestone?: number; receivedAt: string }) {
  return db().prepare(
    `INSERT OR REPLACE INTO pair_checks (id, programme_id, pair_id, participant_id, kind, milestone, fit, worthwhile, answered_at, received_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)`,
  ).bind(`check-${++checkSeq}`, built.pid, pair.id, pair[side], fields.kind, fields.milestone ?? 0, fields.fit ?? null, fields.worthwhile ?? null, fields.receivedAt);
}

async function cohorts(built: Built, asOf?: string) {
  const res = await call('GET', `/programmes/${built.pid}/cohorts${asOf ? `?asOf=${asOf}` : ''}`, built.coordinatorToken);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  checkAgainstContract('GET', `/programmes/${built.pid}/cohorts`, 200, res.body);
  return res.body as { overall: any; cohorts: any[]; asOf: string };
}
const rowOf = (body: { cohorts: any[] }, cohort: string) => body.cohorts.find((c) => c.cohort === cohort);

const BEFORE = '2026-03-10T09:00:00.000Z';
const ASOF = '2026-04-15';

describe('fit and worthwhile', () => {
  it('shows each cohort\'s share over at least k answering pairs, with its Wilson interval, and the overall', async () => {
    const built = await programmeWith('Cohort rates', { A: 3, B: 4 });
    const fits = ['working', 'working', 'not_sure', 'working', 'not_working', 'working', 'working'];
    await db().batch(built.pairs.flatMap((p, i) => [
      check(built, p, 'a', { kind: 'fit', fit: fits[i]!, receivedAt: BEFORE }),
      check(built, p, 'b', { kind: 'fit', fit: 'working', receivedAt: BEFORE }),
    ]));
    const body = await cohorts(built, ASOF);
    expect(rowOf(body, 'A').fit).toEqual({ suppressed: false, pairs: 3, rate: rate(5, 6) });
    expect(rowOf(body, 'B').fit).toEqual({ suppressed: false, pairs: 4, rate: rate(7, 8) });
    expect(body.overall.fit).toEqual({ suppressed: false, pairs: 7, rate: rate(12, 14) });
    expect(body.overall.pairsEnrolled).toBe(7);
    expect(rowOf(body, 'B').pairsEnrolled).toBe(4);
  });

  it('counts each member\'s latest relationship check only, and never a closing answer', async () => {
    const built = await programmeWith('Worthwhile', { A: 3 });
    await db().batch(built.pairs.flatMap((p) => [
      check(built, p, 'a', { kind: 'milestone', milestone: 30, worthwhile: 'no', receivedAt: BEFORE }),
      check(built, p, 'a', { kind: 'milestone', milestone: 120, worthwhile: 'yes', receivedAt: BEFORE }),
      check(built, p, 'b', { kind: 'milestone', milestone: 30, worthwhile: 'unsure', receivedAt: BEFORE }),
      check(built, p, 'b', { kind: 'closing', receivedAt: BEFORE }),
    ]));
    const body = await cohorts(built, ASOF);
    expect(rowOf(body, 'A').worthwhile).toEqual({ suppressed: false, pairs: 3, rate: rate(3, 6) });
    expect(body.overall.fit).toEqual({ suppressed: true });
  });
});

describe('a coordinator cannot learn one member\'s answer from the cohort rows', () => {
  it('hides a cohort with k − 1 answering pairs, however many answers they gave', async () => {
    const built = await programmeWith('Under k', { Small: 3 });
    // Three pairs in the cohort, but only two answered: under k pairs, though four answers.
    await db().batch(built.pairs.slice(0, 2).flatMap((p) => [
      check(built, p, 'a', { kind: 'fit', fit: 'not_working', receivedAt: BEFORE }),
      check(built, p, 'b', { kind: 'fit', fit: 'working', receivedAt: BEFORE }),
    ]));
    const body = await cohorts(built, ASOF);
    expect(rowOf(body, 'Small').fit).toEqual({ suppressed: true });
    expect(body.overall.fit).toEqual({ suppressed: true });
    expect(JSON.stringify(body)).not.toContain('not_working');
  });

  it('with one cohort hidden, hides a second one too (or the overall), so the hidden one cannot be subtracted out', async () => {
    const built = await programmeWith('Complementary', { Big: 4, Mid: 3, Tiny: 1 });
    await db().batch(built.pairs.map((p) => check(built, p, 'a', { kind: 'fit', fit: p.cohort === 'Tiny' ? 'not_working' : 'working', receivedAt: BEFORE })));
    const body = await cohorts(built, ASOF);
    expect(rowOf(body, 'Tiny').fit).toEqual({ suppressed: true });
    // The smallest shown cohort covers it; the overall stays shown, and Big + Mid + overall cannot give Tiny.
    expect(rowOf(body, 'Mid').fit).toEqual({ suppressed: true });
    expect(rowOf(body, 'Big').fit).toMatchObject({ suppressed: false, pairs: 4 });
    expect(body.overall.fit).toMatchObject({ suppressed: false, pairs: 8 });
    const hidden = [body.overall, ...body.cohorts].filter((r) => r.fit.suppressed && r.cohort !== null);
    expect(hidden.length).not.toBe(1);
  });

  it('with two cohorts, one under k, hides the other as well and keeps the overall', async () => {
    const built = await programmeWith('Two small', { One: 3, Two: 2 });
    await db().batch(built.pairs.map((p) => check(built, p, 'a', { kind: 'fit', fit: 'working', receivedAt: BEFORE })));
    const body = await cohorts(built, ASOF);
    expect(rowOf(body, 'Two').fit).toEqual({ suppressed: true });
    expect(rowOf(body, 'One').fit).toEqual({ suppressed: true });
    expect(body.overall.fit).toMatchObject({ suppressed: false, pairs: 5 });
  });

  it('moving asOf by a day cannot isolate a new answer: answers count from the next month start', async () => {
    const built = await programmeWith('Day by day', { A: 4 });
    await db().batch(built.pairs.slice(0, 3).map((p) => check(built, p, 'a', { kind: 'fit', fit: 'working', receivedAt: BEFORE })));
    // The fourth pair's answer arrives on 14 April.
    await db().batch([check(built, built.pairs[3]!, 'a', { kind: 'fit', fit: 'not_working', receivedAt: '2026-04-14T15:00:00.000Z' })]);
    const days = ['2026-04-02', '2026-04-14', '2026-04-15', '2026-04-30'];
    const seen = await Promise.all(days.map(async (day) => (await cohorts(built, day)).overall.fit));
    for (const fit of seen) expect(fit).toEqual({ suppressed: false, pairs: 3, rate: rate(3, 3) });
    // From 1 May it counts, together with every other answer of April (SECURITY.md, "Cohort rates").
    expect((await cohorts(built, '2026-05-01')).overall.fit).toEqual({ suppressed: false, pairs: 4, rate: rate(3, 4) });
  });

  it('moving a pair to another cohort cannot isolate its answers: private rates group by the cohort a pair was created in', async () => {
    const built = await programmeWith('Moved pair', { A: 4, B: 3 });
    await db().batch(built.pairs.map((p, i) => check(built, p, 'a', { kind: 'fit', fit: i === 0 ? 'not_working' : 'working', receivedAt: BEFORE })));
    const before = await cohorts(built, ASOF);
    expect(rowOf(before, 'A').fit).toEqual({ suppressed: false, pairs: 4, rate: rate(3, 4) });
    const stored = await db().prepare('SELECT first_cohort FROM pairs WHERE id = ?').bind(built.pairs[0]!.id).first();
    expect(stored).toEqual({ first_cohort: 'A' });
    // The coordinator moves the one "not working" pair to B (as PATCH /pairs/:id would).
    await db().prepare("UPDATE pairs SET cohort = 'B' WHERE id = ?").bind(built.pairs[0]!.id).run();
    const after = await cohorts(built, ASOF);
    expect(rowOf(after, 'A').fit).toEqual(rowOf(before, 'A').fit);
    expect(rowOf(after, 'B').fit).toEqual(rowOf(before, 'B').fit);
    expect(rowOf(after, 'A').pairsEnrolled).toBe(3);
    expect(rowOf(after, 'B').pairsEnrolled).toBe(4);
  });

  it('refuses an asOf after today, which would move the cut onto answers still arriving', async () => {
    const built = await programmeWith('Future', { A: 1 });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const res = await call('GET', `/programmes/${built.pid}/cohorts?asOf=${tomorrow}`, built.coordinatorToken);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: ['asOf'] })] });
    const bad = await call('GET', `/programmes/${built.pid}/cohorts?asOf=2026-04-15T12:00:00Z`, built.coordinatorToken);
    expect(bad.status).toBe(400);
  });

  it('is the coordinator\'s: a sponsor, another programme\'s coordinator or no token is refused', async () => {
    const built = await programmeWith('Who reads cohorts', { A: 1 });
    const other = await programmeWith('Other cohorts', { A: 1 });
    const path = `/programmes/${built.pid}/cohorts`;
    expect((await call('GET', path, built.sponsorToken)).status).toBe(403);
    expect((await call('GET', path, other.coordinatorToken)).status).toBe(403);
    expect((await call('GET', path)).status).toBe(401);
  });
});

describe('the response-rate trend', () => {
  it('pools, month by month, only the pairs whose own monthly rate passes the both-voices gate', async () => {
    const built = await programmeWith('Trend', { A: 2, B: 1 });
    const [p1, p2, p3] = built.pairs as [Built['pairs'][number], Built['pairs'][number], Built['pairs'][number]];
    const line = (p: Built['pairs'][number], day: string, who: ('a' | 'b')[]) => ({
      pairId: p.id, eventKey: `${p.id}-${day}`, start: `${day}T10:00:00.000Z`, end: `${day}T11:00:00.000Z`,
      responses: who.map((side) => ({ participantId: p[side], happened: true, value: 4 })),
    });
    const report = await importHistory(db(), built.pid, [
      // March: p1 both voices twice (4 of 4 slots, plus one session only a answered: 5 of 6); p2 only member a answers.
      line(p1, '2026-03-02', ['a', 'b']), line(p1, '2026-03-09', ['a', 'b']), line(p1, '2026-03-16', ['a']),
      line(p2, '2026-03-03', ['a']), line(p2, '2026-03-10', ['a']), line(p2, '2026-03-17', ['a']),
      // April: p3 answers fully, p1 is silent.
      line(p3, '2026-04-02', ['a', 'b']), line(p3, '2026-04-09', ['a', 'b']),
      line(p1, '2026-04-06', []),
    ]);
    expect(report.rejected).toEqual([]);
    const body = await cohorts(built, ASOF);
    expect(body.overall.responseRate.map((m: { month: string }) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    const month = (row: any, m: string) => row.responseRate.find((x: { month: string }) => x.month === m);
    expect(month(rowOf(body, 'A'), '2026-03')).toEqual({ month: '2026-03', pairs: 1, rate: rate(5, 6) });
    expect(month(rowOf(body, 'A'), '2026-04')).toEqual({ month: '2026-04', pairs: 0, rate: null });
    expect(month(rowOf(body, 'B'), '2026-04')).toEqual({ month: '2026-04', pairs: 1, rate: rate(4, 4) });
    expect(month(body.overall, '2026-03')).toEqual({ month: '2026-03', pairs: 1, rate: rate(5, 6) });
    expect(month(body.overall, '2026-01')).toEqual({ month: '2026-01', pairs: 0, rate: null });
  });

  it('never lowers a pair\'s part of the trend for sessions it was not asked about', async () => {
    const built = await programmeWith('Trend not asked', { A: 1 });
    const p = built.pairs[0]!;
    const lines = ['2026-03-02', '2026-03-09', '2026-03-16'].map((day, i) => ({
      pairId: p.id, eventKey: `e${i}`, start: `${day}T10:00:00.000Z`, end: `${day}T11:00:00.000Z`,
      responses: i < 2 ? [{ participantId: p.a, happened: true, value: 4 }, { participantId: p.b, happened: true, value: 4 }] : [],
    }));
    expect((await importHistory(db(), built.pid, lines)).rejected).toEqual([]);
    const march = async () => (await cohorts(built, ASOF)).overall.responseRate.find((m: { month: string }) => m.month === '2026-03');
    expect(await march()).toEqual({ month: '2026-03', pairs: 1, rate: rate(4, 6) });
    await db().prepare("UPDATE sessions SET a_asked = 0, b_asked = 0 WHERE pair_id = ? AND event_key = 'e2'").bind(p.id).run();
    expect(await march()).toEqual({ month: '2026-03', pairs: 1, rate: rate(4, 4) });
  });
});
