// Pages read storage and re-render when the background changes it.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message, Reply } from '../background/messages';
import type { Outbox, OutboxEntry } from '../outbox/machine';
import { LEGACY_OUTBOX_KEY, OUTBOX_PREFIX, readOutbox } from '../outbox/storage';
import { read, type Stored } from '../state/store';

type StorageChanges = Record<string, { newValue?: unknown }>;

/**
 * The stored value, or undefined until the first read finishes. A change
 * event carries the new value, so it is used as it is rather than read again.
 */
export function useStored<K extends keyof Stored>(key: K): Stored[K] | undefined {
  const [value, setValue] = useState<{ v: Stored[K] }>();
  useEffect(() => {
    let live = true;
    // Only the newest read or change counts: an older read still in flight must not undo a change.
    let latest = 0;
    const load = async () => {
      const mine = ++latest;
      const v = await read(key);
      if (live && mine === latest) setValue({ v });
    };
    void load();
    const listener = (changes: StorageChanges, area: string) => {
      const change = area === 'local' ? changes[key] : undefined;
      if (!change) return;
      // Removed: read again, which supplies the default.
      if (change.newValue === undefined) return void load();
      latest++;
      setValue({ v: change.newValue as Stored[K] });
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [key]);
  return value?.v;
}

/**
 * The whole outbox, read once and then kept current from the change events,
 * which carry each changed entry: a page does not rescan every answer each
 * time one of them changes.
 */
export function useOutbox(): Outbox | undefined {
  const [outbox, setOutbox] = useState<Outbox>();
  useEffect(() => {
    let live = true;
    // A change that lands while a scan runs may be missing from it: it starts a newer scan, and only the newest one counts.
    let latest = 0;
    let scanning = 0;
    const load = async () => {
      const mine = ++latest;
      scanning++;
      try {
        const all = await readOutbox();
        if (live && mine === latest) setOutbox(all);
      } finally {
        scanning--;
      }
    };
    void load();
    const listener = (changes: StorageChanges, area: string) => {
      if (area !== 'local') return;
      // The old single-key outbox being moved: rescan once.
      if (LEGACY_OUTBOX_KEY in changes || scanning > 0) return void load();
      const edits = Object.entries(changes).filter(([key]) => key.startsWith(OUTBOX_PREFIX));
      if (edits.length) setOutbox((current) => current && withChanges(current, edits));
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return outbox;
}

function withChanges(outbox: Outbox, edits: Array<[string, { newValue?: unknown }]>): Outbox {
  const next = { ...outbox };
  for (const [key, { newValue }] of edits) {
    const id = key.slice(OUTBOX_PREFIX.length);
    if (newValue === undefined) delete next[id];
    else next[id] = newValue as OutboxEntry;
  }
  return next;
}

export function ask(message: Message): Promise<Reply> {
  return browser.runtime.sendMessage(message) as Promise<Reply>;
}
