// The outbox's runner in the service worker: one job at a time, the alarm
// that wakes it, the transport (PUT /responses/:id with the account's token,
// and the pair's loop calls in api/pair-loop.ts) and the notification when an
// entry is refused for good.
import { browser } from 'wxt/browser';
import { sendOutcomeInPlainWords, type ServerAction } from '../api/plain-errors';
import { sendLoopEntry } from '../api/pair-loop';
import { twowayApi } from '../api/twoway';
import { noteAccessLost } from '../background/access';
import type { OwnRequest } from '../../shared/contract/requests';
import type { SharingState } from '../../shared/contract/sharing';
import { read, update, type Account } from '../state/store';
import {
  answerBody, entryWake, flushOutbox, isLoopEntry, kindOf, retryEntryNow, sendIfDue, type EntryKind, type OutboxDeps, type OutboxEntry, type SendOutcome,
} from './machine';
import { readOutbox, readOutboxEntry, updateOutboxEntry } from './storage';

export const OUTBOX_ALARM = 'outbox';

// Outbox work runs one job at a time per service-worker life, in order: a
// run started by the alarm, a message or an answer waits for the one before.
let tail: Promise<void> = Promise.resolve();
function enqueue(job: () => Promise<void>): Promise<void> {
  const run = tail.then(job);
  tail = run.catch(() => undefined);
  return run;
}

const deps: OutboxDeps = {
  load: readOutbox,
  updateEntry: updateOutboxEntry,
  send: sendEntry,
  now: () => Date.now(),
  random: () => Math.random(),
  onFailed: tellPersonItFailed,
};

/** Sends everything that is due (a scan of the outbox), then books the next wake-up. */
export function runOutbox(): Promise<void> {
  return enqueue(async () => {
    const wakeAt = await flushOutbox(deps);
    if (wakeAt === null) await browser.alarms.clear(OUTBOX_ALARM);
    else await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(wakeAt, Date.now() + 1000) });
  });
}

/** Sends one answer just recorded, reading and writing its entry alone. */
export function sendAnswer(id: string): Promise<void> {
  return enqueue(async () => {
    const entry = await sendIfDue(id, deps);
    const wakeAt = entry ? entryWake(entry) : null;
    if (wakeAt !== null) await wakeOutboxBy(wakeAt);
  });
}

/** "Try again now": every queued answer becomes due, then the outbox runs. */
export async function retryOutboxNow(now: number): Promise<void> {
  for (const entry of Object.values(await readOutbox())) {
    if (entry.state === 'queued') await updateOutboxEntry(entry.id, (latest) => latest && retryEntryNow(latest, now));
  }
  await runOutbox();
}

/**
 * Brings the outbox alarm forward to `at` if it is set later (or not at all),
 * never back: one alarm serves every entry, and the run it starts books the
 * next one from the whole outbox.
 */
export async function wakeOutboxBy(at: number): Promise<void> {
  const alarm = await browser.alarms.get(OUTBOX_ALARM);
  if (!alarm || alarm.scheduledTime > at) {
    await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(at, Date.now() + 1000) });
  }
}

async function sendEntry(entry: OutboxEntry) {
  const account = (await read('accounts'))[entry.programmeId];
  if (!account) {
    return {
      kind: 'http' as const,
      status: 403,
      code: 'signed_out',
      message: 'You signed out of this programme before the answer could be sent.',
    };
  }
  // Signed out by the programme: the answer waits (a 401 is never final) until the person re-joins.
  if (account.accessLost) return { kind: 'http' as const, status: 401, code: account.accessLost.code };
  const outcome = isLoopEntry(entry)
    ? await sendLoopEntry(account, entry)
    : await twowayApi(account.workerUrl, account.token).putResponse(entry.id, answerBody(entry)!);
  if (outcome.kind === 'http') await noteAccessLost(entry.programmeId, account.token, outcome.status, outcome.code);
  if (outcome.kind === 'ok' && entry.kind === 'sharing') await noteSharingState(account, entry.id, entry.pairId, outcome);
  if (outcome.kind === 'ok' && entry.kind === 'request') await noteRequest(account, outcome);
  return sendOutcomeInPlainWords(outcome, new URL(account.workerUrl).origin, ACTIONS[kindOf(entry)]);
}

/** How each kind is spoken of in its errors and in the "could not save" notification. */
const ACTIONS: Record<EntryKind, ServerAction> = { response: 'answer', check: 'answer', session: 'answer', request: 'request', sharing: 'setting' };
const FAILED_TITLES: Record<ServerAction, string> = {
  answer: 'Twoway could not save an answer',
  request: 'Twoway could not send a request',
  setting: 'Twoway could not save a setting',
  join: '', 'load-answers': '', other: '',
};

/**
 * The Worker answers a sharing change with the pair's state (off, waiting or
 * on): kept on the account so the popup shows the joint summary as soon as
 * both have opted in, without waiting for the next GET /me.
 */
async function noteSharingState(account: Account, id: string, pairId: string, outcome: Extract<SendOutcome, { kind: 'ok' }>): Promise<void> {
  const state = (outcome.answer as Partial<SharingState> | undefined)?.jointSummary;
  if (state !== 'off' && state !== 'waiting' && state !== 'on') return;
  // A newer change made while this one was on its way decides: an old "waiting" must not show a summary the person just turned off.
  const latest = await readOutboxEntry(id);
  if (latest?.kind === 'sharing' && latest.body.jointSummary !== (state !== 'off')) return;
  await changeAccount(account, (current) => ({
    ...current,
    pairs: current.pairs.map((pair) => (pair.id === pairId ? { ...pair, jointSummary: state } : pair)),
  }));
}

/** The Worker answers a request with it as the person's own list shows it: the popup says "sent" at once. */
async function noteRequest(account: Account, outcome: Extract<SendOutcome, { kind: 'ok' }>): Promise<void> {
  const request = outcome.answer as OwnRequest | undefined;
  if (!request || typeof request.id !== 'string') return;
  await changeAccount(account, (current) => ({
    ...current,
    requests: [request, ...(current.requests ?? []).filter((known) => known.id !== request.id)],
  }));
}

/** Changes the stored account, unless it was signed out or re-joined meanwhile. */
function changeAccount(account: Account, change: (current: Account) => Account): Promise<unknown> {
  return update('accounts', (accounts) => {
    const current = accounts[account.programme.id];
    if (!current || current.token !== account.token) return accounts;
    return { ...accounts, [account.programme.id]: change(current) };
  });
}

async function tellPersonItFailed(entry: OutboxEntry): Promise<void> {
  // A not-asked report is the extension's own bookkeeping: nothing the person did, nothing they could do about it.
  if (entry.kind === 'session') return;
  await browser.notifications.create(`twoway-failed:${entry.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: FAILED_TITLES[ACTIONS[kindOf(entry)]],
    message: entry.failure?.message ?? 'The server refused it.',
  });
}
