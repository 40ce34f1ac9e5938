// The default dashboard (the 90 days before today, as of today) served from
// pair snapshots (README, "Performance"). Each pair's figures are computed by
// the same functions as an on-demand dashboard (shared/metrics/dashboard.ts),
// kept per pair, and recomputed only for the pairs an answer, an import, an
// erasure or a new pair touched (snapshot_queue). The summary and monthly
// series are summed from the pair snapshots and kept until one changes. A new
// day recomputes every pair, in the background of the first read of the day
// (or in the daily Cron Trigger); until then the read serves the previous day.
import {
  assessDashboardPairs, atRiskEntry, atRiskOrder, completeMonths, dashboardSummary, decodeCursor, encodeCursor, flagBit, flagMask, isoDay, nameKey, pagePairs,
  programmeOut, searchText, sessionsReadFrom, shareWithheldReasons, windowEnd, windowOut,
  type DashboardPair, type DashboardReport, type PairAssessment, type PairInfo, type PairListQuery, type PairSnapshot,
  type PairsPage, type PairTally, type WindowAssessment, type Window,
} from '../../shared/metrics';
import { TOPICS } from '../../shared/schemas';
import { invalid, notFound } from '../domain/errors';
import {
  deletePairSnapshots, deleteProgrammeSnapshots, dequeue, dequeueUpTo, insertPairSnapshots, lastQueued, markSummaryStale,
  readAllParts, readAtRisk, readPage, readQueue, readSummary, writeSummary,
  type PairSnapshotRow, type QueuedRow, type SummaryRow,
} from '../storage/snapshots';
import type { Metered } from './dashboard';
import { programmeDashboard } from './dashboard';
import { readPairsShape, readPairsWindowRows, readProgrammeShape, readWindowRows, type ProgrammeShape } from './reads';
import { D1Meter } from './timing';
import { dashboardWindow } from './window';

/** Queued pairs a read refreshes itself before answering; more are refreshed in the background. */
export const REFRESH_ON_READ = 1000;
/** Pairs computed per read of their rows (a bulk refresh goes through them in chunks). */
const REFRESH_CHUNK = 2000;

export interface DashboardPage extends DashboardReport {
  /** `pairs` is this page of the window's pairs; `atRisk` is always complete. */
  pairsPage: PairsPage;
  /** Where the figures come from: the default window's snapshots, or computed for this request. */
  served: { from: 'snapshot' | 'computed'; computedAt: string | null };
  /** The withheld texts of the page, once per metric (shareWithheldReasons). */
  withheldReasons: Record<string, string>;
}

/** Work that may finish after the answer (ExecutionContext.waitUntil), or inline where there is none. */
export type Later = (work: Promise<unknown>) => void;

const nowIso = () => new Date().toISOString();

// --- The stored form of a snapshot ------------------------------------------------------

const TALLY_NUMBERS = [
  'sessions', 'held', 'missed', 'responses', 'aValueSum', 'aValueN', 'bValueSum', 'bValueN',
  'aLearnedYes', 'aLearnedN', 'bLearnedYes', 'bLearnedN', 'mutualYes', 'mutualN', 'opennessYes', 'opennessN',
  'autonomySum', 'autonomyN', 'deepSessions', 'topicSessions',
] as const satisfies readonly (keyof PairTally)[];

// Stored after lastHeldAt, so that rows written before they existed still load (as 0: nothing was marked then).
const NOT_ASKED_NUMBERS = ['heldNotAsked', 'notAskedSlots'] as const satisfies readonly (keyof PairTally)[];

type StoredPart = [PairAssessment, (number | string | null)[]] | null;

function storePart(part: WindowAssessment | null): StoredPart {
  if (!part) return null;
  const t = part.tally;
  return [part.assessment, [
    ...TALLY_NUMBERS.map((k) => t[k]), ...TOPICS.map((topic) => t.topics[topic]), t.lastHeldAt, ...NOT_ASKED_NUMBERS.map((k) => t[k]),
  ]];
}

