// The subtraction attacker, for real: over random programmes, send every kind
// of culture request a sponsor or a coordinator may send (both grains, every
// segmentation, many ranges and asOf days, the coordinator's open period, and
// the periods CSV), collect every published number with the linear relations
// that hold between cells, and check that no hidden cell is determined.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  addTallies, cultureReport, DAY_MS, monthOf, periodAt, periodOfLabel, periodsBetween, SEGMENTATIONS, tallySessions,
  type CulturePeriod, type PairInfo, type PairTally, type PeriodKind, type Person, type Segmentation, type SessionRecord,
} from '../../../shared/metrics';
import { periodsCsv } from '../../../worker/analytics/csv';
import { cultureRange, lastCompleted, type CultureRange } from '../../../worker/analytics/window';
import { pair } from './build';
import { determined } from './linear';

const START = Date.parse('2024-01-01T00:00:00.000Z');
const TODAY = Date.parse('2027-02-15T00:00:00.000Z');
const SPAN_DAYS = Math.round((TODAY - START) / DAY_MS);
const day = (n: number) => new Date(START + n * DAY_MS).toISOString().slice(0, 10);

// ----- random programmes -----
const programmeArb = fc.record({
  people: fc.array(fc.record({
    function: fc.constantFrom('eng', 'sales', 'ops', ''),
    region: fc.constantFrom('EU', 'US', ''),
    generation: fc.constantFrom('genz', 'boomer', ''),
  }), { minLength: 3, maxLength: 12 }),
  pairs: fc.array(fc.record({ a: fc.nat(11), b: fc.nat(11), startDay: fc.nat(SPAN_DAYS - 1), cohort: fc.constantFrom('c1', 'c2', 'c3', ''), mentored: fc.boolean() }), { minLength: 1, maxLength: 14 }),
  sessions: fc.array(fc.record({ pair: fc.nat(13), offset: fc.nat(500), openness: fc.option(fc.boolean()), learned: fc.boolean(), topics: fc.integer({ min: 0, max: 63 }) }), { maxLength: 70 }),
  k: fc.integer({ min: 2, max: 4 }),
});
type Generated = typeof programmeArb extends fc.Arbitrary<infer T> ? T : never;

interface Programme {
  pairs: PairInfo[];
  people: Map<string, Person>;
  sessions: SessionRecord[];
  monthly: Map<string, Map<string, PairTally>>;
  k: number;
}

function build(g: Generated): Programme {
  const people = new Map<string, Person>(g.people.map((p, i) => [`u${i}`, { id: `u${i}`, displayName: `u${i}`, ...p }]));
  const pairs = g.pairs
    .map((p, i) => ({ ...p, i, a: p.a % g.people.length, b: p.b % g.people.length }))
    .filter((p) => p.a !== p.b)
    .map((p) => pair({ id: `p${p.i}`, aId: `u${p.a}`, bId: `u${p.b}`, mentorId: p.mentored ? `u${p.a}` : null, cohort: p.cohort, startsOn: day(p.startDay) }));
  const sessions: SessionRecord[] = [];
  for (const s of g.sessions) {
    const p = pairs[s.pair % Math.max(1, pairs.length)];
    if (!p) continue;
    const start = Date.parse(`${p.startsOn}T10:00:00.000Z`) + s.offset * DAY_MS;
    if (start >= TODAY) continue;
    const answer = { happened: true, value: 4, learned: s.learned, openness: s.openness, autonomy: null, topics: s.topics };
    sessions.push({ pairId: p.id, start: new Date(start).toISOString(), a: answer, b: { ...answer, openness: null } });
  }
  const monthly = new Map<string, Map<string, PairTally>>();
  for (const s of sessions) {
    const months = monthly.get(s.pairId) ?? new Map<string, PairTally>();
    monthly.set(s.pairId, months);
    const month = monthOf(Date.parse(s.start));
    const one = tallySessions([s]);
    months.set(month, months.has(month) ? addTallies(months.get(month)!, one) : one);
  }
  return { pairs, people, sessions, monthly, k: g.k };
}

// ----- the cells, as the attacker models them -----
type CellId = string; // grain|by|period|segment  (segment '' = total, '#' = the remainder, never published)
const cellId = (grain: PeriodKind, by: Segmentation | null, period: string, segment: string) => `${grain}|${by ?? '-'}|${period}|${segment}`;
const segmentsOf = (p: PairInfo, people: Map<string, Person>, by: Segmentation) =>
  [...new Set((by === 'cohort' ? [p.cohort] : [people.get(p.aId)![by], people.get(p.bId)![by]]).filter((v) => v !== ''))];

