// The served-figures tables (worker/migrations/0006_snapshots.sql): pair
// snapshots, the programme's dashboard summary, the refresh queue and the
// culture cache. Bulk statements bind their rows as one JSON array.

export interface PairSnapshotRow {
  pairId: string;
  listed: 0 | 1;
  status: string | null;
  cohort: string;
  flags: number;
  sortHealth: number;
  sortName: string;
  search: string;
  listedJson: string | null;
  partsJson: string;
}

/** Rows per write statement: D1 caps a bound value at 2 MB, and a row is a few kB. */
export const SNAPSHOT_ROWS_PER_STATEMENT = 250;

const IN_JSON = (n: number) => `(SELECT value FROM json_each(?${n}))`;

export function deletePairSnapshots(db: D1Database, programmeId: string, pairIds: readonly string[]) {
  return db.prepare(`DELETE FROM pair_snapshots WHERE programme_id = ?1 AND pair_id IN ${IN_JSON(2)}`).bind(programmeId, JSON.stringify(pairIds));
}

export function deleteProgrammeSnapshots(db: D1Database, programmeId: string) {
  return db.prepare('DELETE FROM pair_snapshots WHERE programme_id = ?1').bind(programmeId);
}

export function insertPairSnapshots(db: D1Database, programmeId: string, asOf: string, rows: readonly PairSnapshotRow[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += SNAPSHOT_ROWS_PER_STATEMENT) {
    statements.push(db.prepare(`INSERT OR REPLACE INTO pair_snapshots
        (programme_id, pair_id, as_of, listed, status, cohort, flags, sort_health, sort_name, search, listed_json, parts_json)
      SELECT ?1, j.value->>'$.pairId', ?2, j.value->>'$.listed', j.value->>'$.status', j.value->>'$.cohort', j.value->>'$.flags',
        j.value->>'$.sortHealth', j.value->>'$.sortName', j.value->>'$.search', j.value->>'$.listedJson', j.value->>'$.partsJson'
      FROM json_each(?3) j`).bind(programmeId, asOf, JSON.stringify(rows.slice(i, i + SNAPSHOT_ROWS_PER_STATEMENT))));
  }
  return statements;
}

/** The summary is rebuilt from the pair snapshots on the next read. */
export function markSummaryStale(db: D1Database, programmeId: string) {
  return db.prepare('UPDATE dashboard_snapshots SET body = NULL WHERE programme_id = ?1').bind(programmeId);
}

export function writeSummary(db: D1Database, programmeId: string, asOf: string, body: string, now: string) {
  return db.prepare(`INSERT OR REPLACE INTO dashboard_snapshots (programme_id, as_of, body, computed_at) VALUES (?1, ?2, ?3, ?4)`)
    .bind(programmeId, asOf, body, now);
}

export interface SummaryRow { as_of: string; body: string | null; computed_at: string }

export function readSummary(db: D1Database, programmeId: string) {
  return db.prepare('SELECT as_of, body, computed_at FROM dashboard_snapshots WHERE programme_id = ?1').bind(programmeId);
}

// The queue. INSERT OR REPLACE gives a re-queued pair a new seq.
export function enqueuePairs(db: D1Database, programmeId: string, pairIds: readonly string[]) {
  return db.prepare(`INSERT OR REPLACE INTO snapshot_queue (programme_id, pair_id) SELECT ?1, value FROM json_each(?2)`)
    .bind(programmeId, JSON.stringify(pairIds));
}

/** Queues the pairs of the given sessions that start at or after `from` (older ones cannot change the default window). */
export function enqueueSessionPairs(db: D1Database, sessionIds: readonly string[], from: string) {
  return db.prepare(`INSERT OR REPLACE INTO snapshot_queue (programme_id, pair_id)
      SELECT DISTINCT programme_id, pair_id FROM sessions WHERE id IN ${IN_JSON(1)} AND start_at >= ?2`)
    .bind(JSON.stringify([...new Set(sessionIds)]), from);
}

export interface QueuedRow { seq: number; pair_id: string }

export function readQueue(db: D1Database, programmeId: string, limit: number) {
  return db.prepare('SELECT seq, pair_id FROM snapshot_queue WHERE programme_id = ?1 ORDER BY seq LIMIT ?2').bind(programmeId, limit);
}

export function dequeue(db: D1Database, seqs: readonly number[]) {
  return db.prepare(`DELETE FROM snapshot_queue WHERE seq IN ${IN_JSON(1)}`).bind(JSON.stringify(seqs));
}

export function dequeueUpTo(db: D1Database, programmeId: string, seq: number) {
  return db.prepare('DELETE FROM snapshot_queue WHERE programme_id = ?1 AND seq <= ?2').bind(programmeId, seq);
}

export function lastQueued(db: D1Database, programmeId: string) {
  return db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM snapshot_queue WHERE programme_id = ?1').bind(programmeId);
}