function loadPart(stored: StoredPart): WindowAssessment | null {
  if (!stored) return null;
  const [assessment, values] = stored;
  const tally = { topics: {} } as PairTally;
  TALLY_NUMBERS.forEach((k, i) => { tally[k] = values[i] as number; });
  TOPICS.forEach((topic, i) => { tally.topics[topic] = values[TALLY_NUMBERS.length + i] as number; });
  tally.lastHeldAt = values[TALLY_NUMBERS.length + TOPICS.length] as string | null;
  NOT_ASKED_NUMBERS.forEach((k, i) => { tally[k] = (values[TALLY_NUMBERS.length + TOPICS.length + 1 + i] as number | undefined) ?? 0; });
  return { tally, assessment };
}

function snapshotRow(s: PairSnapshot): PairSnapshotRow {
  const listed = s.listed;
  return {
    pairId: s.pair.id,
    listed: listed ? 1 : 0,
    status: listed?.status ?? null,
    cohort: s.pair.cohort,
    flags: listed ? flagMask(listed) : 0,
    sortHealth: listed?.health ?? -1,
    sortName: listed ? nameKey(listed) : '',
    search: listed ? searchText(listed) : '',
    listedJson: listed ? JSON.stringify(listed) : null,
    partsJson: JSON.stringify([storePart(s.window), s.months.map(storePart)]),
  };
}

function snapshotOf(pair: PairInfo, partsJson: string): PairSnapshot {
  const [window, months] = JSON.parse(partsJson) as [StoredPart, StoredPart[]];
  return { pair, listed: null, window: loadPart(window), months: months.map(loadPart) };
}

// --- Computing snapshots ----------------------------------------------------------------

/** The snapshots of `shape`'s pairs for `window`, read pair by pair (only their sessions and months). */
async function computeSnapshots(db: D1Database, meter: D1Meter, shape: ProgrammeShape, window: Window, whole: boolean): Promise<PairSnapshot[]> {
  const months = completeMonths(window);
  const monthRange = months.length ? { first: months[0]!, last: months[months.length - 1]! } : null;
  const sessionRange = { from: sessionsReadFrom(window, shape.pairs), to: windowEnd(window) };
  const rows = whole
    ? await readWindowRows(db, meter, { programmeId: shape.programme.id }, sessionRange, monthRange)
    : await readPairsWindowRows(db, meter, shape.programme.id, shape.pairs.map((p) => p.id), sessionRange, monthRange);
  return assessDashboardPairs({ ...shape, ...rows, window });
}

/** Recomputes the queued pairs' snapshots for the stored day, and marks the summary for rebuilding. */
async function refreshQueued(db: D1Database, meter: D1Meter, programmeId: string, queued: QueuedRow[], window: Window): Promise<void> {
  for (let i = 0; i < queued.length; i += REFRESH_CHUNK) {
    const chunk = queued.slice(i, i + REFRESH_CHUNK);
    const pairIds = [...new Set(chunk.map((q) => q.pair_id))];
    const shape = await readPairsShape(db, meter, programmeId, pairIds);
    if (!shape) throw notFound('programme');
    const snapshots = shape.pairs.length ? await computeSnapshots(db, meter, shape, window, false) : [];
    await db.batch([
      deletePairSnapshots(db, programmeId, pairIds),
      ...insertPairSnapshots(db, programmeId, isoDay(window.asOf), snapshots.map(snapshotRow)),
      markSummaryStale(db, programmeId),
      dequeue(db, chunk.map((q) => q.seq)),
    ]);
  }
}

/** Every pair's snapshot and the summary, for `window`; replaces the programme's snapshots in one batch. */
export async function rebuildProgramme(db: D1Database, programmeId: string, window = dashboardWindow({})): Promise<SummaryRow> {
  const meter = new D1Meter();
  const upTo = (await lastQueued(db, programmeId).first<{ seq: number }>())?.seq ?? 0;
  const shape = await readProgrammeShape(db, meter, programmeId);
  if (!shape) throw notFound('programme');
  const snapshots = await computeSnapshots(db, meter, shape, window, true);
  const body = JSON.stringify(dashboardSummary(snapshots, shape.people, window));
  const computedAt = nowIso();
  await db.batch([
    deleteProgrammeSnapshots(db, programmeId),
    ...insertPairSnapshots(db, programmeId, isoDay(window.asOf), snapshots.map(snapshotRow)),
    writeSummary(db, programmeId, isoDay(window.asOf), body, computedAt),
    dequeueUpTo(db, programmeId, upTo),
  ]);
  return { as_of: isoDay(window.asOf), body, computed_at: computedAt };
}

