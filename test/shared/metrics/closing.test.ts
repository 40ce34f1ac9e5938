// Closing answers in the culture view (shared/metrics/README.md, "Closing";
// SECURITY.md, "Sponsor culture"): worked examples, then the subtraction
// attacker over random programmes, every grain, segmentation, range and asOf.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addTallies, cultureReport, DAY_MS, isCompleted, monthOf, periodsBetween, SEGMENTATIONS, tallySessions,
  type ClosingAnswer, type ClosingCell, type CulturePeriod, type PairInfo, type PairTally, type PeriodKind, type Person, type Segmentation, type SessionRecord,
} from '../../../shared/metrics';
import { CLOSING_AGAIN, CLOSING_CHANGES, type ClosingChange } from '../../../shared/vocabulary';
import { answer, pair } from './build';
import { determined } from './linear';

const mask = (...chips: ClosingChange[]) => chips.reduce((m, c) => m | (1 << CLOSING_CHANGES.indexOf(c)), 0);
const closing = (pairId: string, again: ClosingAnswer['again'], ...chips: ClosingChange[]): ClosingAnswer => ({ pairId, again, changedMask: mask(...chips) });

function monthlyOf(sessions: readonly SessionRecord[]): Map<string, Map<string, PairTally>> {
  const monthly = new Map<string, Map<string, PairTally>>();
  for (const s of sessions) {
    const months = monthly.get(s.pairId) ?? new Map<string, PairTally>();
    monthly.set(s.pairId, months);
    const month = monthOf(Date.parse(s.start));
    const one = tallySessions([s]);
    months.set(month, months.has(month) ? addTallies(months.get(month)!, one) : one);
  }
  return monthly;
}

const person = (id: string, fn = ''): Person => ({ id, displayName: id, function: fn, region: '', generation: '' });
const held = (pairId: string, day: string): SessionRecord => ({ pairId, start: `${day}T10:00:00.000Z`, a: answer({ learned: true }), b: answer({ learned: true }) });

/** n pairs of two people of function `fn`, started 2025-01-06, each with a session on `sessionDay` and ending on `endsOn`. */
function pairsOf(prefix: string, n: number, fn: string, endsOn: string | null, sessionDay = '2025-05-05') {
  const pairs = Array.from({ length: n }, (_, i) => pair({ id: `${prefix}${i}`, aId: `${prefix}${i}a`, bId: `${prefix}${i}b`, startsOn: '2025-01-06', endsOn }));
  return {
    pairs,
    people: pairs.flatMap((p) => [person(p.aId, fn), person(p.bId, fn)]),
    // A session in the first quarter too, so that the pairs' start leaves no hidden cell there.
    sessions: pairs.flatMap((p) => [held(p.id, '2025-02-03'), held(p.id, sessionDay)]),
  };
}

function report(groups: ReturnType<typeof pairsOf>[], answers: ClosingAnswer[], k: number, period: PeriodKind, by: Segmentation | null = null, asOf = Date.parse('2026-03-01T00:00:00Z')) {
  const pairs = groups.flatMap((g) => g.pairs);
  return cultureReport({
    pairs, people: new Map(groups.flatMap((g) => g.people).map((p) => [p.id, p])), monthly: monthlyOf(groups.flatMap((g) => g.sessions)),
    closing: answers, k, asOf, period, by, from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2026-01-01T00:00:00Z'),
  });
}

const cell = (cells: CulturePeriod[], period: string, segment?: string) => {
  const c = cells.find((x) => x.period === period && x.segment === segment);
  if (!c) throw new Error(`no cell ${period} ${segment}`);
  return c;
};
/** A cell's closing as the sponsor sees it: hidden along with a hidden cell. */
const closingOf = (c: CulturePeriod): ClosingCell => (c.suppressed ? { suppressed: true } : c.closing);

