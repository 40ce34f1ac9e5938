// The rollup path (session columns and pair_months, read by the routes) must
// give exactly what the pure metrics give when applied to the raw responses.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cultureReport, dashboardReport, effectiveWeights, monthOf, pairDetailReport, tallySessions,
  type MemberAnswer, type PairInfo, type PairTally, type Person, type SessionRecord, type Window,
} from '../../../shared/metrics';
import { NOT_A_SESSION, type HealthWeights } from '../../../shared/schemas';
import { programmeCulture } from '../../../worker/analytics/culture';
import { pairDetail, programmeDashboard } from '../../../worker/analytics/dashboard';
import { cultureRange, dashboardWindow } from '../../../worker/analytics/window';
import { recordSession, submitResponse } from '../../../worker/domain/responses';
import { db } from '../api';
import { generateProgramme } from '../../../worker/dev/synthetic-programme';
import { loadProgramme, loadSessions, memberId, type Loaded } from './load';

const ASOF = '2026-01-15T00:00:00.000Z';
const WEIGHTS = { cadence: 0.3, autonomy: 0 };
const synthetic = generateProgramme({ seed: 20261123, pairs: 220, startDate: '2023-01-01', endDate: ASOF, emailDomain: 'gen.test' });
const generated = { participants: synthetic.participants, pairs: synthetic.pairs, sessions: [...synthetic.history()] };
let loaded: Loaded;

/** Everything the pure path needs, read from the source tables (responses, not the rollups). */
async function fromResponses(programmeId: string) {
  const [programme, pairRows, peopleRows, sessionRows, responseRows] = await db().batch<any>([
    db().prepare('SELECT id, name, k_anonymity FROM programmes WHERE id = ?').bind(programmeId),
    db().prepare('SELECT * FROM pairs WHERE programme_id = ?').bind(programmeId),
    db().prepare('SELECT * FROM participants WHERE programme_id = ?').bind(programmeId),
    db().prepare('SELECT id, pair_id, start_at, a_asked, b_asked FROM sessions WHERE programme_id = ?').bind(programmeId),
    db().prepare('SELECT r.* FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.programme_id = ?').bind(programmeId),
  ]);
  const pairs: PairInfo[] = pairRows!.results.map((r: any) => ({
    id: r.id, aId: r.a_id, bId: r.b_id, mentorId: r.mentor_id, cohort: r.cohort, startsOn: r.starts_on, endsOn: r.ends_on, cadenceDays: r.cadence_days,
  }));
  const people = new Map<string, Person>(peopleRows!.results.map((r: any) => [r.id, { id: r.id, displayName: r.display_name, function: r.function, region: r.region, generation: r.generation }]));
  const byId = new Map(pairs.map((p) => [p.id, p]));
  const answers = new Map<string, Map<string, MemberAnswer>>();
  // shared/metrics/README.md: a "not a mentoring session" answer (happened = 2) is no answer about
  // the session, and a session with one and no "it happened" counts nowhere.
  const disowned = new Set<string>((responseRows!.results as any[]).filter((r) => r.happened === 2).map((r) => r.session_id));
  const heldSessions = new Set<string>((responseRows!.results as any[]).filter((r) => r.happened === 1).map((r) => r.session_id));
  for (const r of responseRows!.results as any[]) {
    if (r.happened === 2) continue;
    const forSession = answers.get(r.session_id) ?? new Map<string, MemberAnswer>();
    answers.set(r.session_id, forSession);
    const yesNo = (x: number | null) => (x === null ? null : x === 1);
    forSession.set(r.participant_id, { happened: r.happened === 1, value: r.value, learned: yesNo(r.learned), openness: yesNo(r.openness), autonomy: r.autonomy, topics: r.topics });
  }
  const counted = sessionRows!.results.filter((s: any) => !disowned.has(s.id) || heldSessions.has(s.id));
  const sessions: SessionRecord[] = counted.map((s: any) => {
    const pair = byId.get(s.pair_id)!;
    const own = answers.get(s.id);
    // The not-asked marks are source data of their own (POST /sessions with asked: false).
    return { pairId: s.pair_id, start: s.start_at, a: own?.get(pair.aId) ?? null, b: own?.get(pair.bId) ?? null, aAsked: s.a_asked === 1, bAsked: s.b_asked === 1 };
  });
  const monthly = new Map<string, Map<string, PairTally>>();
  const grouped = new Map<string, SessionRecord[]>();
  for (const s of sessions) {
    const key = `${s.pairId} ${monthOf(Date.parse(s.start))}`;
    grouped.set(key, [...(grouped.get(key) ?? []), s]);
  }
  for (const [key, ss] of grouped) {
    const [pairId, month] = key.split(' ') as [string, string];
    const months = monthly.get(pairId) ?? new Map<string, PairTally>();
    monthly.set(pairId, months);
    months.set(month, tallySessions(ss));
  }
  const p = programme!.results[0];
  const info = { id: p.id, name: p.name, kAnonymity: p.k_anonymity, weights: WEIGHTS as HealthWeights };
  return { programme: info, pairs, people, sessions, monthly };
}

