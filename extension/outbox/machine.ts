// The outbox machine: every answer is stored before it is sent, and stays until
// the Worker confirms it. Pure transitions (record → send → settle), and the
// flush that drives them with storage, clock, randomness and transport
// injected, so it is tested without a browser, including a service worker that
// dies mid-send. storage.ts keeps the entries, runner.ts wires it to the
// service worker.
// Besides answers it carries everything else a person sends (extension/README.md,
// "The outbox"): pairing checks, requests to the programme team, joint-summary
// sharing changes and reports of sessions the person was not asked about.
import type { z } from 'zod';
import type { SubmitResponse } from '../../shared/schemas';
import type { reportSession } from '../../shared/contract/answers';
import type { submitCheck } from '../../shared/contract/checks';
import type { submitRequest } from '../../shared/contract/requests';
import type { setSharing } from '../../shared/contract/sharing';

/** The request body as the extension builds it (before zod normalises times). */
export type ResponseBody = Omit<SubmitResponse, 'answeredAt'> & { answeredAt: string };
/** PUT /me/checks/:id; answeredAt orders two versions of one check. */
export type CheckBody = z.input<typeof submitCheck> & { answeredAt: string };
/** PUT /me/requests/:id; sentAt orders two versions of one request. */
export type RequestBody = z.input<typeof submitRequest> & { sentAt: string };
/** PUT /me/pairs/:pairId/sharing; changedAt orders changes for one pair. */
export type SharingBody = z.input<typeof setSharing> & { changedAt: string };
/** POST /sessions for a session the person was not asked about. */
export type SessionReportBody = z.input<typeof reportSession> & { asked: false };

/**
 * What an entry carries. An entry without `kind` is an answer (entries stored
 * by earlier versions have none).
 */
export type OutboxItem =
  | { kind?: 'response'; body: ResponseBody }
  | { kind: 'check'; body: CheckBody }
  | { kind: 'request'; body: RequestBody }
  /** Keyed `sharing:<pairId>`, so a newer change for the pair replaces a queued older one. */
  | { kind: 'sharing'; pairId: string; body: SharingBody }
  /** Keyed `session:<pairId>|<eventKey>`; `recordedAt` orders it like the others' stamps. */
  | { kind: 'session'; body: SessionReportBody; recordedAt: string };

export type EntryKind = NonNullable<OutboxItem['kind']>;

export type EntryState = 'queued' | 'sending' | 'sent' | 'failed';

interface EntryFields {
  /** The client UUID of an answer, check or request (its PUT path, so resends are idempotent); `sharing:…` or `session:…` for the others. */
  id: string;
  programmeId: string;
  state: EntryState;
  /** Bumped on each edit, so a send of an older version cannot mark a newer one sent. */
  version: number;
  attempts: number;
  nextAttemptAt: number;
  /** While sending: when the attempt started and which version it carries. */
  sendingSince?: number;
  sendingVersion?: number;
  sentAt?: number;
  lastError?: string;
  /** Why the Worker refused for good (shown to the person). */
  failure?: { status: number; code: string; message: string };
}

export type OutboxEntry = EntryFields & OutboxItem;
/** An entry of the pair's loop: anything but an answer. */
export type LoopEntry = EntryFields & Exclude<OutboxItem, { kind?: 'response' }>;

export function isLoopEntry(entry: OutboxEntry): entry is LoopEntry {
  return entry.kind !== undefined && entry.kind !== 'response';
}

export type Outbox = Record<string, OutboxEntry>;

export type SendOutcome =
  /** answer: the Worker's JSON answer, when the transport read it (the sharing state). */
  | { kind: 'ok'; status: number; answer?: unknown }
  | { kind: 'http'; status: number; code?: string; message?: string; retryAfterMs?: number }
  /** cause: what fetch threw, so the runner can tell a timeout from no connection in the person's words. */
  | { kind: 'network'; message: string; cause?: unknown };

export const BASE_DELAY = 15_000;
export const MAX_DELAY = 60 * 60_000;
/** A send older than this was cut off (the service worker died); it is tried again. */
export const SEND_LEASE = 60_000;
/** Statuses that no retry can fix. */
export const PERMANENT_STATUSES = new Set([400, 403, 404, 409, 422]);
const KEEP_SENT = 30 * 24 * 60 * 60_000;