describe('closing answers per culture cell', () => {
  it('counts the pairs that ended in the period with a closing answer, and rates over their answers', () => {
    const ended = pairsOf('e', 4, 'eng', '2025-05-20');
    const answers = [
      closing('e0', 'yes', 'more_confident'), closing('e0', 'yes', 'new_network', 'new_skills'),
      closing('e1', 'maybe'), closing('e2', 'no', 'new_perspective'), closing('e3', 'yes', 'more_confident'),
    ];
    const quarters = report([ended], answers, 3, 'quarter');
    const q2 = closingOf(cell(quarters.periods, '2025-Q2'));
    expect(q2).toMatchObject({ suppressed: false, pairs: 4, again: { value: 3 / 5, n: 5 } });
    if (!q2 || q2.suppressed) throw new Error('shown');
    expect(Object.fromEntries(CLOSING_CHANGES.map((c) => [c, q2.changed[c]?.value]))).toEqual({
      more_confident: 2 / 5, new_network: 1 / 5, new_skills: 1 / 5, new_perspective: 1 / 5,
    });
    expect(q2.again!.low).toBeLessThan(0.6);
    expect(q2.again!.high).toBeGreaterThan(0.6);
    // No pair ended in the first quarter: nothing to show there.
    expect(closingOf(cell(quarters.periods, '2025-Q1'))).toEqual({ suppressed: true });
    // The year is the sum of its quarters.
    expect(closingOf(cell(report([ended], answers, 3, 'year').periods, '2025'))).toEqual(q2);
  });

  it('leaves out pairs without a closing answer, and answers of pairs that ended in another period', () => {
    const ended = pairsOf('e', 4, 'eng', '2025-05-20');
    const later = pairsOf('l', 3, 'eng', '2025-08-01', '2025-07-07');
    const answers = [closing('e0', 'yes'), closing('e1', 'yes'), closing('e2', 'no'), closing('l0', 'no'), closing('l1', 'no'), closing('l2', 'no')];
    const q2 = closingOf(cell(report([ended, later], answers, 3, 'quarter').periods, '2025-Q2'));
    expect(q2).toMatchObject({ suppressed: false, pairs: 3, again: { value: 2 / 3, n: 3 } });
  });

  it('hides a cell with k − 1 closing pairs, and a second part so that it cannot be had by subtraction', () => {
    // Six active pairs per function value, so every culture cell of the quarter is shown.
    const eng = pairsOf('e', 3, 'eng', '2025-05-20');
    const sales = pairsOf('s', 3, 'sales', null);
    const salesEnded = pairsOf('t', 2, 'sales', '2025-06-02');
    const answers = [...['e0', 'e1', 'e2', 't0', 't1'].map((id) => closing(id, 'yes'))];
    const byFunction = report([eng, sales, salesEnded], answers, 3, 'quarter', 'function');
    expect(cell(byFunction.segments, '2025-Q2', 'sales').suppressed).toBe(false);
    expect(cell(byFunction.segments, '2025-Q2', 'eng').suppressed).toBe(false);
    expect(closingOf(cell(byFunction.segments, '2025-Q2', 'sales'))).toEqual({ suppressed: true });
    expect(closingOf(cell(byFunction.segments, '2025-Q2', 'eng'))).toEqual({ suppressed: true });
    expect(closingOf(cell(byFunction.periods, '2025-Q2'))).toMatchObject({ suppressed: false, pairs: 5 });
  });

  it('hides closing wherever the cell itself is hidden, and a year whose quarter is hidden', () => {
    const spring = pairsOf('e', 4, 'eng', '2025-05-20');
    // Three pairs ended in Q3 without a session there: the Q3 cell has no active pair and is hidden.
    const summer = pairsOf('s', 3, 'eng', '2025-08-01');
    const answers = ['e0', 'e1', 'e2', 'e3', 's0', 's1', 's2'].map((id) => closing(id, 'yes'));
    const quarters = report([spring, summer], answers, 3, 'quarter');
    expect(cell(quarters.periods, '2025-Q3').suppressed).toBe(true);
    expect(closingOf(cell(quarters.periods, '2025-Q2'))).toMatchObject({ pairs: 4 });
    // The year's closing would be Q2 plus the hidden Q3: it is hidden, though the year's cell is shown.
    const year = cell(report([spring, summer], answers, 3, 'year').periods, '2025');
    expect(year.suppressed).toBe(false);
    expect(closingOf(year)).toEqual({ suppressed: true });
  });

  it('counts nothing for a period that is not completed yet', () => {
    const ended = pairsOf('e', 4, 'eng', '2025-12-01', '2025-11-03');
    const answers = ['e0', 'e1', 'e2', 'e3'].map((id) => closing(id, 'yes'));
    const early = report([ended], answers, 3, 'quarter', null, Date.parse('2026-01-05T00:00:00Z'));
    expect(closingOf(cell(early.periods, '2025-Q4'))).toEqual({ suppressed: true });
    const done = report([ended], answers, 3, 'quarter', null, Date.parse('2026-01-09T00:00:00Z'));
    expect(closingOf(cell(done.periods, '2025-Q4'))).toMatchObject({ pairs: 4 });
  });
});

