// The analytics routes over HTTP: who may call them, the shapes, Server-Timing and the CSV format.
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../../worker/domain/history';
import { ADMIN, call, db, pairedProgramme } from '../api';

type Programme = Awaited<ReturnType<typeof pairedProgramme>>;
let p: Programme;
let other: Programme;
const asOf = '2026-03-01T00:00:00.000Z';

beforeAll(async () => {
  p = await pairedProgramme('Analytics');
  other = await pairedProgramme('Analytics other');
  const lines = [5, 19, 33, 47].map((day) => {
    const start = new Date(Date.parse('2026-01-01T10:00:00Z') + day * 86_400_000).toISOString();
    return {
      pairId: p.pairId, eventKey: `weekly-${day}`, start, end: start,
      responses: [
        { participantId: p.ana.id, happened: true, value: 5, learned: true, openness: true, topics: ['strategy'] },
        { participantId: p.ben.id, happened: true, value: 4, learned: true, openness: true, autonomy: 'i_can_now' },
      ],
    };
  });
  const report = await importHistory(db(), p.programme.id, lines);
  expect(report.rejected).toEqual([]);
});

const routes = () => {
  const pid = p.programme.id;
  return {
    dashboard: `/programmes/${pid}/dashboard?asOf=${asOf}`,
    pair: `/programmes/${pid}/pairs/${p.pairId}?asOf=${asOf}`,
    culture: `/programmes/${pid}/culture?asOf=${asOf}`,
    pairsCsv: `/programmes/${pid}/export.csv?kind=pairs&asOf=${asOf}`,
    periodsCsv: `/programmes/${pid}/export.csv?kind=periods&asOf=${asOf}`,
  };
};
type RouteName = keyof ReturnType<typeof routes>;