/** The summary and series, summed again from every pair snapshot. */
async function rebuildSummary(db: D1Database, meter: D1Meter, programmeId: string, asOf: string, window: Window): Promise<SummaryRow> {
  const [shape, parts] = await Promise.all([
    readProgrammeShape(db, meter, programmeId),
    readAllParts(db, programmeId).all<{ pair_id: string; parts_json: string }>(),
  ]);
  if (!shape) throw notFound('programme');
  const stored = new Map(meter.rows(parts).map((r) => [r.pair_id, r.parts_json]));
  // In the programme's pair order, as an on-demand dashboard sums them: float sums (the health interval) depend on it.
  const snapshots = shape.pairs.flatMap((pair) => { const json = stored.get(pair.id); return json ? [snapshotOf(pair, json)] : []; });
  const body = JSON.stringify(dashboardSummary(snapshots, shape.people, window));
  const computedAt = nowIso();
  await writeSummary(db, programmeId, asOf, body, computedAt).run();
  return { as_of: asOf, body, computed_at: computedAt };
}

/** The default window ending on a stored day. */
const windowOfDay = (asOf: string) => dashboardWindow({ asOf: `${asOf}T00:00:00.000Z` }, new Date(`${asOf}T00:00:00.000Z`));

/**
 * The snapshots brought up to date for the default window, as far as one read
 * may: the queued pairs refreshed, the summary rebuilt if it is stale. On a new
 * day the previous day's figures are served while every pair is recomputed.
 */
async function currentSummary(db: D1Database, meter: D1Meter, programmeId: string, later: Later | null, now: Date): Promise<SummaryRow> {
  const [programme, summaryResult, queueResult] = await db.batch<unknown>([
    db.prepare('SELECT id FROM programmes WHERE id = ?1').bind(programmeId),
    readSummary(db, programmeId),
    readQueue(db, programmeId, REFRESH_ON_READ + 1),
  ]);
  if (meter.rows(programme as D1Result).length === 0) throw notFound('programme');
  let summary = meter.rows(summaryResult as D1Result<SummaryRow>)[0];
  const today = dashboardWindow({}, now);
  if (!summary) return rebuildProgramme(db, programmeId, today);
  if (summary.as_of !== isoDay(today.asOf)) {
    if (later) later(rebuildProgramme(db, programmeId, today));
    else return rebuildProgramme(db, programmeId, today);
  }
  const window = windowOfDay(summary.as_of);
  const queued = meter.rows(queueResult as D1Result<QueuedRow>);
  if (queued.length > 0) {
    await refreshQueued(db, meter, programmeId, queued.slice(0, REFRESH_ON_READ), window);
    if (queued.length > REFRESH_ON_READ) later?.(drainQueue(db, programmeId));
    summary = { ...summary, body: null };
  }
  return summary.body === null ? rebuildSummary(db, meter, programmeId, summary.as_of, window) : summary;
}

/** Refreshes every queued pair of the programme (after a bulk write). */
export async function drainQueue(db: D1Database, programmeId: string): Promise<void> {
  const meter = new D1Meter();
  const summary = await readSummary(db, programmeId).first<SummaryRow>();
  if (!summary) return; // no snapshots yet: the first read builds them all
  for (;;) {
    const queued = (await readQueue(db, programmeId, REFRESH_CHUNK).all<QueuedRow>()).results;
    if (queued.length === 0) return;
    await refreshQueued(db, meter, programmeId, queued, windowOfDay(summary.as_of));
  }
}

/** Rebuilds, on a new day, every programme whose snapshots are older (the Cron Trigger). */
export async function slideSnapshots(db: D1Database, now = new Date()): Promise<number> {
  const today = dashboardWindow({}, now);
  const { results } = await db.prepare('SELECT programme_id FROM dashboard_snapshots WHERE as_of < ?1').bind(isoDay(today.asOf)).all<{ programme_id: string }>();
  for (const { programme_id } of results) await rebuildProgramme(db, programme_id, today);
  return results.length;
}

/**
 * Sessions starting before this cannot change the default window of today or
 * yesterday (the day a snapshot may still be on): their pairs' snapshots stay.
 */
