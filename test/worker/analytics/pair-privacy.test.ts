// Attacks a curious coordinator could try on pair numbers: windows cut around
// one session, and pairs where only one member answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { withWithheldReasons } from '../../../shared/metrics';
import { importHistory } from '../../../worker/domain/history';
import { call, db, pairedProgramme } from '../api';

type Programme = Awaited<ReturnType<typeof pairedProgramme>>;
let p: Programme;
const asOf = '2026-03-01';
const sessionStart = '2026-01-20T10:00:00.000Z';

beforeAll(async () => {
  p = await pairedProgramme('Pair privacy');
  // Only Ana answers; Ben stays silent.
  const lines = [6, 20, 34, 48].map((day) => {
    const start = new Date(Date.parse('2026-01-01T10:00:00Z') + day * 86_400_000).toISOString();
    return {
      pairId: p.pairId, eventKey: `only-ana-${day}`, start, end: start,
      responses: [{ participantId: p.ana.id, happened: true, value: 2, learned: true, openness: false, autonomy: 'did_it_for_me', topics: ['tools'] }],
    };
  });
  expect((await importHistory(db(), p.programme.id, lines)).rejected).toEqual([]);
});

const routes = (query: string) => {
  const pid = p.programme.id;
  return [
    `/programmes/${pid}/dashboard?${query}`,
    `/programmes/${pid}/pairs/${p.pairId}?${query}`,
    `/programmes/${pid}/export.csv?kind=pairs&${query}`,
  ];
};

describe('narrow windows are refused', () => {
  const cases: [string, string][] = [
    ['a 1 ms window', `from=${sessionStart}&to=2026-01-20T10:00:00.001Z&asOf=${asOf}`],
    ['a window of one day around one session', `from=2026-01-20&to=2026-01-21&asOf=${asOf}`],
    ['a window of 27 days', `from=2026-01-10&to=2026-02-06&asOf=${asOf}`],
    ['an asOf right after one session', `asOf=2026-01-20T11:00:00.000Z`],
    ['a window over a year', `from=2025-01-01&to=2026-01-03&asOf=${asOf}`],
  ];
  it.each(cases)('%s', async (_, query) => {
    for (const path of routes(query)) {
      const res = await call('GET', path, p.programme.coordinatorToken);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message + JSON.stringify(res.body.error.issues ?? [])).toMatch(/whole UTC day|at least 28|at most 366/);
    }
  });
  it('accepts whole days, as YYYY-MM-DD or midnight instants', async () => {
    for (const query of [`from=2026-01-01&to=2026-01-29&asOf=${asOf}`, `from=2026-01-01T00:00:00.000Z&asOf=2026-03-01T00:00:00Z`]) {
      for (const path of routes(query)) expect((await call('GET', path, p.programme.coordinatorToken)).status, path).toBe(200);
    }
  });
});

describe('one member’s answers are never shown as pair numbers', () => {
  it('dashboard: every pair number is withheld, with words that do not name the silent member', async () => {
    const res = await call('GET', `/programmes/${p.programme.id}/dashboard?asOf=${asOf}`, p.programme.coordinatorToken);
    expect(res.status).toBe(200);
    const pair = res.body.pairs.find((x: { id: string }) => x.id === p.pairId);
    expect(pair.health).toBeNull();
    for (const [name, value] of Object.entries(pair.metrics)) expect(value, name).toBeNull();
    // The page says the full text once, in withheldReasons; the pair keeps the short words.
    expect(pair.withheld.value).toBe('not enough answers yet');
    expect(withWithheldReasons([pair], res.body.withheldReasons)[0]!.withheld.value).toBe('not enough answers yet: needs at least 3 value ratings from each member');
    expect(JSON.stringify(pair.withheld)).not.toMatch(/Ana|Ben/);
    // The flags are still raised, in words about the pair.
    expect(pair.status).toBe('at_risk');
    expect(pair.flags.map((f: { flag: string }) => f.flag)).toEqual(expect.arrayContaining(['guarded', 'helpline']));
    for (const f of pair.flags) expect(f.reason).not.toMatch(/\d+ of|from \d+|\d+ answers|\d+ responses/);
    // Programme sums leave the withheld pair out, so they cannot be subtracted back to it.
    expect(res.body.summary.opennessRate).toBeNull();
    expect(res.body.summary.sessionsHeld).toBe(0);
    expect(res.body.summary.autonomyMean).toBeNull();
    expect(res.body.programme.minAnswersPerMember).toBe(3);
  });

  it('pair detail: the months and the timeline show nothing built from one member', async () => {
    const res = await call('GET', `/programmes/${p.programme.id}/pairs/${p.pairId}?asOf=${asOf}`, p.programme.coordinatorToken);
    expect(res.status).toBe(200);
    for (const month of res.body.months) {
      for (const key of ['held', 'missed', 'health', 'value', 'reciprocity', 'autonomy', 'openness', 'responseRate']) expect(month[key], `${month.month}.${key}`).toBeNull();
    }
    expect(res.body.sessions.length).toBe(4);
    expect(res.body.sessions.every((s: { status: unknown }) => s.status === null)).toBe(true);
    // No count either: an n beside a withheld number would say how much one member answered.
    expect(res.body.pair.n).toEqual({});
  });

  it('export.csv?kind=pairs: the cells are empty', async () => {
    const res = await call('GET', `/programmes/${p.programme.id}/export.csv?kind=pairs&asOf=${asOf}`, p.programme.coordinatorToken);
    expect(res.status).toBe(200);
    const [header, row] = (res.body as string).trim().split('\r\n').map((line) => line.split(','));
    const cell = (name: string) => row![header!.indexOf(name)];
    for (const name of ['health', 'held', 'value', 'openness', 'autonomy', 'responseRate', 'depth']) expect(cell(name), name).toBe('');
  });

  it('shows the numbers once both members answer enough, and lowering m to 2 is the floor', async () => {
    const lines = [6, 20, 34].map((day) => {
      const start = new Date(Date.parse('2026-01-01T10:00:00Z') + day * 86_400_000).toISOString();
      return {
        pairId: p.pairId, eventKey: `only-ana-${day}`, start, end: start,
        responses: [
          { participantId: p.ana.id, happened: true, value: 2, learned: true, openness: false, autonomy: 'did_it_for_me', topics: ['tools'] },
          { participantId: p.ben.id, happened: true, value: 4, learned: false, openness: true },
        ],
      };
    });
    expect((await importHistory(db(), p.programme.id, lines)).rejected).toEqual([]);
    const res = await call('GET', `/programmes/${p.programme.id}/pairs/${p.pairId}?asOf=${asOf}`, p.programme.coordinatorToken);
    expect(res.body.pair.metrics.value).toBeCloseTo((2 * 4 + 4 * 3) / 7 / 4 - 0.25);
    expect(res.body.pair.metrics.openness).toBeCloseTo(3 / 7);
    expect(res.body.pair.metrics.autonomy).toBeNull();
    expect(res.body.pair.withheld.autonomy).toMatch(/not enough answers yet/);
    // Each shown number carries its pooled n (7 value ratings, 7 openness answers); the withheld one none.
    expect(res.body.pair.n).toMatchObject({ value: 7, openness: 7 });
    expect(res.body.pair.n.autonomy).toBeUndefined();
    expect(res.body.sessions.every((s: { status: unknown }) => s.status === 'held')).toBe(true);
  });
});