// ----- the subtraction attacker -----
const START = Date.parse('2024-01-01T00:00:00.000Z');
const TODAY = Date.parse('2026-04-15T00:00:00.000Z');
const SPAN_DAYS = Math.round((TODAY - START) / DAY_MS);
const day = (n: number) => new Date(START + n * DAY_MS).toISOString().slice(0, 10);

const programmeArb = fc.record({
  people: fc.array(fc.record({ function: fc.constantFrom('eng', 'sales', ''), region: fc.constantFrom('EU', 'US', '') }), { minLength: 4, maxLength: 12 }),
  pairs: fc.array(fc.record({
    a: fc.nat(11), b: fc.nat(11), startDay: fc.nat(200), length: fc.option(fc.integer({ min: 30, max: SPAN_DAYS }), { freq: 4 }),
    cohort: fc.constantFrom('c1', 'c2', ''), sessionsEvery: fc.integer({ min: 20, max: 90 }),
    closing: fc.array(fc.record({ again: fc.constantFrom(...CLOSING_AGAIN), changedMask: fc.nat(15) }), { maxLength: 2 }),
  }), { minLength: 3, maxLength: 16 }),
  k: fc.integer({ min: 2, max: 4 }),
});
type Generated = typeof programmeArb extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated) {
  const people = new Map<string, Person>(g.people.map((p, i) => [`u${i}`, { id: `u${i}`, displayName: `u${i}`, generation: '', ...p }]));
  const generated = g.pairs.map((p, i) => ({ ...p, i, a: p.a % g.people.length, b: p.b % g.people.length })).filter((p) => p.a !== p.b);
  const pairs = generated.map((p) => pair({
    id: `p${p.i}`, aId: `u${p.a}`, bId: `u${p.b}`, cohort: p.cohort, startsOn: day(p.startDay),
    endsOn: p.length === null || p.startDay + p.length >= SPAN_DAYS ? null : day(p.startDay + p.length),
  }));
  const sessions: SessionRecord[] = [];
  const answers: ClosingAnswer[] = [];
  generated.forEach((g, i) => {
    const p = pairs[i]!;
    const last = p.endsOn ? Date.parse(`${p.endsOn}T00:00:00Z`) : TODAY;
    for (let t = Date.parse(`${p.startsOn}T10:00:00Z`); t < last; t += g.sessionsEvery * DAY_MS) sessions.push(held(p.id, new Date(t).toISOString().slice(0, 10)));
    if (p.endsOn) for (const c of g.closing) answers.push({ pairId: p.id, ...c });
  });
  return { pairs, people, sessions, answers, monthly: monthlyOf(sessions), k: g.k };
}
type Programme = ReturnType<typeof build>;

type CellId = string; // grain|by|period|segment ('' = total, '#' = remainder)
const cellId = (grain: PeriodKind, by: Segmentation | null, period: string, segment: string) => `${grain}|${by ?? '-'}|${period}|${segment}`;
const segmentsOf = (p: PairInfo, people: Map<string, Person>, by: Segmentation) =>
  [...new Set((by === 'cohort' ? [p.cohort] : [people.get(p.aId)![by], people.get(p.bId)![by]]).filter((v) => v !== ''))];