/** Every cell with its true size, computed here from the raw sessions (not by the code under test). */
function universe(prog: Programme, asOf: number) {
  const cells = new Map<CellId, { activePairs: number; empty: boolean; members: PairInfo[]; grain: PeriodKind; period: string; segment: string; by: Segmentation | null }>();
  const groups: { grain: PeriodKind; period: string; by: Segmentation; values: string[] }[] = [];
  for (const grain of ['year', 'quarter'] as const) {
    for (const period of periodsBetween(grain, START, asOf)) {
      const known = Math.min(period.end, asOf);
      const add = (by: Segmentation | null, segment: string, members: PairInfo[]) => {
        const held = new Set(prog.sessions.filter((s) => { const t = Date.parse(s.start); return t >= period.start && t < period.end; }).map((s) => s.pairId));
        const active = members.filter((p) => held.has(p.id)).length;
        const started = members.some((p) => { const t = Date.parse(`${p.startsOn}T00:00:00Z`); return t >= period.start && t < known; });
        cells.set(cellId(grain, by, period.key, segment), { activePairs: active, empty: active === 0 && !started, members, grain, period: period.key, segment, by });
      };
      add(null, '', prog.pairs);
      for (const by of SEGMENTATIONS) {
        const values = [...new Set(prog.pairs.flatMap((p) => segmentsOf(p, prog.people, by)))].sort();
        for (const v of values) add(by, v, prog.pairs.filter((p) => segmentsOf(p, prog.people, by).includes(v)));
        add(by, '#', prog.pairs.filter((p) => segmentsOf(p, prog.people, by).length === 0));
        groups.push({ grain, period: period.key, by, values: [...values, '#'] });
      }
    }
  }
  return { cells, groups };
}

/**
 * The linear relations between cells, for the additive fields (newPairs, and
 * each rate's numerator and n): a period's total is the sum of its parts (for
 * overlapping segmentations, up to a correction the attacker is granted), and
 * a year is the sum of its quarters, cell by cell.
 */
function relations(u: ReturnType<typeof universe>): Map<CellId, number>[] {
  const rows: Map<CellId, number>[] = [];
  for (const g of u.groups) {
    const row = new Map<CellId, number>([[cellId(g.grain, null, g.period, ''), 1]]);
    for (const v of g.values) row.set(cellId(g.grain, g.by, g.period, v), -1);
    rows.push(row);
  }
  for (const [id, cell] of u.cells) {
    if (cell.grain !== 'year') continue;
    const row = new Map<CellId, number>([[id, 1]]);
    for (const q of periodsBetween('quarter', Date.UTC(Number(cell.period), 0, 1), Date.UTC(Number(cell.period) + 1, 0, 1))) {
      const qid = cellId('quarter', cell.by, q.key, cell.segment);
      if (u.cells.has(qid)) row.set(qid, -1);
    }
    rows.push(row);
  }
  return rows;
}

// ----- the requests -----
interface Request { viewer: 'sponsor' | 'coordinator'; asOf: number; period: PeriodKind; by: Segmentation | null; fromPeriod: string; toPeriod: string }

function allowedRequests(rng: () => number): Request[] {
  const requests: Request[] = [];
  const asOfs = [TODAY, TODAY - 200 * DAY_MS, Date.parse('2026-01-05T00:00:00Z')];
  for (const period of ['year', 'quarter'] as const) {
    const labels = periodsBetween(period, START, TODAY).map((p) => p.key);
    for (const by of [null, ...SEGMENTATIONS]) {
      for (const viewer of ['sponsor', 'coordinator'] as const) {
        for (const asOf of asOfs) {
          // A few ranges each: the longest allowed, and random sub-ranges.
          const openToo = viewer === 'coordinator' && asOf === TODAY;
          const last = openToo ? labels.length - 1 : labels.indexOf(lastCompleted(period, asOf).key);
          for (let n = 0; n < 3; n++) {
            const to = n === 0 ? last : Math.floor(rng() * (last + 1));
            const from = n === 0 ? 0 : Math.floor(rng() * (to + 1));
            requests.push({ viewer, asOf, period, by, fromPeriod: labels[from]!, toPeriod: labels[to]! });
          }
        }
      }
    }
  }
  return requests;
}

/** The request as the route would take it: refused ones (open periods for sponsors, over 10 years) are skipped. */
function rangeOf(r: Request): CultureRange | null {
  try {
    return cultureRange({ asOf: r.asOf, period: r.period, ...(r.by ? { by: r.by } : {}), fromPeriod: r.fromPeriod, toPeriod: r.toPeriod }, r.viewer, new Date(TODAY + 3_600_000));
  } catch {
    return null;
  }
}

/** The published cells of one response: the JSON, and the CSV read back. */
function publishedCells(prog: Programme, range: CultureRange): { json: CulturePeriod[]; csvRows: string[][] } {
  const report = cultureReport({ pairs: prog.pairs, people: prog.people, monthly: prog.monthly, k: prog.k, ...range });
  const parsed = Papa.parse<string[]>(periodsCsv(report).trimEnd(), { newline: '\r\n' });
  return { json: [...report.periods, ...report.segments], csvRows: parsed.data.slice(1) };
}

