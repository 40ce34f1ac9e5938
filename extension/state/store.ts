// Everything the extension remembers lives in storage.local, because the MV3
// service worker can be stopped at any moment and keeps nothing in memory.
import { browser } from 'wxt/browser';
import type { PairInfo } from '../sessions/matching';
import { DEFAULT_KEYWORD } from '../sessions/matching';
import type { Prompt } from '../prompts/rules';
import type { Outbox } from '../outbox/outbox';

export interface Account {
  workerUrl: string;
  token: string;
  participant: { id: string; displayName: string; email: string };
  programme: { id: string; name: string };
  pairs: PairInfo[];
}

export type CalendarSettings =
  | { kind: 'none' }
  | { kind: 'ics'; url: string }
  | { kind: 'google' }
  | { kind: 'microsoft'; clientId: string; tenant: string };

export interface Settings {
  calendar: CalendarSettings;
  keyword: string;
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
  outbox: Outbox;
  pollStatus: PollStatus | null;
}

const DEFAULTS: Stored = {
  accounts: {},
  activeProgrammeId: null,
  settings: { calendar: { kind: 'none' }, keyword: DEFAULT_KEYWORD },
  prompts: {},
  outbox: {},
  pollStatus: null,
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
 * Read-modify-write of one key, serialised within this context so that two
 * handlers waking together do not drop each other's changes.
 */
const chains = new Map<string, Promise<unknown>>();
export function update<K extends keyof Stored>(key: K, change: (value: Stored[K]) => Stored[K]): Promise<Stored[K]> {
  const run = (chains.get(key) ?? Promise.resolve()).then(async () => {
    const next = change(await read(key));
    await write(key, next);
    return next;
  });
  chains.set(key, run.catch(() => undefined));
  return run;
}