/** Deep equality with floats compared to 1e-9. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') throw new Error(`${path}: ${JSON.stringify(actual)} ≠ object`);
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of keys) expectClose((actual as any)[k], (expected as any)[k], `${path}.${k}`);
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

beforeAll(async () => {
  loaded = await loadProgramme('Crosscheck', generated, { kAnonymity: 3, weights: WEIGHTS });
  await loadSessions(loaded, generated.pairs, generated.sessions);
  await disownSome(loaded);
  await markSomeNotAsked(loaded);
}, 120_000);

/**
 * Every 7th session: member b's extension reports it as not asked about, through the
 * live report path (shared/metrics/README.md, "Not asked"), whether or not b answered.
 */
const NOT_ASKED_EVERY = 7;
async function markSomeNotAsked(programme: Loaded) {
  for (const [index, s] of generated.sessions.entries()) {
    if (index % NOT_ASKED_EVERY !== 3) continue;
    const pair = generated.pairs[s.pair]!;
    const member = { programmeId: programme.programmeId, participantId: memberId(programme, pair, index % 2 ? 'a' : 'b') };
    const input = { pairId: programme.pairIds[s.pair]!, eventKey: s.eventKey, start: s.start, end: s.end, asked: false };
    await recordSession(db(), member, input, new Date(Date.parse(s.end) + 3_600_000));
  }
}

/** Every 13th session: member a says it was no mentoring session, through the live answer path. */
const DISOWNED_EVERY = 13;
async function disownSome(programme: Loaded) {
  for (const [index, s] of generated.sessions.entries()) {
    if (index % DISOWNED_EVERY !== 0) continue;
    const pair = generated.pairs[s.pair]!;
    const member = { programmeId: programme.programmeId, participantId: memberId(programme, pair, 'a') };
    const input = {
      pairId: programme.pairIds[s.pair]!, eventKey: s.eventKey, start: s.start, end: s.end,
      happened: NOT_A_SESSION, answeredAt: new Date(Date.parse(s.end) + 60_000).toISOString(),
    } as const;
    await submitResponse(db(), member, crypto.randomUUID(), input, new Date(Date.parse(s.end) + 3_600_000));
  }
}