export function snapshotCutoff(pairs: readonly { cadenceDays: number }[], now = new Date()): string {
  const yesterday = dashboardWindow({}, new Date(now.getTime() - 86_400_000));
  return new Date(sessionsReadFrom(yesterday, pairs)).toISOString();
}

// --- Serving ------------------------------------------------------------------------------

/** The default dashboard from snapshots: one page of pairs, the complete at-risk list, the stored summary. */
export async function snapshotDashboard(
  db: D1Database, programmeId: string, list: PairListQuery, later: Later | null, now = new Date(),
): Promise<Metered<DashboardPage>> {
  const meter = new D1Meter();
  const summary = await currentSummary(db, meter, programmeId, later, now);
  const window = windowOfDay(summary.as_of);
  const cursor = list.cursor === undefined ? null : decodeCursor(list.cursor, list.sort);
  if (list.cursor !== undefined && !cursor) throw badCursor();
  const filter = {
    ...(list.status ? { status: list.status } : {}),
    ...(list.flag ? { flagBit: flagBit(list.flag) } : {}),
    ...(list.cohort !== undefined ? { cohort: list.cohort } : {}),
    ...(list.q ? { search: list.q.toLowerCase() } : {}),
  };
  const [programmeRow, pageRows, totalRow, atRiskRows] = await db.batch<unknown>([
    db.prepare('SELECT id, name, k_anonymity, min_answers_per_member FROM programmes WHERE id = ?1').bind(programmeId),
    ...readPage(db, programmeId, filter, list.sort, list.order, cursor, list.limit),
    readAtRisk(db, programmeId),
  ]);
  const p = meter.rows(programmeRow as D1Result<{ id: string; name: string; k_anonymity: number; min_answers_per_member: number }>)[0]!;
  const rows = meter.rows(pageRows as D1Result<{ listed_json: string; sort_key: string | number }>);
  const page = rows.slice(0, list.limit);
  const last = page[page.length - 1];
  const { pairs, withheldReasons } = shareWithheldReasons(page.map((r) => JSON.parse(r.listed_json) as DashboardPair));
  const { summary: programmeSummary, months } = JSON.parse(summary.body!) as Pick<DashboardReport, 'summary' | 'months'>;
  return {
    body: {
      programme: programmeOut({ id: p.id, name: p.name, kAnonymity: p.k_anonymity, weights: null, minAnswersPerMember: p.min_answers_per_member }),
      window: windowOut(window),
      summary: programmeSummary,
      months,
      pairs,
      atRisk: meter.rows(atRiskRows as D1Result<{ listed_json: string }>).map((r) => atRiskEntry(JSON.parse(r.listed_json) as DashboardPair)).sort(atRiskOrder),
      pairsPage: {
        total: meter.rows(totalRow as D1Result<{ total: number }>)[0]!.total,
        limit: list.limit, sort: list.sort, order: list.order,
        nextCursor: rows.length > list.limit && last ? encodeCursor({ key: last.sort_key, id: (JSON.parse(last.listed_json) as DashboardPair).id }) : null,
      },
      served: { from: 'snapshot', computedAt: summary.computed_at },
      withheldReasons,
    },
    meter,
  };
}


const badCursor = () => invalid(['cursor'], 'cursor is not one this listing gave; start again without it');

/** A custom window, computed for this request, paged the same way. */
export async function computedDashboard(db: D1Database, programmeId: string, window: Window, list: PairListQuery): Promise<Metered<DashboardPage>> {
  const cursor = list.cursor === undefined ? null : decodeCursor(list.cursor, list.sort);
  if (list.cursor !== undefined && !cursor) throw badCursor();
  const { body, meter } = await programmeDashboard(db, programmeId, window);
  const { pairs, page } = pagePairs(body.pairs, list, cursor);
  const shared = shareWithheldReasons(pairs);
  return { body: { ...body, pairs: shared.pairs, withheldReasons: shared.withheldReasons, pairsPage: page, served: { from: 'computed', computedAt: null } }, meter };
}

/** Whether a dashboard query asks for the default window as of today. */
export function isDefaultWindow(query: { asOf?: string; from?: string; to?: string }, now = new Date()): boolean {
  if (query.from !== undefined || query.to !== undefined) return false;
  return query.asOf === undefined || Date.parse(query.asOf) === dashboardWindow({}, now).asOf;
}

