// Closing answers in the sponsor's culture view, on the real D1 (SECURITY.md,
// "Sponsor culture"): shown per cell from k pairs, hidden with its cell and
// against subtraction, the same in the periods export, and a closing answer
// drops the cached tables that read its pair's end.
import { beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CLOSING_CHANGES, type ClosingChange } from '../../../shared/vocabulary';
import { programmeCulture } from '../../../worker/analytics/culture';
import { cultureRange } from '../../../worker/analytics/window';
import { importHistory } from '../../../worker/domain/history';
import { invalidateCultureForClosing } from '../../../worker/storage/snapshots';
import { ADMIN, call, db } from '../api';

interface Programme { id: string; coordinatorToken: string; sponsorToken: string; pairs: { id: string; a: string; b: string; region: string }[] }

/**
 * k = 3. Eight pairs from 2025-01-06, each with a held session in February and
 * in May 2025: five in the EU (three of them ended 2025-05-20), three in the US
 * (two ended 2025-06-02).
 */
async function programme(name: string): Promise<Programme> {
  const created = await call('POST', '/programmes', ADMIN, { name, kAnonymity: 3 });
  const { id, coordinatorToken, sponsorToken } = created.body;
  const regions = ['EU', 'EU', 'EU', 'EU', 'EU', 'US', 'US', 'US'];
  const ends = ['2025-05-20', '2025-05-20', '2025-05-20', null, null, '2025-06-02', '2025-06-02', null];
  const slug = name.toLowerCase().replace(/\W/g, '');
  const added = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
    participants: regions.flatMap((region, i) => ['a', 'b'].map((side) => ({ displayName: `${side}${i}`, email: `${side}${i}@${slug}.test`, region }))),
  });
  const people = added.body.participants as { id: string }[];
  const pairs = [];
  for (const [i, region] of regions.entries()) {
    const [a, b] = [people[2 * i]!.id, people[2 * i + 1]!.id];
    const pair = await call('POST', `/programmes/${id}/pairs`, coordinatorToken, { a, b, startsOn: '2025-01-06', endsOn: ends[i], cohort: 'c' });
    pairs.push({ id: pair.body.id as string, a, b, region });
  }
  const report = await importHistory(db(), id, pairs.flatMap((p) => ['2025-02-10', '2025-05-05'].map((day) => ({
    pairId: p.id, eventKey: `s/${day}`, start: `${day}T10:00:00.000Z`, end: `${day}T11:00:00.000Z`,
    responses: [p.a, p.b].map((participantId) => ({ participantId, happened: true, value: 4, learned: true, openness: true })),
  }))));
  expect(report.rejected).toEqual([]);
  return { id, coordinatorToken, sponsorToken, pairs };
}

const mask = (chips: ClosingChange[]) => chips.reduce((m, c) => m | (1 << CLOSING_CHANGES.indexOf(c)), 0);

/** A closing answer as the checks route stores it (worker/migrations/0008_pair_loop.sql). */
async function answerClosing(p: Programme, pairIndex: number, side: 'a' | 'b', again: string, chips: ClosingChange[] = []) {
  const pair = p.pairs[pairIndex]!;
  const now = new Date().toISOString();
  await db().batch([
    db().prepare(`INSERT OR REPLACE INTO pair_checks (id, programme_id, pair_id, participant_id, kind, milestone, again, changed_mask, answered_at, received_at)
      VALUES (?1, ?2, ?3, ?4, 'closing', 0, ?5, ?6, ?7, ?7)`).bind(crypto.randomUUID(), p.id, pair.id, pair[side], again, mask(chips), now),
    invalidateCultureForClosing(db(), p.id, pair.id),
  ]);
}

const query = 'period=quarter&fromPeriod=2025-Q1&toPeriod=2025-Q4';
const culture = (p: Programme, extra = '') => call('GET', `/programmes/${p.id}/culture?${query}${extra}`, p.sponsorToken);
const q2Total = (body: any) => body.periods.find((c: any) => c.period === '2025-Q2');