function attack(prog: Programme, rng: () => number) {
  const seen = new Map<CellId, string>(); // what was published for a cell, to compare across requests
  const shown = new Set<CellId>();
  const csvSeen = new Map<CellId, string>();
  const grainOf = new Map<CellId, PeriodKind>();
  let answered = 0;
  for (const request of allowedRequests(rng)) {
    const range = rangeOf(request);
    if (!range) continue;
    answered++;
    const { json, csvRows } = publishedCells(prog, range);
    for (const c of json) {
      const id = cellId(range.period, c.segment === undefined ? null : range.by, c.period, c.segment ?? '');
      const text = JSON.stringify(c);
      // The same cell is hidden or shown, with the same numbers, in every response.
      if (seen.has(id)) expect(text, id).toBe(seen.get(id));
      seen.set(id, text);
      grainOf.set(id, range.period);
      if (!c.suppressed) {
        shown.add(id);
        expect(c.pairsActive, id).toBeGreaterThanOrEqual(prog.k);
      }
    }
    // No segment value is named unless one of its cells in this response is shown.
    for (const value of new Set(json.filter((c) => c.segment !== undefined).map((c) => c.segment))) {
      expect(json.some((c) => c.segment === value && !c.suppressed), `segment ${value} named only in hidden cells`).toBe(true);
    }
    // The CSV is a view of the JSON: the same cells, shown or hidden alike.
    expect(csvRows.length).toBe(json.length);
    for (const row of csvRows) {
      const id = cellId(range.period, row[1] ? range.by : null, row[0]!, row[1] ?? '');
      const text = row.join(',');
      if (csvSeen.has(id)) expect(text, id).toBe(csvSeen.get(id));
      csvSeen.set(id, text);
      expect(row[2] === 'false', id).toBe(shown.has(id));
    }
  }
  expect(answered).toBeGreaterThan(20);
  return { seen, shown };
}

function derivedFollowInputs(prog: Programme, seen: Map<CellId, string>, shown: Set<CellId>) {
  const firstDay = Math.min(...prog.pairs.map((p) => Date.parse(`${p.startsOn}T00:00:00Z`)));
  for (const [id, text] of seen) {
    const c = JSON.parse(text) as CulturePeriod;
    if (c.suppressed) continue;
    const [grain, by, period, segment] = id.split('|') as [PeriodKind, string, string, string];
    const before = periodAt(grain, periodOfLabel(period)!.period.start - 1);
    const priorId = `${grain}|${by}|${before.key}|${segment}`;
    if (c.previous === null) {
      expect(periodAt(grain, firstDay).key, `${id} claims no earlier period`).toBe(period);
      continue;
    }
    expect(c.previous.period).toBe(before.key);
    // A previous cell that was never published at all (an unnamed value) is hidden too.
    expect(c.previous.suppressed, id).toBe(!shown.has(priorId));
    if (c.previous.suppressed) {
      expect(c.retention, id).toBeNull();
      expect(c.change, id).toEqual({ mutualLearningRate: null, opennessRate: null, depthRate: null });
    }
  }
}

describe('the subtraction attacker', () => {
  it('solves no hidden cell from any combination of allowed culture requests', () => {
    let hiddenSeen = 0;
    fc.assert(fc.property(programmeArb, fc.integer(), (g, seed) => {
      const prog = build(g);
      let state = seed >>> 0;
      const rng = () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
      const { seen, shown } = attack(prog, rng);
      derivedFollowInputs(prog, seen, shown);
      const u = universe(prog, TODAY);
      // Known to the attacker: every shown cell, and every empty cell (an empty cell is no cover).
      const unknown = new Set([...u.cells].filter(([id, c]) => !shown.has(id) && !c.empty).map(([id]) => id));
      const solved = determined(relations(u), unknown);
      // Hidden cells that must stay unknown: every hidden published cell, and any unpublished one (a remainder, an unnamed value) under k.
      const secret = [...unknown].filter((id) => seen.has(id) || u.cells.get(id)!.activePairs < prog.k);
      hiddenSeen += secret.length;
      for (const id of secret) expect(solved.has(id), `hidden cell ${id} is determined by subtraction`).toBe(false);
    }), { numRuns: 60, endOnFailure: true }); // no shrinking: each run sends hundreds of requests
    expect(hiddenSeen).toBeGreaterThan(100);
  }, 120_000);

  it('the exact check finds the cell that one hidden part beside a shown total gives away', () => {
    const rows = [new Map([['T', 1], ['a', -1], ['b', -1], ['c', -1]])];
    expect([...determined(rows, new Set(['b']))]).toEqual(['b']);
    expect([...determined(rows, new Set(['b', 'c']))]).toEqual([]);
    // Two cycles of hidden cells joined by one (y): every line holds two or
    // more hidden cells, yet y is fixed, so a per-line rule alone is not proof.
    const lines = [['p', 's', 'y'], ['p', 'q'], ['q', 'r'], ['r', 's'], ['t', 'w'], ['t', 'u', 'y'], ['u', 'v'], ['v', 'w']]
      .map((ids) => new Map(ids.map((id) => [id, 1])));
    const solved = determined(lines, new Set(['p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'y']));
    expect([...solved]).toEqual(['y']);
  });
});