export function readAllParts(db: D1Database, programmeId: string) {
  return db.prepare('SELECT pair_id, parts_json FROM pair_snapshots WHERE programme_id = ?1').bind(programmeId);
}

export function readAtRisk(db: D1Database, programmeId: string) {
  return db.prepare(`SELECT listed_json FROM pair_snapshots
    WHERE programme_id = ?1 AND listed = 1 AND status = 'at_risk' ORDER BY sort_health, pair_id`).bind(programmeId);
}

export interface PageFilter {
  status?: string;
  flagBit?: number;
  cohort?: string;
  search?: string;
}

const SORT_COLUMN = { id: 'pair_id', health: 'sort_health', name: 'sort_name' } as const;

function filterSql(filter: PageFilter): { sql: string; binds: unknown[] } {
  const parts: string[] = [];
  const binds: unknown[] = [];
  const add = (sql: string, value: unknown) => { binds.push(value); parts.push(sql.replace('?', `?${binds.length + 1}`)); };
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.flagBit !== undefined) add('(flags & ?) != 0', filter.flagBit);
  if (filter.cohort !== undefined) add('cohort = ?', filter.cohort);
  if (filter.search) add('instr(search, ?) > 0', filter.search);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), binds };
}

/** One page of listed pairs (limit + 1 rows, so the caller can tell whether there is more) and the filtered total. */
export function readPage(
  db: D1Database, programmeId: string, filter: PageFilter, sort: keyof typeof SORT_COLUMN, order: 'asc' | 'desc',
  after: { key: string | number; id: string } | null, limit: number,
): D1PreparedStatement[] {
  const where = filterSql(filter);
  const column = SORT_COLUMN[sort];
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  const base = `FROM pair_snapshots WHERE programme_id = ?1 AND listed = 1${where.sql}`;
  const n = where.binds.length + 1;
  const cursor = after ? ` AND (${column}, pair_id) ${order === 'desc' ? '<' : '>'} (?${n + 1}, ?${n + 2})` : '';
  const page = db.prepare(`SELECT listed_json, ${column} AS sort_key ${base}${cursor} ORDER BY ${column} ${direction}, pair_id ${direction} LIMIT ?${n + (after ? 3 : 1)}`)
    .bind(programmeId, ...where.binds, ...(after ? [after.key, after.id] : []), limit + 1);
  const total = db.prepare(`SELECT COUNT(*) AS total ${base}`).bind(programmeId, ...where.binds);
  return [page, total];
}

// The culture cache.
export function readCulture(db: D1Database, programmeId: string, request: string) {
  return db.prepare('SELECT body FROM culture_cache WHERE programme_id = ?1 AND request = ?2').bind(programmeId, request);
}

export function writeCulture(db: D1Database, programmeId: string, request: string, lastMonth: string, body: string, now: string) {
  return db.prepare('INSERT OR REPLACE INTO culture_cache (programme_id, request, last_month, body, computed_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(programmeId, request, lastMonth, body, now);
}

/** Drops every cached culture table that read `month` (or any later one). */
export function invalidateCultureFrom(db: D1Database, programmeId: string, month: string) {
  return db.prepare('DELETE FROM culture_cache WHERE programme_id = ?1 AND last_month >= ?2').bind(programmeId, month);
}

/** The same, for the earliest month of the given sessions. */
export function invalidateCultureForSessions(db: D1Database, programmeId: string, sessionIds: readonly string[]) {
  return db.prepare(`DELETE FROM culture_cache WHERE programme_id = ?1
      AND last_month >= (SELECT MIN(month) FROM sessions WHERE id IN ${IN_JSON(2)})`)
    .bind(programmeId, JSON.stringify([...new Set(sessionIds)]));
}

/**
 * A closing answer about `pairId` arrived (or changed): drops the cached tables
 * that read its pair's last month or a later one, where its period's closing
 * cells are; all of them if the pair has no end. The checks route runs this in
 * the batch that writes the answer.
 */
export function invalidateCultureForClosing(db: D1Database, programmeId: string, pairId: string) {
  return db.prepare(`DELETE FROM culture_cache WHERE programme_id = ?1
      AND last_month >= COALESCE((SELECT substr(ends_on, 1, 7) FROM pairs WHERE id = ?2 AND programme_id = ?1), '')`)
    .bind(programmeId, pairId);
}

export function invalidateAllCulture(db: D1Database, programmeId: string) {
  return db.prepare('DELETE FROM culture_cache WHERE programme_id = ?1').bind(programmeId);
}

/** A setting every pair figure depends on changed: the next read rebuilds the whole programme. */
export function forgetSummary(db: D1Database, programmeId: string) {
  return db.prepare('DELETE FROM dashboard_snapshots WHERE programme_id = ?1').bind(programmeId);
}
