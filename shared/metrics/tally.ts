// The sufficient statistics of every pair metric (shared/metrics/README.md, "Pair metrics
// over a window"). A tally is additive, so a window's tally is the sum of its
// sessions' tallies, and a period's is the sum of its pair_months rows.
import { TOPICS, type Topic } from '../vocabulary';

/** One member's answer about one session, as stored (topics as a bit mask in TOPICS order). */
export interface MemberAnswer {
  happened: boolean;
  value: number | null;
  learned: boolean | null;
  openness: boolean | null;
  /** 0, 0.5 or 1 (AUTONOMY_SCORES). */
  autonomy: number | null;
  topics: number | null;
}

/** A session with both members' answers; `a` and `b` follow the pair's members. */
export interface SessionRecord {
  pairId: string;
  start: string;
  a: MemberAnswer | null;
  b: MemberAnswer | null;
  /** false when member a's extension chose not to ask about the session ("Not asked"); absent means asked. */
  aAsked?: boolean;
  bAsked?: boolean;
}

export type SessionStatus = 'held' | 'missed' | 'unknown';

/** Rows grouped by their pair, each pair's in the order given. */
export function byPair<T extends { pairId: string }>(rows: Iterable<T>): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const own = grouped.get(row.pairId);
    if (own) own.push(row);
    else grouped.set(row.pairId, [row]);
  }
  return grouped;
}

export interface PairTally {
  sessions: number;
  held: number;
  missed: number;
  responses: number;
  /** Held sessions that are held only because nobody was asked ("Not asked"): included in `held`. */
  heldNotAsked: number;
  /** Members' slots that were not asked about and not answered: left out of the response-rate denominator. */
  notAskedSlots: number;
  aValueSum: number;
  aValueN: number;
  bValueSum: number;
  bValueN: number;
  aLearnedYes: number;
  aLearnedN: number;
  bLearnedYes: number;
  bLearnedN: number;
  mutualYes: number;
  mutualN: number;
  opennessYes: number;
  opennessN: number;
  autonomySum: number;
  autonomyN: number;
  deepSessions: number;
  topicSessions: number;
  topics: Record<Topic, number>;
  lastHeldAt: string | null;
}

type Marks = Pick<SessionRecord, 'a' | 'b' | 'aAsked' | 'bAsked'>;

/**
 * shared/metrics/README.md, "Not asked": nobody answered, and at least one member was not
 * asked (nobody can have said it did not happen, since nobody answered). Such a
 * session is held, never missed, and carries no answer.
 */
export function isHeldNotAsked(session: Marks): boolean {
  return session.a === null && session.b === null && (session.aAsked === false || session.bAsked === false);
}

/** The members' slots on a session that were not asked about and were not answered anyway. */
export function notAskedSlots(session: Marks): number {
  return Number(session.a === null && session.aAsked === false) + Number(session.b === null && session.bAsked === false);
}

/**
 * shared/metrics/README.md, "Sessions: held, missed, unknown": held if anyone says it happened
 * (or it is "held, not asked"), missed if someone says not and nobody says it did.
 */
export function sessionStatus(session: Marks): SessionStatus {
  if (session.a?.happened || session.b?.happened || isHeldNotAsked(session)) return 'held';
  if (session.a || session.b) return 'missed';
  return 'unknown';
}

/** The response-rate denominator: two slots per session, less the slots not asked about and not answered. */
export function answerSlots(t: Pick<PairTally, 'sessions' | 'notAskedSlots'>): number {
  return 2 * t.sessions - t.notAskedSlots;
}

export function emptyTally(): PairTally {
  return {
    sessions: 0, held: 0, missed: 0, responses: 0, heldNotAsked: 0, notAskedSlots: 0,
    aValueSum: 0, aValueN: 0, bValueSum: 0, bValueN: 0,
    aLearnedYes: 0, aLearnedN: 0, bLearnedYes: 0, bLearnedN: 0,
    mutualYes: 0, mutualN: 0, opennessYes: 0, opennessN: 0,
    autonomySum: 0, autonomyN: 0, deepSessions: 0, topicSessions: 0,
    topics: Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>,
    lastHeldAt: null,
  };
}

const laterOf = (x: string | null, y: string | null) => (x === null ? y : y === null ? x : x > y ? x : y);

/**
 * Adds y into x, in place. Field by field on purpose: this is the hot path of
 * programme and culture sums (millions of calls for a large programme), and a
 * loop over key names runs several times slower. test/shared/metrics/tally.test.ts
 * checks that every field of a tally is added.
 */
export function addInto(x: PairTally, y: PairTally): PairTally {
  x.sessions += y.sessions; x.held += y.held; x.missed += y.missed; x.responses += y.responses;
  x.heldNotAsked += y.heldNotAsked; x.notAskedSlots += y.notAskedSlots;
  x.aValueSum += y.aValueSum; x.aValueN += y.aValueN; x.bValueSum += y.bValueSum; x.bValueN += y.bValueN;
  x.aLearnedYes += y.aLearnedYes; x.aLearnedN += y.aLearnedN; x.bLearnedYes += y.bLearnedYes; x.bLearnedN += y.bLearnedN;
  x.mutualYes += y.mutualYes; x.mutualN += y.mutualN; x.opennessYes += y.opennessYes; x.opennessN += y.opennessN;
  x.autonomySum += y.autonomySum; x.autonomyN += y.autonomyN;
  x.deepSessions += y.deepSessions; x.topicSessions += y.topicSessions;
  for (const topic of TOPICS) x.topics[topic] += y.topics[topic];
  x.lastHeldAt = laterOf(x.lastHeldAt, y.lastHeldAt);
  return x;
}