/** Every closing cell with its true number of closing pairs, computed here from the raw answers. */
function universe(prog: Programme, asOf: number) {
  const cells = new Map<CellId, number>();
  const rows: Map<CellId, number>[] = [];
  const answered = new Set(prog.answers.map((a) => a.pairId));
  for (const grain of ['year', 'quarter'] as const) {
    for (const period of periodsBetween(grain, START, asOf)) {
      const done = isCompleted(period, asOf);
      const closers = (members: PairInfo[]) => (done ? members.filter((p) => {
        const end = p.endsOn ? Date.parse(`${p.endsOn}T00:00:00Z`) : NaN;
        return answered.has(p.id) && end >= period.start && end < period.end;
      }).length : 0);
      cells.set(cellId(grain, null, period.key, ''), closers(prog.pairs));
      for (const by of SEGMENTATIONS) {
        const values = [...new Set(prog.pairs.flatMap((p) => segmentsOf(p, prog.people, by)))];
        const row = new Map<CellId, number>([[cellId(grain, null, period.key, ''), 1]]);
        for (const v of values) {
          cells.set(cellId(grain, by, period.key, v), closers(prog.pairs.filter((p) => segmentsOf(p, prog.people, by).includes(v))));
          row.set(cellId(grain, by, period.key, v), -1);
        }
        cells.set(cellId(grain, by, period.key, '#'), closers(prog.pairs.filter((p) => segmentsOf(p, prog.people, by).length === 0)));
        row.set(cellId(grain, by, period.key, '#'), -1);
        rows.push(row);
      }
    }
  }
  // A completed year is the sum of its quarters, cell by cell (one still running counts nothing).
  for (const id of cells.keys()) {
    const [grain, by, period, segment] = id.split('|') as [PeriodKind, string, string, string];
    if (grain !== 'year' || !isCompleted({ end: Date.UTC(Number(period) + 1, 0, 1) }, asOf)) continue;
    const row = new Map<CellId, number>([[id, 1]]);
    for (const q of periodsBetween('quarter', Date.UTC(Number(period), 0, 1), Date.UTC(Number(period) + 1, 0, 1))) {
      const qid = `quarter|${by}|${q.key}|${segment}`;
      if (cells.has(qid)) row.set(qid, -1);
    }
    rows.push(row);
  }
  return { cells, rows };
}

/** Every culture request a sponsor may send, by grain, segmentation and asOf: what each cell's closing publishes. */
function attack(prog: Programme) {
  const seen = new Map<CellId, string>();
  for (const asOf of [TODAY, TODAY - 40 * DAY_MS, TODAY - 200 * DAY_MS]) {
    for (const period of ['year', 'quarter'] as const) {
      const completed = periodsBetween(period, START, asOf).filter((p) => isCompleted(p, asOf));
      if (completed.length === 0) continue;
      for (const by of [null, ...SEGMENTATIONS]) {
        const body = cultureReport({
          pairs: prog.pairs, people: prog.people, monthly: prog.monthly, closing: prog.answers, k: prog.k, asOf, period, by,
          from: completed[0]!.start, to: completed[completed.length - 1]!.end,
        });
        for (const c of [...body.periods, ...body.segments]) {
          const id = cellId(period, c.segment === undefined ? null : by, c.period, c.segment ?? '');
          const text = JSON.stringify(c.suppressed ? null : c.closing);
          // The same cell says the same, whatever the request.
          if (seen.has(id)) expect(text, id).toBe(seen.get(id));
          seen.set(id, text);
        }
      }
    }
  }
  const shown = new Set([...seen].filter(([, text]) => text !== 'null' && !(JSON.parse(text) as { suppressed: boolean }).suppressed).map(([id]) => id));
  return { seen, shown };
}

describe('the closing subtraction attacker', () => {
  it('solves no hidden closing cell from any combination of culture requests', () => {
    let secrets = 0;
    let hiddenSeen = 0;
    fc.assert(fc.property(programmeArb, (g) => {
      const prog = build(g);
      const { seen, shown } = attack(prog);
      const u = universe(prog, TODAY);
      const shownIds = shown;
      for (const id of shownIds) expect(u.cells.get(id), `${id} is shown with fewer than k closing pairs`).toBeGreaterThanOrEqual(prog.k);
      // Known to the attacker: every shown cell and every empty one.
      const unknown = new Set([...u.cells].filter(([id, n]) => !shownIds.has(id) && n > 0).map(([id]) => id));
      const solved = determined(u.rows, unknown);
      // Must stay unknown: every cell with fewer than k closing pairs, published or not (a remainder, an unnamed
      // value). A cell hidden only because its culture cell is may be the sum of shown ones: that says nothing new.
      const secret = [...unknown].filter((id) => u.cells.get(id)! < prog.k);
      hiddenSeen += [...unknown].filter((id) => seen.has(id)).length;
      secrets += secret.length;
      for (const id of secret) expect(solved.has(id), `hidden closing cell ${id} is determined by subtraction`).toBe(false);
    }), { numRuns: 40, endOnFailure: true });
    expect(secrets).toBeGreaterThan(50);
    expect(hiddenSeen).toBeGreaterThan(50);
  }, 120_000);
});
