// The D1 reads behind the analytics routes: one statement per table, each
// bounded by the programme and, for session and month rows, by the window
// (indexes sessions_programme_start, sessions_pair_start and pair_months' key).
// Analytics never read the responses table; the culture view reads the closing answers of pair_checks.
import type { HealthWeights } from '../../shared/schemas';
import {
  tallyFromPairMonthRow, type MonthlyTallies, type PairInfo, type PairMonthRow, type PairTally, type Person,
  type ProgrammeInfo, type SessionRecord, type MemberAnswer, type ClosingAnswer,
} from '../../shared/metrics';
import type { D1Meter } from './timing';

interface ProgrammeRow { id: string; name: string; k_anonymity: number; weights: string | null; min_answers_per_member: number }
interface PairRow {
  id: string; a_id: string; b_id: string; mentor_id: string | null; cohort: string;
  starts_on: string; ends_on: string | null; cadence_days: number;
}
interface PersonRow { id: string; display_name: string; function: string; region: string; generation: string }
type Side = 'a' | 'b';
type SessionRow = { pair_id: string; start_at: string; a_asked: number; b_asked: number } & {
  [K in `${Side}_${'happened' | 'value' | 'learned' | 'openness' | 'autonomy' | 'topics'}`]: number | null;
};

const PROGRAMME = 'SELECT id, name, k_anonymity, weights, min_answers_per_member FROM programmes WHERE id = ?1';
const PAIR_COLUMNS = 'id, a_id, b_id, mentor_id, cohort, starts_on, ends_on, cadence_days';
const PROGRAMME_PAIRS = `SELECT ${PAIR_COLUMNS} FROM pairs WHERE programme_id = ?1 ORDER BY id`;
const ONE_PAIR = `SELECT ${PAIR_COLUMNS} FROM pairs WHERE programme_id = ?1 AND id = ?2`;
// Erased members' tombstones are kept: they stand in for the person in old pairs.
const PROGRAMME_PEOPLE = 'SELECT id, display_name, function, region, generation FROM participants WHERE programme_id = ?1';
const SOME_PAIRS = `SELECT ${PAIR_COLUMNS} FROM pairs WHERE programme_id = ?1 AND id IN (SELECT value FROM json_each(?2)) ORDER BY id`;
const SOME_PAIRS_PEOPLE = `SELECT id, display_name, function, region, generation FROM participants
  WHERE id IN (SELECT a_id FROM pairs WHERE programme_id = ?1 AND id IN (SELECT value FROM json_each(?2))
    UNION SELECT b_id FROM pairs WHERE programme_id = ?1 AND id IN (SELECT value FROM json_each(?2)))`;
const PAIR_PEOPLE = `SELECT id, display_name, function, region, generation FROM participants
  WHERE programme_id = ?1 AND id IN (?2, ?3)`;
const SESSION_COLUMNS = `pair_id, start_at, a_happened, a_value, a_learned, a_openness, a_autonomy, a_topics,
  b_happened, b_value, b_learned, b_openness, b_autonomy, b_topics, a_asked, b_asked`;
// A session a member called "not a mentoring session" (and nobody answered as held) counts nowhere.
const PROGRAMME_SESSIONS = `SELECT ${SESSION_COLUMNS} FROM sessions
  WHERE programme_id = ?1 AND start_at >= ?2 AND start_at < ?3 AND not_a_session = 0`;
const PAIR_SESSIONS = `SELECT ${SESSION_COLUMNS} FROM sessions
  WHERE pair_id = ?1 AND start_at >= ?2 AND start_at < ?3 AND not_a_session = 0`;
const PROGRAMME_MONTHS = `SELECT * FROM pair_months
  WHERE programme_id = ?1 AND month >= ?2 AND month <= ?3`;
const SOME_PAIRS_SESSIONS = `SELECT ${SESSION_COLUMNS} FROM sessions
  WHERE pair_id IN (SELECT value FROM json_each(?1)) AND start_at >= ?2 AND start_at < ?3 AND not_a_session = 0`;
const SOME_PAIRS_MONTHS = `SELECT * FROM pair_months
  WHERE programme_id = ?1 AND pair_id IN (SELECT value FROM json_each(?2)) AND month >= ?3 AND month <= ?4`;
const PAIR_MONTHS = `SELECT * FROM pair_months
  WHERE programme_id = ?1 AND pair_id = ?2 AND month >= ?3 AND month <= ?4`;

