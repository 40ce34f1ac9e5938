// Where the outbox lives: storage.local, one key per entry, beside (not inside)
// the rest of what the extension remembers (state/store.ts).
import { browser } from 'wxt/browser';
import { serialised } from '../state/store';
import { stampOf, type Outbox, type OutboxEntry } from './machine';

// The outbox keeps one key per entry (`outbox:<response id>`), so queuing or
// settling an answer reads and writes that entry alone, whatever the number
// of answers waiting. Versions up to 0.1.0 kept the whole outbox under one
// `outbox` key; it is still read, and moved to per-entry keys before the
// first entry is written.
export const OUTBOX_PREFIX = 'outbox:';
export const LEGACY_OUTBOX_KEY = 'outbox';

const entryKey = (id: string) => OUTBOX_PREFIX + id;

/** Of two copies of one entry, the newer version; on a tie, `current` (the per-entry copy). */
function newer(current: OutboxEntry | undefined, other: OutboxEntry): OutboxEntry {
  return current && stampOf(current) >= stampOf(other) ? current : other;
}

/** Every outbox entry, the old single-key layout included: one scan, for a run or a page, never per answer. */
export async function readOutbox(): Promise<Outbox> {
  const everything = await browser.storage.local.get(null);
  return outboxFrom(everything);
}

/** One entry as stored now (per-entry key only: the old single key is moved before any entry of the loop is written). */
export async function readOutboxEntry(id: string): Promise<OutboxEntry | undefined> {
  return (await browser.storage.local.get(entryKey(id)))[entryKey(id)] as OutboxEntry | undefined;
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