describe('closing answers in the culture view', () => {
  let p: Programme;
  beforeAll(async () => {
    p = await programme('Closing culture');
    await answerClosing(p, 0, 'a', 'yes', ['more_confident', 'new_network']);
    await answerClosing(p, 0, 'b', 'maybe', ['new_skills']);
    await answerClosing(p, 1, 'a', 'yes', ['more_confident']);
    await answerClosing(p, 2, 'b', 'no');
    await answerClosing(p, 5, 'a', 'yes', ['new_perspective']);
    await answerClosing(p, 6, 'b', 'yes');
  });

  it('shows a period\'s closing answers over the pairs that ended in it, from k pairs', async () => {
    const res = await culture(p);
    expect(res.status).toBe(200);
    const closing = q2Total(res.body).closing;
    expect(closing).toMatchObject({ suppressed: false, pairs: 5, again: { value: 4 / 6, n: 6 } });
    expect(Object.fromEntries(CLOSING_CHANGES.map((c) => [c, closing.changed[c].value]))).toEqual({
      more_confident: 2 / 6, new_network: 1 / 6, new_skills: 1 / 6, new_perspective: 1 / 6,
    });
    // No pair ended in the first quarter; the year holds the same five pairs.
    expect(res.body.periods.find((c: any) => c.period === '2025-Q1').closing).toEqual({ suppressed: true });
    const year = await call('GET', `/programmes/${p.id}/culture?period=year&fromPeriod=2025&toPeriod=2025`, p.sponsorToken);
    expect(year.body.periods[0].closing).toEqual(closing);
  });

  it('hides a segment with k − 1 closing pairs and the one beside it, whatever the request', async () => {
    const byRegion = await culture(p, '&by=region');
    const q2 = (segment: string) => byRegion.body.segments.find((c: any) => c.period === '2025-Q2' && c.segment === segment);
    // The cells themselves are shown (five and three active pairs)...
    expect([q2('EU').suppressed, q2('US').suppressed]).toEqual([false, false]);
    // ...but the US has two closing pairs, and EU = total − US would give it away.
    expect([q2('EU').closing, q2('US').closing]).toEqual([{ suppressed: true }, { suppressed: true }]);
    // The total is the same cell whatever the segmentation.
    expect(q2Total(byRegion.body).closing).toEqual(q2Total((await culture(p)).body).closing);
    expect(q2Total((await culture(p, '&by=function')).body).closing).toEqual(q2Total((await culture(p)).body).closing);
  });

  it('exports the closing columns with the same suppression', async () => {
    const res = await call('GET', `/programmes/${p.id}/export.csv?kind=periods&${query}&by=region`, p.sponsorToken);
    expect(res.status).toBe(200);
    const rows = Papa.parse<Record<string, string>>(res.body as string, { header: true, skipEmptyLines: true }).data;
    const total = rows.find((r) => r.period === '2025-Q2' && r.segment === '')!;
    expect(total).toMatchObject({ closing_suppressed: 'false', closing_pairs: '5', closing_again_n: '6' });
    expect(Number(total.closing_again)).toBeCloseTo(4 / 6, 12);
    expect(Number(total.closing_more_confident)).toBeCloseTo(2 / 6, 12);
    for (const segment of ['EU', 'US']) {
      const row = rows.find((r) => r.period === '2025-Q2' && r.segment === segment)!;
      expect(row.closing_suppressed).toBe('true');
      expect([row.closing_pairs, row.closing_again, row.closing_new_network].map((x) => x ?? '')).toEqual(['', '', '']);
    }
  });
});

it('drops the cached tables that read a pair\'s end when a closing answer about it arrives', async () => {
  const p = await programme('Closing cache');
  const range = (asOf: string) => cultureRange({ asOf: Date.parse(asOf), period: 'quarter', fromPeriod: '2025-Q1', toPeriod: '2025-Q1' }, 'sponsor');
  const ask = (asOf: string) => programmeCulture(db(), p.id, range(asOf));
  for (const i of [0, 1]) await answerClosing(p, i, 'a', 'yes');
  // Two tables: as of mid-April (it reads months up to April, before any pair ended) and as of today.
  await ask('2025-04-15');
  await ask(new Date().toISOString().slice(0, 10));
  const quarters = async () => (await call('GET', `/programmes/${p.id}/culture?${query}`, p.sponsorToken)).body.periods;
  expect((await quarters())[1].closing).toEqual({ suppressed: true }); // two closing pairs, k = 3
  await answerClosing(p, 2, 'a', 'no');
  expect((await ask('2025-04-15')).cached).toBe(true);
  expect((await ask(new Date().toISOString().slice(0, 10))).cached).toBe(false);
  expect((await quarters())[1].closing).toMatchObject({ suppressed: false, pairs: 3, again: { value: 2 / 3 } });
  // An answer about a pair with no end (or none known) drops every table.
  expect((await ask('2025-04-15')).cached).toBe(true);
  await db().batch([invalidateCultureForClosing(db(), p.id, p.pairs[3]!.id)]);
  expect((await ask('2025-04-15')).cached).toBe(false);
});