/** When the person made this version: what decides which of two versions of one entry is newer. */
export function stampOf(entry: OutboxItem): string {
  switch (entry.kind) {
    case 'request':
      return entry.body.sentAt;
    case 'sharing':
      return entry.body.changedAt;
    case 'session':
      return entry.recordedAt;
    default:
      return entry.body.answeredAt;
  }
}

export function kindOf(entry: OutboxItem): EntryKind {
  return entry.kind ?? 'response';
}

/** An answer entry's body, or undefined for an entry of another kind. */
export function answerBody(entry: OutboxEntry | undefined): ResponseBody | undefined {
  return entry && kindOf(entry) === 'response' ? (entry.body as ResponseBody) : undefined;
}

/** Stores an answer in its entry; a newer answer replaces an older one, never the reverse (then `existing` comes back). */
export function recordEntry(
  existing: OutboxEntry | undefined,
  id: string,
  programmeId: string,
  body: ResponseBody,
  now: number,
): OutboxEntry {
  return recordItem(existing, id, programmeId, { body }, now);
}

/** `recordEntry` for any kind: the newer version (by its stamp) wins, and an older one never replaces it. */
export function recordItem(
  existing: OutboxEntry | undefined,
  id: string,
  programmeId: string,
  item: OutboxItem,
  now: number,
): OutboxEntry {
  if (existing && stampOf(existing) > stampOf(item)) return existing;
  return {
    id,
    programmeId,
    ...item,
    state: 'queued',
    version: (existing?.version ?? 0) + 1,
    attempts: 0,
    nextAttemptAt: now,
    ...(existing?.state === 'sending'
      ? { sendingSince: existing.sendingSince, sendingVersion: existing.sendingVersion }
      : {}),
  };
}

/** `recordEntry` over a whole outbox. */
export function record(outbox: Outbox, id: string, programmeId: string, body: ResponseBody, now: number): Outbox {
  const entry = recordEntry(outbox[id], id, programmeId, body, now);
  return entry === outbox[id] ? outbox : { ...outbox, [id]: entry };
}

/** Queued and due, or stuck in a send that outlived its lease. */
export function isDue(entry: OutboxEntry, now: number): boolean {
  return (
    (entry.state === 'queued' && entry.nextAttemptAt <= now) ||
    (entry.state === 'sending' && (entry.sendingSince ?? 0) + SEND_LEASE <= now)
  );
}

/** Entries to send now. */
export function dueEntries(outbox: Outbox, now: number): OutboxEntry[] {
  return Object.values(outbox).filter((entry) => isDue(entry, now));
}

export function startSending(entry: OutboxEntry, now: number): OutboxEntry {
  return { ...entry, state: 'sending', sendingSince: now, sendingVersion: entry.version };
}

/** Exponential backoff with jitter (half fixed, half random), never sooner than Retry-After. */
export function retryDelay(attempts: number, random: number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (exponential / 2) * random;
  return Math.ceil(Math.max(jittered, retryAfterMs ?? 0));
}

/** Applies the answer of one send to the entry as it is NOW in storage (it may have been edited meanwhile). */
export function settle(
  current: OutboxEntry,
  sentVersion: number,
  outcome: SendOutcome,
  now: number,
  random: number,
): OutboxEntry {
  const edited = current.version !== sentVersion;
  const base: OutboxEntry = { ...current, sendingSince: undefined, sendingVersion: undefined };
  if (outcome.kind === 'ok') {
    // The older version reached the Worker; the newer one still has to.
    if (edited) return { ...base, state: 'queued', nextAttemptAt: now, lastError: undefined };
    return { ...base, state: 'sent', sentAt: now, lastError: undefined, failure: undefined };
  }
  if (outcome.kind === 'http' && PERMANENT_STATUSES.has(outcome.status) && !edited) {
    const failure = {
      status: outcome.status,
      code: outcome.code ?? 'rejected',
      message: outcome.message ?? `The server refused this answer (${outcome.status}).`,
    };
    return { ...base, state: 'failed', failure, lastError: failure.message };
  }
  if (edited) return { ...base, state: 'queued', nextAttemptAt: now };
  const attempts = current.attempts + 1;
  const retryAfterMs = outcome.kind === 'http' ? outcome.retryAfterMs : undefined;
  const lastError = outcome.kind === 'http' ? (outcome.message ?? `HTTP ${outcome.status}`) : outcome.message;
  return {
    ...base,
    state: 'queued',
    attempts,
    nextAttemptAt: now + retryDelay(attempts, random, retryAfterMs),
    lastError,
  };
}

