// A seeded synthetic mentoring programme: people, pairs and years of session
// history with the patterns coordinators need to spot (shared/metrics/README.md,
// "Flags"). The same seed always gives the same programme, so the tests, the
// demo and the benchmark can rely on it; it runs both in Node and in workerd. History is produced lazily: at full size (10,000
// pairs over three years, about 1.2M responses) it never sits in memory whole.
import type { Autonomy, Topic } from '../../shared/schemas';
import { ApiError, callApi, createProgrammeWithPeople, type FetchLike, type ProgrammeIds } from './twoway-client';

export const PAIR_PATTERNS = ['healthy', 'one_sided', 'helpline', 'lapsed', 'silent', 'guarded', 'diverging'] as const;
export type PairPattern = (typeof PAIR_PATTERNS)[number];

/** How often each pattern occurs when a pair's pattern is not given. */
const DEFAULT_PATTERN_MIX: Record<PairPattern, number> = {
  healthy: 0.55,
  one_sided: 0.1,
  helpline: 0.08,
  lapsed: 0.1,
  silent: 0.06,
  guarded: 0.06,
  diverging: 0.05,
};

export interface SyntheticParticipant {
  displayName: string;
  email: string;
  function: string;
  region: string;
  generation: string;
}

export interface SyntheticPair {
  index: number;
  /** A stable key for the pair within the programme, e.g. "pair-0042". */
  key: string;
  pattern: PairPattern;
  a: string /* email */;
  b: string /* email */;
  mentor?: string /* email */;
  cohort: string;
  startsOn: string;
  endsOn?: string;
  cadenceDays: number;
  /** For lapsed pairs: the day after which they stop meeting. */
  lapsesOn?: string;
}

export interface SyntheticResponse {
  side: 'a' | 'b';
  happened: boolean;
  value?: number;
  learned?: boolean;
  openness?: boolean;
  autonomy?: Autonomy;
  topics?: Topic[];
}

export interface SyntheticHistoryLine {
  /** Index into SyntheticProgramme.pairs; the loader maps it to the server's pair id. */
  pair: number;
  eventKey: string;
  start: string;
  end: string;
  responses: SyntheticResponse[];
}

export interface SyntheticProgramme {
  name: string;
  seed: number;
  startDate: string;
  endDate: string;
  participants: SyntheticParticipant[];
  pairs: SyntheticPair[];
  /** Every session of every pair, pair by pair, in start order within a pair. Each call starts afresh. */
  history(): IterableIterator<SyntheticHistoryLine>;
}

/** Overrides for one pair; anything left out is drawn from the seed. */
export type PairPlan = Partial<Pick<SyntheticPair, 'pattern' | 'cohort' | 'startsOn' | 'cadenceDays' | 'lapsesOn'>> & {
  /** A day, or null for a pair that is still running at endDate. */
  endsOn?: string | null;
  /** false makes a peer pair with no mentor. */
  mentored?: boolean;
};

export interface GenerateOptions {
  seed: number;
  pairs: number;
  /** First day a pair may start, YYYY-MM-DD. */
  startDate: string;
  /** History stops before this instant (YYYY-MM-DD or ISO); nothing is generated in the future of it. */
  endDate: string;
  name?: string;
  /** Per-pair overrides by index (the demo uses these to stage specific stories). */
  plans?: PairPlan[];
  patternMix?: Partial<Record<PairPattern, number>>;
  /** Share of pairs that reuse an earlier participant (gives a network and role flips). Default 0.2. */
  reuseShare?: number;
  /** Email domain of the synthetic people. */
  emailDomain?: string;
}

// ---------------------------------------------------------------- randomness

/** mulberry32: tiny, fast and good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for one pair's stream, so each pair's history is independent of iteration order. */
function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const chance = (rand: () => number, p: number) => rand() < p;
const intBetween = (rand: () => number, low: number, high: number) => low + Math.floor(rand() * (high - low + 1));

