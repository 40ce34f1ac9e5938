// The outbox: every answer is stored before it is sent, and stays until the
// Worker confirms it. A pure state machine (record → send → settle) driven by
// a small runner whose storage, clock, randomness and transport are injected,
// so it is tested without a browser, including a service worker that dies
// mid-send.
import type { SubmitResponse } from '../../shared/schemas';

/** The request body as the extension builds it (before zod normalises times). */
export type ResponseBody = Omit<SubmitResponse, 'answeredAt'> & { answeredAt: string };

export type EntryState = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  /** The response's client UUID: the PUT /responses/:id path, so resends are idempotent. */
  id: string;
  programmeId: string;
  body: ResponseBody;
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

export type Outbox = Record<string, OutboxEntry>;

export type SendOutcome =
  | { kind: 'ok'; status: number }
  | { kind: 'http'; status: number; code?: string; message?: string; retryAfterMs?: number }
  | { kind: 'network'; message: string };

export const BASE_DELAY = 15_000;
export const MAX_DELAY = 60 * 60_000;
/** A send older than this was cut off (the service worker died); it is tried again. */
export const SEND_LEASE = 60_000;
/** Statuses that no retry can fix. */
export const PERMANENT_STATUSES = new Set([400, 403, 404, 409, 422]);
const KEEP_SENT = 30 * 24 * 60 * 60_000;

/** Stores an answer; a newer answer for the same response replaces an older one, never the reverse. */
export function record(outbox: Outbox, id: string, programmeId: string, body: ResponseBody, now: number): Outbox {
  const existing = outbox[id];
  if (existing && existing.body.answeredAt > body.answeredAt) return outbox;
  return {
    ...outbox,
    [id]: {
      id,
      programmeId,
      body,
      state: 'queued',
      version: (existing?.version ?? 0) + 1,
      attempts: 0,
      nextAttemptAt: now,
      ...(existing?.state === 'sending'
        ? { sendingSince: existing.sendingSince, sendingVersion: existing.sendingVersion }
        : {}),
    },
  };
}

/** Entries to send now: queued and due, or stuck in a send that outlived its lease. */
export function dueEntries(outbox: Outbox, now: number): OutboxEntry[] {
  return Object.values(outbox).filter(
    (entry) =>
      (entry.state === 'queued' && entry.nextAttemptAt <= now) ||
      (entry.state === 'sending' && (entry.sendingSince ?? 0) + SEND_LEASE <= now),
  );
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
  const lastError = outcome.kind === 'http' ? `HTTP ${outcome.status}` : outcome.message;
  return {
    ...base,
    state: 'queued',
    attempts,
    nextAttemptAt: now + retryDelay(attempts, random, retryAfterMs),
    lastError,
  };
}

/** "Try again now": queued answers become due at once (the backoff restarts if it fails again). */
export function retryNow(outbox: Outbox, now: number): Outbox {
  return Object.fromEntries(
    Object.entries(outbox).map(([id, entry]) => [id, entry.state === 'queued' ? { ...entry, nextAttemptAt: now } : entry]),
  );
}

/** When the outbox next needs to run, or null when nothing is waiting. */
export function nextWake(outbox: Outbox): number | null {
  const times = Object.values(outbox).flatMap((entry) => {
    if (entry.state === 'queued') return [entry.nextAttemptAt];
    if (entry.state === 'sending') return [(entry.sendingSince ?? 0) + SEND_LEASE];
    return [];
  });
  return times.length ? Math.min(...times) : null;
}

export function pruneSent(outbox: Outbox, now: number): Outbox {
  return Object.fromEntries(
    Object.entries(outbox).filter(([, entry]) => entry.state !== 'sent' || (entry.sentAt ?? now) + KEEP_SENT > now),
  );
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface OutboxDeps {
  load(): Promise<Outbox>;
  save(outbox: Outbox): Promise<void>;
  /**
   * Read-modify-write as one step. Without it, an answer recorded while a
   * send is in flight is overwritten by the runner's stale copy of the outbox.
   */
  update?(change: (outbox: Outbox) => Outbox): Promise<Outbox>;
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
  // A second round picks up answers edited while their first send was in flight.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = dueEntries(await deps.load(), deps.now());
    if (due.length === 0) break;
    await sendEach(due, deps);
  }
  const outbox = await change(deps, (latest) => pruneSent(latest, deps.now()));
  return nextWake(outbox);
}

function change(deps: OutboxDeps, edit: (outbox: Outbox) => Outbox): Promise<Outbox> {
  if (deps.update) return deps.update(edit);
  return deps.load().then(async (outbox) => {
    const next = edit(outbox);
    await deps.save(next);
    return next;
  });
}

const MAX_ROUNDS = 3;

async function sendEach(entries: OutboxEntry[], deps: OutboxDeps): Promise<void> {
  for (const due of entries) {
    // Start from the stored entry, not the list's copy: the answer may have been edited since.
    let sending: OutboxEntry | undefined;
    await change(deps, (latest) => {
      const entry = latest[due.id];
      if (!entry) return latest;
      sending = startSending(entry, deps.now());
      return { ...latest, [due.id]: sending };
    });
    if (!sending) continue;
    const outcome = await deps.send(sending);
    let current: OutboxEntry | undefined;
    let settled: OutboxEntry | undefined;
    await change(deps, (latest) => {
      current = latest[due.id];
      if (!current) return latest;
      settled = settle(current, sending!.version, outcome, deps.now(), deps.random());
      return { ...latest, [due.id]: settled };
    });
    if (current && settled?.state === 'failed' && current.state !== 'failed') await deps.onFailed?.(settled);
  }
}
