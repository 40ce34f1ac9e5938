// The dashboard's pair list, one page at a time: filtered by status, flag,
// cohort and a name search, sorted, and cut after a cursor. The Worker runs the
// same rule in SQL over the pair snapshots, on the sort keys and search text
// that these functions compute when a snapshot is written, so both agree.
import type { DashboardPair } from './dashboard';
import { FLAGS, type FlagName, type PairStatus } from './pair';

export const PAIR_SORTS = ['id', 'health', 'name'] as const;
export type PairSort = (typeof PAIR_SORTS)[number];
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;

export interface PairListQuery {
  status?: PairStatus;
  flag?: FlagName;
  cohort?: string;
  /** Case-insensitive part of either member's display name. */
  q?: string;
  sort: PairSort;
  order: 'asc' | 'desc';
  limit: number;
  /** From the previous page's nextCursor. */
  cursor?: string;
}

export interface PairsPage {
  /** Pairs matching the filters, over all pages. */
  total: number;
  limit: number;
  sort: PairSort;
  order: 'asc' | 'desc';
  /** Give it as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export type SortKey = string | number;

/** The key a pair sorts by (ties go by id). Pairs without a health score sort as -1, below every score. */
export function sortKey(pair: DashboardPair, sort: PairSort): SortKey {
  if (sort === 'health') return pair.health ?? -1;
  if (sort === 'name') return nameKey(pair);
  return pair.id;
}

export const nameKey = (pair: DashboardPair) => pair.members.map((m) => m.displayName.toLowerCase()).join(' & ');

/** What the name search looks in. */
export const searchText = (pair: DashboardPair) => pair.members.map((m) => m.displayName.toLowerCase()).join('\n');

export const flagMask = (pair: DashboardPair) => pair.flags.reduce((mask, f) => mask | (1 << FLAGS.indexOf(f.flag)), 0);
export const flagBit = (flag: FlagName) => 1 << FLAGS.indexOf(flag);

export interface Cursor {
  key: SortKey;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(encodeURIComponent(JSON.stringify([cursor.key, cursor.id]))).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/** The cursor, or null when it is not one this sort produced. */
export function decodeCursor(text: string, sort: PairSort): Cursor | null {
  try {
    const [key, id] = JSON.parse(decodeURIComponent(atob(text.replaceAll('-', '+').replaceAll('_', '/')))) as unknown[];
    const keyType = sort === 'health' ? 'number' : 'string';
    return typeof key === keyType && typeof id === 'string' ? { key: key as SortKey, id } : null;
  } catch {
    return null;
  }
}

const compare = (x: SortKey, y: SortKey) => (x < y ? -1 : x > y ? 1 : 0);

export function matchesFilters(pair: DashboardPair, query: Omit<PairListQuery, 'sort' | 'order' | 'limit' | 'cursor'>): boolean {
  if (query.status && pair.status !== query.status) return false;
  if (query.flag && !pair.flags.some((f) => f.flag === query.flag)) return false;
  if (query.cohort !== undefined && pair.cohort !== query.cohort) return false;
  if (query.q && !searchText(pair).includes(query.q.toLowerCase())) return false;
  return true;
}

/** One page of `pairs` (all of a window's pairs), by the query's filters, order and cursor. */
export function pagePairs(pairs: readonly DashboardPair[], query: PairListQuery, cursor: Cursor | null): { pairs: DashboardPair[]; page: PairsPage } {
  const sign = query.order === 'desc' ? -1 : 1;
  const keyed = pairs.filter((p) => matchesFilters(p, query)).map((p) => ({ p, key: sortKey(p, query.sort) }));
  const order = (x: { key: SortKey; p: DashboardPair }, y: { key: SortKey; p: DashboardPair }) =>
    sign * (compare(x.key, y.key) || compare(x.p.id, y.p.id));
  keyed.sort(order);
  const after = cursor ? keyed.filter((k) => order(k, { key: cursor.key, p: { id: cursor.id } as DashboardPair }) > 0) : keyed;
  const page = after.slice(0, query.limit);
  const last = page[page.length - 1];
  const more = after.length > query.limit && last;
  return {
    pairs: page.map((k) => k.p),
    page: { total: keyed.length, limit: query.limit, sort: query.sort, order: query.order, nextCursor: more ? encodeCursor({ key: last.key, id: last.p.id }) : null },
  };
}