function pickWeighted<K extends string>(rand: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rand() * total;
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return (entries[entries.length - 1] as [K, number])[0];
}

// ---------------------------------------------------------------- calendar

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(day.length === 10 ? `${day}T00:00:00Z` : day);

// ---------------------------------------------------------------- people

const FIRST_NAMES = ['Ada', 'Bo', 'Chen', 'Dara', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kemi', 'Lars', 'Mira', 'Noor', 'Omar', 'Pia', 'Quinn', 'Rui', 'Sana', 'Tom', 'Uma', 'Vik', 'Wen', 'Xavi', 'Yara', 'Zof'];
const LAST_NAMES = ['Abara', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fujita', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Yilmaz', 'Zhou'];
export const FUNCTIONS = ['Engineering', 'Sales', 'Finance', 'Marketing', 'Operations', 'People', 'Legal'] as const;
export const REGIONS = ['EMEA', 'Americas', 'APAC'] as const;
/** Reverse mentoring pairs a younger mentor with an older mentee, mostly. */
const YOUNGER = ['Gen Z', 'Millennial'] as const;
const OLDER = ['Gen X', 'Boomer'] as const;

/**
 * A new person. Their name is not one in `taken` while the first name still has a free surname:
 * the surname moves along the list instead of drawing again, so the random stream (and with it
 * every story a seed tells) stays as it was.
 */
function makePerson(rand: () => number, serial: number, domain: string, older: boolean, taken: Set<string>): SyntheticParticipant {
  const first = pick(rand, FIRST_NAMES);
  const drawn = LAST_NAMES.indexOf(pick(rand, LAST_NAMES));
  const free = LAST_NAMES.findIndex((_, step) => !taken.has(`${first} ${LAST_NAMES[(drawn + step) % LAST_NAMES.length]}`));
  const last = LAST_NAMES[(drawn + Math.max(0, free)) % LAST_NAMES.length]!;
  taken.add(`${first} ${last}`);
  return {
    displayName: `${first} ${last}`,
    email: `${first}.${last}.${serial}@${domain}`.toLowerCase(),
    function: pick(rand, FUNCTIONS),
    region: pick(rand, REGIONS),
    generation: older ? pick(rand, OLDER) : pick(rand, YOUNGER),
  };
}

// ---------------------------------------------------------------- programme

const CADENCES = { 7: 0.3, 14: 0.45, 21: 0.15, 28: 0.1 } as const;

/** Cohorts start every half year; a pair joins within a month of its cohort's start. */
function cohortOf(startsOn: string): string {
  const [year, month] = startsOn.split('-');
  return `${year}-${Number(month) <= 6 ? 'H1' : 'H2'}`;
}

export function generateProgramme(options: GenerateOptions): SyntheticProgramme {
  const rand = seededRandom(options.seed);
  const domain = options.emailDomain ?? 'example.org';
  const mix = { ...DEFAULT_PATTERN_MIX, ...options.patternMix };
  const startMs = dayMs(options.startDate);
  const endMs = dayMs(options.endDate);
  const spanDays = Math.max(1, Math.floor((endMs - startMs) / DAY_MS));
  const participants: SyntheticParticipant[] = [];
  const pairs: SyntheticPair[] = [];
  // People who mentored or were mentored earlier, to be reused as mentors (role flips) or mentees.
  const formerMentees: string[] = [];
  const everyone: string[] = [];

  const byEmail = new Map<string, SyntheticParticipant>();
  const names = new Set<string>();
  const newPerson = (older: boolean) => {
    const person = makePerson(rand, participants.length + 1, domain, older, names);
    participants.push(person);
    byEmail.set(person.email, person);
    everyone.push(person.email);
    return person.email;
  };

  // Draw start days first and sort them, so earlier pairs come first and reuse looks back in time.
  const starts = Array.from({ length: options.pairs }, (_, i) => {
    const planned = options.plans?.[i]?.startsOn;
    // Pairs start in the first half of the window, most of them early: programmes enrol in waves and pairs run for years.
    return planned ?? toDay(startMs + Math.floor(rand() ** 2 * spanDays * 0.5) * DAY_MS);
  });
  const order = options.plans ? starts.map((_, i) => i) : starts.map((_, i) => i).sort((x, y) => (starts[x]! < starts[y]! ? -1 : 1));

  for (const original of order) {
    const plan = options.plans?.[original] ?? {};
    const index = pairs.length;
    const startsOn = starts[original] as string;
    const pattern = plan.pattern ?? pickWeighted(rand, mix);
    const mentored = plan.mentored ?? chance(rand, 0.8);
    const reuse = chance(rand, options.reuseShare ?? 0.2) && everyone.length > 2;
    // a is the (usually younger) mentor; b the mentee. A former mentee may come back as a mentor.
    let a = reuse && formerMentees.length > 0 && chance(rand, 0.5) ? pick(rand, formerMentees) : newPerson(false);
    let b = reuse ? pick(rand, everyone) : newPerson(true);
    if (a === b) b = newPerson(true);
    if (chance(rand, 0.5)) [a, b] = [b, a];
    // The mentor is the younger member when the generations differ (reverse mentoring), else a.
    const aIsOlder = (OLDER as readonly string[]).includes(byEmail.get(a)?.generation ?? '');
    const mentor = mentored ? (aIsOlder && !(OLDER as readonly string[]).includes(byEmail.get(b)?.generation ?? '') ? b : a) : undefined;
    if (mentor) formerMentees.push(mentor === a ? b : a);
    const cadenceDays = plan.cadenceDays ?? Number(pickWeighted(rand, CADENCES as unknown as Record<string, number>));
    const lengthDays = intBetween(rand, 360, 1600);
    const drawnEnd = dayMs(startsOn) + lengthDays * DAY_MS < endMs ? toDay(dayMs(startsOn) + lengthDays * DAY_MS) : undefined;
    const plannedEnd = plan.endsOn === null ? undefined : (plan.endsOn ?? drawnEnd);
    const lastDay = plannedEnd ? dayMs(plannedEnd) : endMs;
    const lapsesOn =
      plan.lapsesOn ??
      (pattern === 'lapsed' ? toDay(Math.max(dayMs(startsOn) + 4 * cadenceDays * DAY_MS, lastDay - intBetween(rand, 60, 240) * DAY_MS)) : undefined);
    pairs.push({
      index,
      key: `pair-${String(index).padStart(5, '0')}`,
      pattern,
      a,
      b,
      ...(mentor ? { mentor } : {}),
      cohort: plan.cohort ?? cohortOf(startsOn),
      startsOn,
      ...(plannedEnd ? { endsOn: plannedEnd } : {}),
      cadenceDays,
      ...(lapsesOn ? { lapsesOn } : {}),
    });
  }

  const programme: SyntheticProgramme = {
    name: options.name ?? `Synthetic programme (seed ${options.seed})`,
    seed: options.seed,
    startDate: options.startDate,
    endDate: options.endDate,
    participants,
    pairs,
    history: function* () {
      for (const pair of pairs) yield* pairHistory(pair, mixSeed(options.seed, pair.index), endMs, domain);
    },
  };
  return programme;
}

// ---------------------------------------------------------------- sessions

/** How each pattern answers; probabilities per session and member. */
interface Behaviour {
  respond: number;
  valueLow: number;
  valueHigh: number;
  learnedA: number;
  learnedB: number;
  openness: number;
  /** Chance of did_it_for_me at the start and at the end of the pair's life. */
  dependentStart: number;
  dependentEnd: number;
  /** Chance that a held session went beyond tools. */
  depthStart: number;
  depthEnd: number;
  missed: number;
}

const BASE: Behaviour = {
  respond: 0.93,
  valueLow: 4,
  valueHigh: 5,
  learnedA: 0.85,
  learnedB: 0.85,
  openness: 0.9,
  dependentStart: 0.4,
  dependentEnd: 0.05,
  depthStart: 0.4,
  depthEnd: 0.9,
  missed: 0.05,
};

const BEHAVIOURS: Record<PairPattern, Behaviour> = {
  healthy: BASE,
  one_sided: { ...BASE, valueLow: 3, learnedA: 0.05, learnedB: 0.85 },
  helpline: { ...BASE, valueLow: 3, valueHigh: 4, dependentStart: 0.8, dependentEnd: 0.75, depthStart: 0.1, depthEnd: 0.15 },
  lapsed: { ...BASE, valueLow: 3, valueHigh: 4, missed: 0.15 },
  silent: { ...BASE, respond: 0.15, valueLow: 2, valueHigh: 4 },
  guarded: { ...BASE, valueLow: 3, valueHigh: 4, openness: 0.2, depthEnd: 0.5 },
  diverging: { ...BASE, valueLow: 4, valueHigh: 5, learnedB: 0.5 },
};

const DEEP_TOPICS: readonly Topic[] = ['ways_of_working', 'strategy', 'customers_markets', 'culture_perspectives', 'career'];
const AUTONOMY_UP: readonly Autonomy[] = ['showed_me', 'i_can_now'];

function* pairHistory(pair: SyntheticPair, seed: number, endMs: number, domain: string): Generator<SyntheticHistoryLine> {
  const rand = seededRandom(seed);
  const behaviour = BEHAVIOURS[pair.pattern];
  const firstMs = dayMs(pair.startsOn);
  const stopMs = Math.min(endMs, pair.endsOn ? dayMs(pair.endsOn) + DAY_MS : endMs);
  const lapseMs = pair.lapsesOn ? dayMs(pair.lapsesOn) : undefined;
  const lifeMs = Math.max(DAY_MS, (pair.endsOn ? dayMs(pair.endsOn) : endMs) - firstMs);
  const hour = intBetween(rand, 8, 16);
  const minutes = pick(rand, [30, 45, 60]);
  const uid = `${pair.key}-${seed.toString(36)}@calendar.${domain}`;
  let afterLapse = 0;
  for (let at = firstMs + intBetween(rand, 1, 6) * DAY_MS; ; at += pair.cadenceDays * DAY_MS) {
    const jitterDays = intBetween(rand, -1, 1);
    const startMs = at + jitterDays * DAY_MS + hour * 3_600_000;
    const endAt = startMs + minutes * 60_000;
    if (startMs >= stopMs || endAt > endMs) break;
    // A lapsed pair's calendar keeps a couple of occurrences that nobody attends, then they cancel the series.
    const lapsed = lapseMs !== undefined && startMs >= lapseMs;
    if (lapsed && ++afterLapse > 2) break;
    const start = new Date(startMs).toISOString();
    const progress = Math.min(1, (startMs - firstMs) / lifeMs);
    const missed = lapsed || chance(rand, behaviour.missed);
    yield {
      pair: pair.index,
      eventKey: `${uid}/${start}`,
      start,
      end: new Date(endAt).toISOString(),
      responses: sessionResponses(rand, pair, behaviour, progress, missed),
    };
  }
}

function sessionResponses(rand: () => number, pair: SyntheticPair, b: Behaviour, progress: number, missed: boolean): SyntheticResponse[] {
  const responses: SyntheticResponse[] = [];
  const deep = chance(rand, b.depthStart + (b.depthEnd - b.depthStart) * progress);
  const sessionTopics: Topic[] = deep ? [pick(rand, DEEP_TOPICS), ...(chance(rand, 0.4) ? [pick(rand, DEEP_TOPICS)] : [])] : ['tools'];
  if (chance(rand, 0.3)) sessionTopics.push('tools');
  for (const side of ['a', 'b'] as const) {
    if (!chance(rand, b.respond)) continue;
    if (missed) {
      responses.push({ side, happened: false });
      continue;
    }
    const email = pair[side];
    const response: SyntheticResponse = { side, happened: true, value: valueFor(rand, pair, b, side) };
    if (chance(rand, 0.85)) response.learned = chance(rand, side === 'a' ? b.learnedA : b.learnedB);
    if (chance(rand, 0.7)) response.openness = chance(rand, b.openness);
    // Autonomy is answered by whoever got help: the mentee, or either member of a peer pair.
    const gotHelp = pair.mentor ? pair.mentor !== email : chance(rand, 0.5);
    if (gotHelp && chance(rand, 0.75)) response.autonomy = autonomyFor(rand, b, progress);
    if (chance(rand, 0.6)) response.topics = [...new Set(sessionTopics)];
    responses.push(response);
  }
  return responses;
}

function valueFor(rand: () => number, pair: SyntheticPair, b: Behaviour, side: 'a' | 'b'): number {
  if (pair.pattern === 'diverging' && side === 'b') return intBetween(rand, 1, 2);
  return intBetween(rand, b.valueLow, b.valueHigh);
}

function autonomyFor(rand: () => number, b: Behaviour, progress: number): Autonomy {
  if (chance(rand, b.dependentStart + (b.dependentEnd - b.dependentStart) * progress)) return 'did_it_for_me';
  return chance(rand, 0.3 + 0.6 * progress) ? (AUTONOMY_UP[1] as Autonomy) : (AUTONOMY_UP[0] as Autonomy);
}

// ---------------------------------------------------------------- loading

/** Server ids for a loaded programme's people and pairs, in the generator's order. */
export interface LoadedIds {
  participantIds: Record<string /* email */, string>;
  pairIds: string[];
}

const TEN_MIB = 10 * 1024 * 1024;
// TextEncoder rather than Buffer: the Worker tests run this file inside workerd.
const utf8 = new TextEncoder();

/**
 * The history as NDJSON bodies for POST /programmes/:pid/history, each at most
 * maxBytes (default a little under the route's 10 MiB cap).
 */
export function* programmeToHistoryNdjson(
  programme: SyntheticProgramme,
  ids: LoadedIds,
  maxBytes = TEN_MIB - 64 * 1024,
  lines: Iterable<SyntheticHistoryLine> = programme.history(),
): Generator<{ body: string; lines: number; responses: number }> {
  let parts: string[] = [];
  let bytes = 0;
  let responses = 0;
  for (const line of lines) {
    const pair = programme.pairs[line.pair] as SyntheticPair;
    const pairId = ids.pairIds[line.pair];
    if (!pairId) throw new Error(`no server id for pair ${line.pair}`);
    const text = `${JSON.stringify({
      pairId,
      eventKey: line.eventKey,
      start: line.start,
      end: line.end,
      responses: line.responses.map(({ side, ...answer }) => ({ participantId: ids.participantIds[pair[side]], ...answer })),
    })}\n`;
    const size = utf8.encode(text).byteLength;
    if (bytes + size > maxBytes && parts.length > 0) {
      yield { body: parts.join(''), lines: parts.length, responses };
      parts = [];
      bytes = 0;
      responses = 0;
    }
    parts.push(text);
    bytes += size;
    responses += line.responses.length;
  }
  if (parts.length > 0) yield { body: parts.join(''), lines: parts.length, responses };
}

export interface HistoryTotals {
  sessions: number;
  responses: number;
  rejected: Array<{ line: number; error: unknown }>;
}

export interface LoadedProgramme extends ProgrammeIds, LoadedIds {
  history: HistoryTotals;
}

export interface PostHistoryOptions {
  /** History requests in flight at once. */
  concurrency?: number;
  /** Bytes per history request. */
  maxBytes?: number;
  /** Which lines to post (default: the whole history). */
  lines?: Iterable<SyntheticHistoryLine>;
  /** Called after each history request with the running totals. */
  onProgress?: (totals: HistoryTotals) => void;
  /** Called before a failed history request is sent again. */
  onRetry?: (error: unknown, attempt: number) => void;
}

/** Attempts per history request: the route is idempotent, so a resend after a lost answer is safe. */
const HISTORY_ATTEMPTS = 3;

/** Whether a failed request may succeed if sent again: no answer at all, or the server's own failure. */
const retryable = (error: unknown) => !(error instanceof ApiError) || error.status >= 500;

export interface LoadOptions extends PostHistoryOptions {
  /** Skip posting history (people and pairs only). */
  withoutHistory?: boolean;
  /** The programme's k for sponsor cells (API default 5). */
  kAnonymity?: number;
}

/**
 * Creates the programme, its participants and pairs, then posts its history
 * in NDJSON chunks, all through the public API (the same path as a coordinator's migration).
 */
export async function loadProgramme(
  fetchLike: FetchLike,
  baseUrl: string,
  adminToken: string,
  programme: SyntheticProgramme,
  options: LoadOptions = {},
): Promise<LoadedProgramme> {
  const target = { fetch: fetchLike, baseUrl };
  const setup = await createProgrammeWithPeople(target, adminToken, {
    name: programme.name,
    ...(options.kAnonymity ? { kAnonymity: options.kAnonymity } : {}),
    participants: programme.participants,
    pairs: programme.pairs,
  });
  const ids: LoadedIds = {
    participantIds: Object.fromEntries(Object.entries(setup.participants).map(([email, p]) => [email, p.id])),
    pairIds: setup.pairIds,
  };
  const history = options.withoutHistory
    ? { sessions: 0, responses: 0, rejected: [] }
    : await postHistory(target, setup, programme, ids, options);
  return { ...setup, ...ids, history };
}

/** Posts history lines to POST /programmes/:pid/history in chunks; returns the server's totals. */
export async function postHistory(
  target: { fetch: FetchLike; baseUrl: string },
  programmeRef: { programmeId: string; coordinatorToken: string },
  programme: SyntheticProgramme,
  ids: LoadedIds,
  options: PostHistoryOptions = {},
): Promise<HistoryTotals> {
  const totals: HistoryTotals = { sessions: 0, responses: 0, rejected: [] };
  const chunks = programmeToHistoryNdjson(programme, ids, options.maxBytes, options.lines);
  let lineOffset = 0;
  // Each lane takes the next chunk when its request is answered, so encoding overlaps the server's work.
  const lane = async () => {
    for (;;) {
      const next = chunks.next();
      if (next.done) return;
      const firstLine = lineOffset;
      lineOffset += next.value.lines;
      const result = await postChunk(target, programmeRef, next.value.body, options);
      totals.sessions += result.sessions;
      totals.responses += result.responses;
      // The route numbers lines within one request; report them within the whole history.
      for (const rejection of result.rejected) totals.rejected.push({ line: firstLine + rejection.line, error: rejection.error });
      options.onProgress?.(totals);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, lane));
  return totals;
}

/**
 * One NDJSON chunk, sent again (after 1 s, then 2 s) when the connection drops
 * or the server fails: a local Worker restarts its isolate when it runs out of memory.
 */
async function postChunk(
  target: { fetch: FetchLike; baseUrl: string },
  programmeRef: { programmeId: string; coordinatorToken: string },
  body: string,
  options: PostHistoryOptions,
): Promise<HistoryTotals> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callApi<HistoryTotals>(
        target, programmeRef.coordinatorToken, 'POST', `/programmes/${programmeRef.programmeId}/history`, body, 'application/x-ndjson',
      );
    } catch (error) {
      if (attempt === HISTORY_ATTEMPTS || !retryable(error)) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}