// Each pair's months summed by quarter in SQLite, keyed by the quarter's first
// month. Culture sums a pair's months into quarters and years; a quarter's total
// falls in the same quarter and year as its months, so the report is the same,
// from a third of the rows (README, "Performance").
const TALLY_SUMS = [
  'sessions', 'held', 'missed', 'responses', 'held_not_asked', 'not_asked_slots', 'a_value_sum', 'a_value_n', 'b_value_sum', 'b_value_n',
  'a_learned_yes', 'a_learned_n', 'b_learned_yes', 'b_learned_n', 'mutual_yes', 'mutual_n', 'openness_yes', 'openness_n',
  'autonomy_sum', 'autonomy_n', 'deep_sessions', 'topic_sessions', 'topic_tools', 'topic_ways_of_working', 'topic_strategy',
  'topic_customers_markets', 'topic_culture_perspectives', 'topic_career',
].map((column) => `SUM(${column}) AS ${column}`).join(', ');
const QUARTER_OF_MONTH = `substr(month, 1, 5) || printf('%02d', (CAST(substr(month, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1)`;
// Every pair_months column but month (shared/metrics/tally.ts reads them all), summed or latest.
const PROGRAMME_QUARTERS = `SELECT pair_id, ${QUARTER_OF_MONTH} AS quarter, ${TALLY_SUMS},
  MAX(last_held_at) AS last_held_at, MAX(last_held_not_asked_at) AS last_held_not_asked_at
  FROM pair_months WHERE programme_id = ?1 AND month >= ?2 AND month <= ?3
  GROUP BY pair_id, quarter`;

export const iso = (ms: number) => new Date(ms).toISOString();

function toProgramme(row: ProgrammeRow): ProgrammeInfo {
  let weights: HealthWeights | null = null;
  try {
    weights = row.weights ? (JSON.parse(row.weights) as HealthWeights) : null;
  } catch {
    weights = null; // an unreadable override falls back to the default weights (shared/metrics/README.md, "Health")
  }
  return { id: row.id, name: row.name, kAnonymity: row.k_anonymity, weights, minAnswersPerMember: row.min_answers_per_member };
}

function toPair(row: PairRow): PairInfo {
  return {
    id: row.id, aId: row.a_id, bId: row.b_id, mentorId: row.mentor_id, cohort: row.cohort,
    startsOn: row.starts_on, endsOn: row.ends_on, cadenceDays: row.cadence_days,
  };
}

function toPeople(rows: PersonRow[]): Map<string, Person> {
  return new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.display_name, function: r.function, region: r.region, generation: r.generation }]));
}

const bool = (x: number | null) => (x === null ? null : x === 1);

function answerOf(row: SessionRow, side: Side): MemberAnswer | null {
  const happened = row[`${side}_happened`];
  if (happened === null) return null;
  return {
    happened: happened === 1,
    value: row[`${side}_value`],
    learned: bool(row[`${side}_learned`]),
    openness: bool(row[`${side}_openness`]),
    autonomy: row[`${side}_autonomy`],
    topics: row[`${side}_topics`],
  };
}

export function sessionRecord(row: SessionRow): SessionRecord {
  return {
    pairId: row.pair_id, start: row.start_at, a: answerOf(row, 'a'), b: answerOf(row, 'b'),
    aAsked: row.a_asked !== 0, bAsked: row.b_asked !== 0,
  };
}

export function monthlyTallies(rows: PairMonthRow[]): Map<string, Map<string, PairTally>> {
  const monthly = new Map<string, Map<string, PairTally>>();
  for (const row of rows) {
    const months = monthly.get(row.pair_id) ?? new Map<string, PairTally>();
    monthly.set(row.pair_id, months);
    months.set(row.month, tallyFromPairMonthRow(row));
  }
  return monthly;
}

export interface ProgrammeShape {
  programme: ProgrammeInfo;
  pairs: PairInfo[];
  people: Map<string, Person>;
}

/** The programme, its pairs and its people, in one batch; null when there is no such programme. */
export async function readProgrammeShape(db: D1Database, meter: D1Meter, programmeId: string, pairId?: string): Promise<ProgrammeShape | null> {
  const [programme, pairs] = await db.batch<ProgrammeRow | PairRow>([
    db.prepare(PROGRAMME).bind(programmeId),
    pairId === undefined ? db.prepare(PROGRAMME_PAIRS).bind(programmeId) : db.prepare(ONE_PAIR).bind(programmeId, pairId),
  ]);
  const programmeRow = meter.rows(programme as D1Result<ProgrammeRow>)[0];
  if (!programmeRow) return null;
  const pairRows = meter.rows(pairs as D1Result<PairRow>);
  const onePair = pairRows[0];
  const people = pairId === undefined
    ? await db.prepare(PROGRAMME_PEOPLE).bind(programmeId).all<PersonRow>()
    : onePair ? await db.prepare(PAIR_PEOPLE).bind(programmeId, onePair.a_id, onePair.b_id).all<PersonRow>() : null;
  return { programme: toProgramme(programmeRow), pairs: pairRows.map(toPair), people: toPeople(people ? meter.rows(people) : []) };
}

