// Everything the extension remembers lives in storage.local, because the MV3
// service worker can be stopped at any moment and keeps nothing in memory.
import { browser } from 'wxt/browser';
import type { MatchRule, PairInfo } from '../sessions/matching';
import type { Prompt } from '../prompts/rules';
import type { AccessLost } from '../api/access';
import type { MemberPair as ContractPair, OwnRequest, OwnResponse, Redeemed } from '../../shared/contract';

/**
 * A pair as GET /me describes it. The loop's fields are absent in accounts
 * stored by older versions, or read from an older Worker: then nothing extra is asked.
 */
export type MemberPair = PairInfo & Partial<Pick<ContractPair, 'questions' | 'jointSummary'>>;

export interface Account {
  workerUrl: string;
  token: string;
  participant: Pick<Redeemed['participant'], 'id' | 'displayName' | 'email'>;
  /** meetingKeywords: the programme's title words (absent in accounts stored by older versions: none). */
  /** As the Worker describes it; keywords and the prompt cap are absent in accounts stored by older versions. */
  programme: Omit<Redeemed['programme'], 'meetingKeywords' | 'maxPromptsPerPairPerWeek'>
    & Partial<Pick<Redeemed['programme'], 'meetingKeywords' | 'maxPromptsPerPairPerWeek'>>;
  pairs: MemberPair[];
  /** The person's own requests to the programme team, as the last GET /me listed them. */
  requests?: OwnRequest[];
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
  /** "Ask me about every other session" and quiet hours (prompts/selection.ts). */
  pacing?: Pacing;
}

/** The person's own choices for fewer prompts. */
export interface Pacing {
  everyOther: boolean;
  /** Local hours, 0–23: no prompt opens from `start` until `end` (across midnight when start > end). */
  quietHours: { start: number; end: number } | null;
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

/**
 * The person's answers as the last successful GET /me listed them, so that
 * "Your answers" still shows them when the Worker cannot be reached. Kept per
 * programme, for the participant who fetched them; sign-out deletes it.
 */
export interface SyncedAnswers {
  participantId: string;
  syncedAt: number;
  responses: OwnResponse[];
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
  /** Keyed by programme id. */
  syncedAnswers: Record<string, SyncedAnswers>;
  /** Relationship checks and closing questions already notified, by `<programmeId>|<pairId>|<kind>|<milestone>`, with when. */
  checkNotices: Record<string, number>;
}

const DEFAULTS: Stored = {
  accounts: {},
  activeProgrammeId: null,
  settings: { calendar: { kind: 'none' } },
  prompts: {},
  pollStatus: null,
  ignoredSeries: {},
  matchLog: {},
  syncedAnswers: {},
  checkNotices: {},
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
 * read-modify-write. The outbox's per-entry keys (outbox/storage.ts) use it too.
 */
const chains = new Map<string, Promise<unknown>>();
export function serialised<T>(key: string, step: () => Promise<T>): Promise<T> {
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

/** Sign-out: the token goes, and with it everything fetched with it (the cached answers). */
export async function signOut(programmeId: string): Promise<void> {
  await update('accounts', (accounts) => without(accounts, programmeId));
  await update('syncedAnswers', (synced) => without(synced, programmeId));
  const [accounts, active] = await Promise.all([read('accounts'), read('activeProgrammeId')]);
  if (!active || !accounts[active]) await write('activeProgrammeId', Object.keys(accounts)[0] ?? null);
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}

/**
 * Keeps a successful GET /me's answers for the offline view. Skipped when the
 * account was signed out (or re-joined with another token) while /me was on
 * its way, so a sign-out is never undone by a late answer.
 */
export function rememberAnswers(account: Account, responses: OwnResponse[], now: number): Promise<void> {
  return serialised('syncedAnswers', async () => {
    const current = (await read('accounts'))[account.programme.id];
    if (current?.token !== account.token) return;
    const synced = await read('syncedAnswers');
    const entry: SyncedAnswers = { participantId: account.participant.id, syncedAt: now, responses };
    await write('syncedAnswers', { ...synced, [account.programme.id]: entry });
  });
}
