// Everything the extension remembers lives in storage.local, because the MV3
// service worker can be stopped at any moment and keeps nothing in memory.
import { browser } from 'wxt/browser';
import type { MatchRule, PairInfo } from '../sessions/matching';
import type { Prompt } from '../prompts/rules';
import type { Outbox, OutboxEntry } from '../outbox/outbox';
import type { AccessLost } from '../api/access';

export interface Account {
  workerUrl: string;
  token: string;
  participant: { id: string; displayName: string; email: string };
  /** meetingKeywords: the programme's title words (absent in accounts stored by older versions: none). */
  programme: { id: string; name: string; meetingKeywords?: string[] };
  pairs: PairInfo[];
  /** When pairs and programme were last refreshed from GET /me. */
  refreshedAt?: number;
  /** Set when the Worker refused this token (401): the programme reset or revoked it. Re-joining clears it. */
  accessLost?: AccessLost;
}

export type CalendarSettings =
  | { kind: 'none' }
  | { kind: 'ics'; url: string }
  | { kind: 'google' }
  | { kind: 'microsoft'; clientId: string; tenant: string };

export interface Settings {
  calendar: CalendarSettings;
  /** The person's other calendar addresses, besides their programme email (lower-case). */
  ownAddresses?: string[];
}

/** A series the person chose to ignore, by calendar UID; the title is for the options page. */
export interface IgnoredSeries {
  title: string;
  at: number;
}

/** One matched event, kept 14 days for the options page ("what matched and why"); never sent. */
export interface MatchLogEntry {
  programmeId: string;
  pairId: string;
  partnerName: string;
  eventKey: string;
  seriesUid: string;
  recurring: boolean;
  title: string;
  start: string;
  end: string;
  rule: MatchRule;
  keyword?: string;
}

export interface PollStatus {
  at: number;
  ok: boolean;
  events?: number;
  matched?: number;
  error?: string;
}

export interface Stored {
  accounts: Record<string, Account>;
  activeProgrammeId: string | null;
  settings: Settings;
  prompts: Record<string, Prompt>;
  pollStatus: PollStatus | null;
  ignoredSeries: Record<string, IgnoredSeries>;
  /** Keyed like prompts, `<pairId>|<eventKey>`. */
  matchLog: Record<string, MatchLogEntry>;
}

const DEFAULTS: Stored = {
  accounts: {},
  activeProgrammeId: null,
  settings: { calendar: { kind: 'none' } },
  prompts: {},
  pollStatus: null,
  ignoredSeries: {},
  matchLog: {},
};

export async function read<K extends keyof Stored>(key: K): Promise<Stored[K]> {
  const found = await browser.storage.local.get(key);
  return (found[key] as Stored[K] | undefined) ?? structuredClone(DEFAULTS[key]);
}

export async function write<K extends keyof Stored>(key: K, value: Stored[K]): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

export async function activeAccount(): Promise<Account | null> {
  const [accounts, active] = await Promise.all([read('accounts'), read('activeProgrammeId')]);
  return (active && accounts[active]) || null;
}

/**
 * Runs `step` after every earlier step on the same storage key in this
 * context, so that two handlers waking together do not drop each other's
 * read-modify-write.
 */
const chains = new Map<string, Promise<unknown>>();
function serialised<T>(key: string, step: () => Promise<T>): Promise<T> {
  const run = (chains.get(key) ?? Promise.resolve()).then(step);
  const settled = run.catch(() => undefined);
  chains.set(key, settled);
  // Forget finished chains, or one key per outbox entry would grow the map for ever.
  void settled.then(() => chains.get(key) === settled && chains.delete(key));
  return run;
}

/** Read-modify-write of one key, serialised within this context. */
export function update<K extends keyof Stored>(key: K, change: (value: Stored[K]) => Stored[K]): Promise<Stored[K]> {
  return serialised(key, async () => {
    const next = change(await read(key));
    await write(key, next);
    return next;
  });
}

// The outbox keeps one key per entry (`outbox:<response id>`), so queuing or
// settling an answer reads and writes that entry alone, whatever the number
// of answers waiting. Versions up to 0.1.0 kept the whole outbox under one
// `outbox` key; it is still read, and moved to per-entry keys before the
// first entry is written.
export const OUTBOX_PREFIX = 'outbox:';
export const LEGACY_OUTBOX_KEY = 'outbox';

const entryKey = (id: string) => OUTBOX_PREFIX + id;

/** Of two copies of one entry, the one with the newer answer; on a tie, `current` (the per-entry copy). */
function newer(current: OutboxEntry | undefined, other: OutboxEntry): OutboxEntry {
  return current && current.body.answeredAt >= other.body.answeredAt ? current : other;
}

/** Every outbox entry, the old single-key layout included: one scan, for a run or a page, never per answer. */
export async function readOutbox(): Promise<Outbox> {
  const everything = await browser.storage.local.get(null);
  return outboxFrom(everything);
}

/** The outbox entries among stored items, merged with an old single-key outbox if one is still there. */
export function outboxFrom(items: Record<string, unknown>): Outbox {
  const outbox: Outbox = {};
  for (const [key, value] of Object.entries(items)) {
    if (key.startsWith(OUTBOX_PREFIX)) outbox[key.slice(OUTBOX_PREFIX.length)] = value as OutboxEntry;
  }
  const legacy = (items[LEGACY_OUTBOX_KEY] ?? {}) as Outbox;
  for (const [id, entry] of Object.entries(legacy)) outbox[id] = newer(outbox[id], entry);
  return outbox;
}

/**
 * Read-modify-write of one outbox entry; `change` returns undefined to delete
 * it. Only the service worker calls this (pages never write the outbox).
 */
export async function updateOutboxEntry(
  id: string,
  change: (entry: OutboxEntry | undefined) => OutboxEntry | undefined,
): Promise<OutboxEntry | undefined> {
  // One small read: an old single-key outbox is moved before any entry is written beside it.
  if ((await browser.storage.local.get(LEGACY_OUTBOX_KEY))[LEGACY_OUTBOX_KEY]) await moveLegacyOutbox();
  return serialised(entryKey(id), async () => {
    const key = entryKey(id);
    const current = (await browser.storage.local.get(key))[key] as OutboxEntry | undefined;
    const next = change(current);
    if (next === current) return current;
    if (next) await browser.storage.local.set({ [key]: next });
    else await browser.storage.local.remove(key);
    return next;
  });
}

/**
 * Moves an old single-key outbox into per-entry keys in one write, then
 * deletes it. The entries are written before the old key goes, so a service
 * worker stopped in between loses nothing: the next call moves them again,
 * and `newer` keeps copies already moved (and perhaps sent since) as they are.
 */
export function moveLegacyOutbox(): Promise<void> {
  // Calls that overlap share one move, so a second move cannot put back an entry the first one's caller has since changed.
  moving ??= moveOnce().finally(() => {
    moving = null;
  });
  return moving;
}

let moving: Promise<void> | null = null;

async function moveOnce(): Promise<void> {
  const legacy = (await browser.storage.local.get(LEGACY_OUTBOX_KEY))[LEGACY_OUTBOX_KEY] as Outbox | undefined;
  if (!legacy) return;
  const keys = Object.keys(legacy).map(entryKey);
  const current = await browser.storage.local.get(keys);
  const moved = Object.fromEntries(
    Object.entries(legacy).map(([id, entry]) => [entryKey(id), newer(current[entryKey(id)] as OutboxEntry | undefined, entry)]),
  );
  await browser.storage.local.set(moved);
  await browser.storage.local.remove(LEGACY_OUTBOX_KEY);
}