/** The programme and some of its pairs (by id) with their members, in one batch; null when there is no such programme. */
export async function readPairsShape(db: D1Database, meter: D1Meter, programmeId: string, pairIds: readonly string[]): Promise<ProgrammeShape | null> {
  const ids = JSON.stringify(pairIds);
  const [programme, pairs, people] = await db.batch<ProgrammeRow | PairRow | PersonRow>([
    db.prepare(PROGRAMME).bind(programmeId),
    db.prepare(SOME_PAIRS).bind(programmeId, ids),
    db.prepare(SOME_PAIRS_PEOPLE).bind(programmeId, ids),
  ]);
  const programmeRow = meter.rows(programme as D1Result<ProgrammeRow>)[0];
  if (!programmeRow) return null;
  return {
    programme: toProgramme(programmeRow),
    pairs: meter.rows(pairs as D1Result<PairRow>).map(toPair),
    people: toPeople(meter.rows(people as D1Result<PersonRow>)),
  };
}

/** readWindowRows for some pairs of a programme (by id). */
export async function readPairsWindowRows(
  db: D1Database, meter: D1Meter, programmeId: string, pairIds: readonly string[],
  sessions: { from: number; to: number }, months: { first: string; last: string } | null,
): Promise<{ sessions: SessionRecord[]; monthly: MonthlyTallies }> {
  const ids = JSON.stringify(pairIds);
  const monthRead = months === null ? [] : [db.prepare(SOME_PAIRS_MONTHS).bind(programmeId, ids, months.first, months.last)];
  const [sessionRows, monthRows] = await db.batch<SessionRow | PairMonthRow>([
    db.prepare(SOME_PAIRS_SESSIONS).bind(ids, iso(sessions.from), iso(sessions.to)), ...monthRead,
  ]);
  return {
    sessions: meter.rows(sessionRows as D1Result<SessionRow>).map(sessionRecord),
    monthly: monthlyTallies(monthRows ? meter.rows(monthRows as D1Result<PairMonthRow>) : []),
  };
}

/** Session rows starting in [from, to), with the pair-month rows of months first..last, in one batch. */
export async function readWindowRows(
  db: D1Database, meter: D1Meter, scope: { programmeId: string; pairId?: string },
  sessions: { from: number; to: number }, months: { first: string; last: string } | null,
): Promise<{ sessions: SessionRecord[]; monthly: MonthlyTallies }> {
  const sessionRead = scope.pairId === undefined
    ? db.prepare(PROGRAMME_SESSIONS).bind(scope.programmeId, iso(sessions.from), iso(sessions.to))
    : db.prepare(PAIR_SESSIONS).bind(scope.pairId, iso(sessions.from), iso(sessions.to));
  const monthRead = months === null ? [] : [scope.pairId === undefined
    ? db.prepare(PROGRAMME_MONTHS).bind(scope.programmeId, months.first, months.last)
    : db.prepare(PAIR_MONTHS).bind(scope.programmeId, scope.pairId, months.first, months.last)];
  const [sessionRows, monthRows] = await db.batch<SessionRow | PairMonthRow>([sessionRead, ...monthRead]);
  return {
    sessions: meter.rows(sessionRows as D1Result<SessionRow>).map(sessionRecord),
    monthly: monthlyTallies(monthRows ? meter.rows(monthRows as D1Result<PairMonthRow>) : []),
  };
}

/**
 * The pair-month rows of months first..last summed by pair and quarter (each
 * keyed by the quarter's first month): what culture needs, since it sums months
 * into quarters and years anyway.
 */
export async function readPairQuarters(db: D1Database, meter: D1Meter, programmeId: string, first: string, last: string): Promise<MonthlyTallies> {
  const rows = await db.prepare(PROGRAMME_QUARTERS).bind(programmeId, first, last).all<Omit<PairMonthRow, 'month'> & { quarter: string }>();
  return monthlyTallies(meter.rows(rows).map(({ quarter, ...row }) => ({ ...row, month: quarter })));
}

const CLOSING_ANSWERS = `SELECT pair_id, again, changed_mask FROM pair_checks
  WHERE programme_id = ?1 AND kind = 'closing' AND again IS NOT NULL`;

/** Every closing answer of the programme (worker/migrations/0008_pair_loop.sql), for the culture table. */
export async function readClosingAnswers(db: D1Database, meter: D1Meter, programmeId: string): Promise<ClosingAnswer[]> {
  const rows = await db.prepare(CLOSING_ANSWERS).bind(programmeId).all<{ pair_id: string; again: ClosingAnswer['again']; changed_mask: number | null }>();
  return meter.rows(rows).map((r) => ({ pairId: r.pair_id, again: r.again, changedMask: r.changed_mask ?? 0 }));
}