describe('access', () => {
  const who = (name: string): string | null => {
    switch (name) {
      case 'coordinator': return p.programme.coordinatorToken;
      case 'sponsor': return p.programme.sponsorToken;
      case 'participant': return p.anaToken;
      case 'other programme': return other.programme.coordinatorToken;
      case 'admin': return ADMIN;
      default: return null;
    }
  };
  const expected: Record<string, Record<RouteName, number>> = {
    coordinator: { dashboard: 200, pair: 200, culture: 200, pairsCsv: 200, periodsCsv: 200 },
    sponsor: { dashboard: 403, pair: 403, culture: 200, pairsCsv: 403, periodsCsv: 200 },
    participant: { dashboard: 403, pair: 403, culture: 403, pairsCsv: 403, periodsCsv: 403 },
    'other programme': { dashboard: 403, pair: 403, culture: 403, pairsCsv: 403, periodsCsv: 403 },
    admin: { dashboard: 403, pair: 403, culture: 403, pairsCsv: 403, periodsCsv: 403 },
    none: { dashboard: 401, pair: 401, culture: 401, pairsCsv: 401, periodsCsv: 401 },
  };
  for (const [caller, byRoute] of Object.entries(expected)) {
    it(`${caller}: ${JSON.stringify(byRoute)}`, async () => {
      for (const [route, status] of Object.entries(byRoute) as [RouteName, number][]) {
        const res = await call('GET', routes()[route], who(caller));
        expect({ route, status: res.status }).toEqual({ route, status });
        if (status >= 400) expect(res.body.error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
      }
    });
  }

  it('answers 404 for a pair of another programme, and 400 for a bad window', async () => {
    const token = p.programme.coordinatorToken;
    expect((await call('GET', `/programmes/${p.programme.id}/pairs/${other.pairId}`, token)).status).toBe(404);
    const bad = await call('GET', `/programmes/${p.programme.id}/dashboard?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(['from']);
    const notAnInstant = await call('GET', `/programmes/${p.programme.id}/culture?asOf=yesterday`, token);
    expect(notAnInstant.status).toBe(400);
    expect(notAnInstant.body.error.issues[0].path).toEqual(['asOf']);
    expect((await call('GET', `/programmes/${p.programme.id}/export.csv?kind=everything`, token)).status).toBe(400);
  });
});

const serverTiming = /d1;dur=[\d.]+;desc="(\d+) rows read", rows;desc="(\d+)".*total;dur=\d+/;

describe('shapes', () => {
  it('dashboard: programme, window, summary, months, pairs and atRisk', async () => {
    const res = await call('GET', routes().dashboard, p.programme.coordinatorToken);
    expect(res.headers.get('server-timing')).toMatch(serverTiming);
    const { body } = res;
    expect(body.programme).toEqual({ id: p.programme.id, name: 'Analytics', kAnonymity: 5, minAnswersPerMember: 3 });
    expect(body.window).toEqual({ from: '2025-12-01T00:00:00.000Z', to: asOf, asOf });
    expect(body.months.map((m: { month: string }) => m.month)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(body.summary).toMatchObject({ pairsEnrolled: 1, pairsActive: 1, participantsActive: 2, sessionsHeld: 4, sessionsMissed: 0 });
    expect(body.summary.responseRate).toMatchObject({ value: 1, n: 8 });
    expect(body.summary.health.histogram).toHaveLength(10);
    expect(Object.keys(body.summary.flagCounts).sort()).toEqual(['diverging', 'guarded', 'helpline', 'lapsed', 'one_sided', 'silent', 'tool_tutoring']);
    expect(body.summary.crossBoundary.function).toMatchObject({ value: 1, n: 1 });
    expect(body.pairs).toHaveLength(1);
    const pair = body.pairs[0];
    expect(pair).toMatchObject({ id: p.pairId, cohort: '2026', members: [{ id: p.ana.id, displayName: 'Ana Lima' }, { id: p.ben.id, displayName: 'Ben Okafor' }] });
    expect(Object.keys(pair.metrics).sort()).toEqual(['agreement', 'autonomy', 'cadence', 'depth', 'held', 'mutualLearning', 'openness', 'reciprocity', 'responseRate', 'value']);
    expect(pair.metrics.held).toBe(4);
    expect(pair.health).toBeGreaterThanOrEqual(75);
    expect(pair.status).toBe('thriving');
    expect(body.atRisk).toEqual([]);
  });

  it('pair detail: the pair with its set-up, months and a timeline without answers', async () => {
    const res = await call('GET', routes().pair, p.programme.coordinatorToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toMatch(serverTiming);
    expect(res.body.pair).toMatchObject({ id: p.pairId, mentorId: p.ana.id, startsOn: '2026-01-01', endsOn: null, cadenceDays: 14 });
    // Two answers from each member a month are fewer than the default 3, so no month shows its counts.
    expect(res.body.months.map((m: { month: string; held: number }) => [m.month, m.held])).toEqual([['2025-12', null], ['2026-01', null], ['2026-02', null]]);
    expect(res.body.months[1].withheld.held).toBe('not enough answers yet: needs at least 3 answers from each member');
    expect(res.body.sessions).toEqual(['2026-01-06', '2026-01-20', '2026-02-03', '2026-02-17'].map((d) => ({
      start: `${d}T10:00:00.000Z`, status: 'held',
    })));
    expect(JSON.stringify(res.body.sessions)).not.toMatch(/value|learned|openness|autonomy|topics/);
  });

  it('culture: suppresses a programme with fewer than k active pairs', async () => {
    const res = await call('GET', `${routes().culture}&by=function`, p.programme.sponsorToken);
    expect(res.headers.get('server-timing')).toMatch(serverTiming);
    expect(res.body).toMatchObject({ programme: { id: p.programme.id, kAnonymity: 5 }, period: 'year', by: 'function' });
    // Completed years only (2026 is still open on asOf), and no segment is named: every cell is hidden.
    expect(res.body.periods).toEqual([
      { period: '2023', suppressed: true }, { period: '2024', suppressed: true }, { period: '2025', suppressed: true },
    ]);
    expect(res.body.segments).toEqual([]);
    expect(JSON.stringify(res.body)).not.toMatch(/pairsActive/);
  });
});

describe('CSV', () => {
  it('is RFC 4180 with CRLF lines, and defuses cells that a spreadsheet would run', async () => {
    const token = p.programme.coordinatorToken;
    const evil = await call('POST', `/programmes/${p.programme.id}/participants`, token, {
      participants: [
        { displayName: '=HYPERLINK("http://x.test","click, me")', email: 'evil@analytics.test' },
        { displayName: '@SUM(1+1)', email: 'evil2@analytics.test' },
      ],
    });
    const [e1, e2] = evil.body.participants;
    await call('POST', `/programmes/${p.programme.id}/pairs`, token, { a: e1.id, b: e2.id, cohort: '+cmd', startsOn: '2026-02-01' });
    const res = await call('GET', routes().pairsCsv, token);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('server-timing')).toMatch(serverTiming);
    const text = res.body as string;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""click, me"")"`);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header!.slice(0, 6)).toEqual(['pair_id', 'cohort', 'member_a', 'member_b', 'status', 'health']);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    const evilRow = rows.find((r) => r[2]!.includes('HYPERLINK'))!;
    expect(evilRow.slice(1, 4)).toEqual(["'+cmd", `'=HYPERLINK("http://x.test","click, me")`, "'@SUM(1+1)"]);
    const mine = rows.find((r) => r[0] === p.pairId)!;
    expect(mine[4]).toBe('thriving');
    expect(Number(mine[6])).toBe(4); // held
  });

  it('exports the culture periods for sponsors, suppressed cells without numbers', async () => {
    const res = await call('GET', routes().periodsCsv, p.programme.sponsorToken);
    expect(res.status).toBe(200);
    const parsed = Papa.parse<string[]>((res.body as string).trimEnd(), { newline: '\r\n' });
    expect(parsed.data[0]!.slice(0, 4)).toEqual(['period', 'segment', 'suppressed', 'pairs_active']);
    expect(parsed.data.slice(1).map((r) => r.slice(0, 4))).toEqual([['2023', '', 'true'], ['2024', '', 'true'], ['2025', '', 'true']]);
  });
});