describe('rollups against raw responses', () => {
  it('generated a varied programme', async () => {
    expect(generated.pairs.length).toBeGreaterThanOrEqual(200);
    expect(generated.sessions.length).toBeGreaterThan(2000);
    const { sessions } = await fromResponses(loaded.programmeId);
    const stored = await db().prepare('SELECT SUM(not_a_session) AS n FROM sessions WHERE programme_id = ?').bind(loaded.programmeId).first<{ n: number }>();
    // Disowned sessions the partner answered as held still count; the others count nowhere.
    expect(stored!.n).toBeGreaterThan(50);
    expect(stored!.n).toBeLessThan(generated.sessions.length / DISOWNED_EVERY);
    expect(sessions.length).toBe(generated.sessions.length - stored!.n);
    expect(effectiveWeights(WEIGHTS).cadence).toBe(0.3);
    // Some marked sessions were answered by nobody: they are "held, not asked".
    const quiet = sessions.filter((x) => x.a === null && x.b === null && (x.aAsked === false || x.bAsked === false));
    expect(quiet.length).toBeGreaterThan(5);
  });

  const windows: [string, Record<string, string>][] = [
    ['the default window', { asOf: ASOF }],
    ['a window inside the history', { asOf: ASOF, from: '2024-03-15T00:00:00.000Z', to: '2024-07-10T00:00:00.000Z' }],
    ['a long window', { asOf: '2025-06-30T00:00:00.000Z', from: '2024-07-01T00:00:00.000Z' }],
  ];
  const flagsSeen = new Set<string>();

  it.each(windows)('dashboard: %s', async (_, query) => {
    const window: Window = dashboardWindow(query, new Date('2026-01-15T12:00:00.000Z'));
    const viaRollups = (await programmeDashboard(db(), loaded.programmeId, window)).body;
    const viaResponses = dashboardReport({ ...(await fromResponses(loaded.programmeId)), window });
    expectClose(viaRollups, viaResponses);
    expect(viaRollups.pairs.length).toBeGreaterThan(20);
    for (const month of viaRollups.months) for (const [flag, n] of Object.entries(month.flagCounts)) if (n > 0) flagsSeen.add(flag);
  });

  it('saw the patterns it generated', () => {
    expect([...flagsSeen].sort()).toEqual(expect.arrayContaining(['diverging', 'guarded', 'helpline', 'lapsed', 'one_sided', 'silent']));
  });

  it('pair detail for a sample of pairs', async () => {
    const window: Window = dashboardWindow({ asOf: ASOF, from: '2025-06-01T00:00:00.000Z' }, new Date(ASOF));
    const pure = await fromResponses(loaded.programmeId);
    for (const pairId of loaded.pairIds.filter((_, i) => i % 20 === 0)) {
      const viaRollups = (await pairDetail(db(), loaded.programmeId, pairId, window)).body;
      const pair = pure.pairs.filter((p) => p.id === pairId);
      const viaResponses = pairDetailReport({ ...pure, pairs: pair, window });
      // The tips the pair was shown come from pair_tips_shown, not from its answers: none here.
      const { tipsShown, ...figures } = viaRollups.pair;
      expect(tipsShown).toEqual([]);
      expectClose({ ...viaRollups, pair: figures }, viaResponses);
    }
  });

  it.each([
    ['year', null],
    ['year', 'function'],
    ['quarter', 'cohort'],
    ['quarter', 'region'],
  ] as const)('culture by %s, segmented by %s', async (period, by) => {
    const range = cultureRange({ asOf: Date.parse(ASOF), period, ...(by ? { by } : {}) }, 'sponsor');
    const viaRollups = (await programmeCulture(db(), loaded.programmeId, range)).body;
    const pure = await fromResponses(loaded.programmeId);
    const viaResponses = cultureReport({ ...pure, ...range, k: 3, weights: WEIGHTS });
    expectClose({ periods: viaRollups.periods, segments: viaRollups.segments }, viaResponses);
    expect(viaRollups.periods.filter((p) => !p.suppressed).length).toBeGreaterThan(2);
    for (const cell of [...viaRollups.periods, ...viaRollups.segments]) if (!cell.suppressed) expect(cell.pairsActive).toBeGreaterThanOrEqual(3);
    if (by === 'cohort') expect(viaRollups.segments.some((s) => s.suppressed)).toBe(true);
  });
});