export function addTallies(x: PairTally, y: PairTally): PairTally {
  return addInto(addInto(emptyTally(), x), y);
}

/** The sum of many tallies. */
export function sumTallies(tallies: Iterable<PairTally>): PairTally {
  const sum = emptyTally();
  for (const t of tallies) addInto(sum, t);
  return sum;
}

const TOOLS_BIT = 1 << TOPICS.indexOf('tools');

function addSession(t: PairTally, s: SessionRecord): void {
  const { a, b } = s;
  const status = sessionStatus(s);
  t.sessions += 1;
  if (status === 'held') t.held += 1;
  if (status === 'missed') t.missed += 1;
  t.responses += Number(a !== null) + Number(b !== null);
  t.heldNotAsked += Number(isHeldNotAsked(s));
  t.notAskedSlots += notAskedSlots(s);
  if (a?.value != null) { t.aValueSum += a.value; t.aValueN += 1; }
  if (b?.value != null) { t.bValueSum += b.value; t.bValueN += 1; }
  if (a?.learned != null) { t.aLearnedYes += Number(a.learned); t.aLearnedN += 1; }
  if (b?.learned != null) { t.bLearnedYes += Number(b.learned); t.bLearnedN += 1; }
  if (a?.learned != null && b?.learned != null) {
    t.mutualN += 1;
    t.mutualYes += Number(a.learned && b.learned);
  }
  for (const m of [a, b]) {
    if (m?.openness != null) { t.opennessYes += Number(m.openness); t.opennessN += 1; }
    if (m?.autonomy != null) { t.autonomySum += m.autonomy; t.autonomyN += 1; }
  }
  if (status !== 'held') return;
  t.lastHeldAt = laterOf(t.lastHeldAt, s.start);
  // Depth uses the union of both members' topics (shared/metrics/README.md, "Pair metrics", `depth`).
  const union = (a?.topics ?? 0) | (b?.topics ?? 0);
  if (union === 0) return;
  t.topicSessions += 1;
  if ((union & ~TOOLS_BIT) !== 0) t.deepSessions += 1;
  TOPICS.forEach((topic, bit) => { if (union & (1 << bit)) t.topics[topic] += 1; });
}

export function tallySessions(sessions: Iterable<SessionRecord>): PairTally {
  const tally = emptyTally();
  for (const session of sessions) addSession(tally, session);
  return tally;
}

/** A row of the pair_months table (worker/migrations/0001_initial.sql). */
export interface PairMonthRow {
  pair_id: string;
  month: string;
  sessions: number; held: number; missed: number; responses: number;
  a_value_sum: number; a_value_n: number; b_value_sum: number; b_value_n: number;
  a_learned_yes: number; a_learned_n: number; b_learned_yes: number; b_learned_n: number;
  mutual_yes: number; mutual_n: number; openness_yes: number; openness_n: number;
  autonomy_sum: number; autonomy_n: number; deep_sessions: number; topic_sessions: number;
  topic_tools: number; topic_ways_of_working: number; topic_strategy: number;
  topic_customers_markets: number; topic_culture_perspectives: number; topic_career: number;
  last_held_at: string | null;
  /** worker/migrations/0011_not_asked.sql: `held` above counts answered held sessions only; these add "held, not asked". */
  held_not_asked: number;
  not_asked_slots: number;
  last_held_not_asked_at: string | null;
}

export function tallyFromPairMonthRow(row: PairMonthRow): PairTally {
  return {
    sessions: row.sessions, held: row.held + row.held_not_asked, missed: row.missed, responses: row.responses,
    heldNotAsked: row.held_not_asked, notAskedSlots: row.not_asked_slots,
    aValueSum: row.a_value_sum, aValueN: row.a_value_n, bValueSum: row.b_value_sum, bValueN: row.b_value_n,
    aLearnedYes: row.a_learned_yes, aLearnedN: row.a_learned_n,
    bLearnedYes: row.b_learned_yes, bLearnedN: row.b_learned_n,
    mutualYes: row.mutual_yes, mutualN: row.mutual_n,
    opennessYes: row.openness_yes, opennessN: row.openness_n,
    autonomySum: row.autonomy_sum, autonomyN: row.autonomy_n,
    deepSessions: row.deep_sessions, topicSessions: row.topic_sessions,
    topics: {
      tools: row.topic_tools, ways_of_working: row.topic_ways_of_working, strategy: row.topic_strategy,
      customers_markets: row.topic_customers_markets, culture_perspectives: row.topic_culture_perspectives,
      career: row.topic_career,
    },
    lastHeldAt: laterOf(row.last_held_at, row.last_held_not_asked_at),
  };
}