/** "Try again now": a queued answer becomes due at once (the backoff restarts if it fails again). */
export function retryEntryNow(entry: OutboxEntry, now: number): OutboxEntry {
  return entry.state === 'queued' ? { ...entry, nextAttemptAt: now } : entry;
}

export function retryNow(outbox: Outbox, now: number): Outbox {
  return Object.fromEntries(Object.entries(outbox).map(([id, entry]) => [id, retryEntryNow(entry, now)]));
}

/** When this entry next needs the runner, or null when it is settled. */
export function entryWake(entry: OutboxEntry): number | null {
  if (entry.state === 'queued') return entry.nextAttemptAt;
  if (entry.state === 'sending') return (entry.sendingSince ?? 0) + SEND_LEASE;
  return null;
}

/** When the outbox next needs to run, or null when nothing is waiting. */
export function nextWake(outbox: Outbox): number | null {
  const times = Object.values(outbox).flatMap((entry) => entryWake(entry) ?? []);
  return times.length ? Math.min(...times) : null;
}

/** A sent entry is kept 30 days for the view, then forgotten. */
export function isStaleSent(entry: OutboxEntry, now: number): boolean {
  return entry.state === 'sent' && (entry.sentAt ?? now) + KEEP_SENT <= now;
}

export function pruneSent(outbox: Outbox, now: number): Outbox {
  return Object.fromEntries(Object.entries(outbox).filter(([, entry]) => !isStaleSent(entry, now)));
}

export interface OutboxDeps {
  /** Every entry: one scan per run, never one per answer. */
  load(): Promise<Outbox>;
  /**
   * Read-modify-write of one entry as one step (`change` returns undefined to
   * delete it). Entries are stored apart, so settling one never rewrites, or
   * overwrites, another recorded meanwhile.
   */
  updateEntry(id: string, change: (entry: OutboxEntry | undefined) => OutboxEntry | undefined): Promise<OutboxEntry | undefined>;
  send(entry: OutboxEntry): Promise<SendOutcome>;
  now(): number;
  random(): number;
  /** Told once per entry that gave up for good. */
  onFailed?(entry: OutboxEntry): Promise<void> | void;
}

/**
 * Sends every due entry once. State is saved before each send and after it,
 * so a service worker killed in between leaves an entry in `sending`; its
 * lease runs out and the next run sends it again, which the Worker's
 * idempotent PUT turns into a no-op.
 */
export async function flushOutbox(deps: OutboxDeps): Promise<number | null> {
  let outbox = await deps.load();
  // A second round picks up answers edited while their first send was in flight.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = dueEntries(outbox, deps.now());
    if (due.length === 0) break;
    for (const entry of due) await sendIfDue(entry.id, deps);
    outbox = await deps.load();
  }
  const now = deps.now();
  for (const entry of Object.values(outbox)) {
    if (isStaleSent(entry, now)) await deps.updateEntry(entry.id, (latest) => (latest && isStaleSent(latest, now) ? undefined : latest));
  }
  return nextWake(pruneSent(outbox, now));
}

const MAX_ROUNDS = 3;

/**
 * Sends one entry if it is due as stored NOW (it may have been edited, or
 * sent by another run, since it was listed), and settles it. Returns the
 * entry as it was left.
 */
export async function sendIfDue(id: string, deps: OutboxDeps): Promise<OutboxEntry | undefined> {
  let sending: OutboxEntry | undefined;
  const started = await deps.updateEntry(id, (entry) => {
    if (!entry || !isDue(entry, deps.now())) return entry;
    sending = startSending(entry, deps.now());
    return sending;
  });
  if (!sending) return started;
  const sentVersion = sending.version;
  const outcome = await deps.send(sending);
  let before: OutboxEntry | undefined;
  const settled = await deps.updateEntry(id, (current) => {
    before = current;
    return current && settle(current, sentVersion, outcome, deps.now(), deps.random());
  });
  if (settled?.state === 'failed' && before?.state !== 'failed') await deps.onFailed?.(settled);
  return settled;
}
