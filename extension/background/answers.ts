// Records the person's answer in the outbox first, then tries to send it.
import { browser } from 'wxt/browser';
import type { SessionAnswer } from '../../shared/schemas';
import { twowayApi } from '../api/twoway';
import {
  entryWake,
  flushOutbox,
  recordEntry,
  retryEntryNow,
  SEND_LEASE,
  sendIfDue,
  type OutboxDeps,
  type OutboxEntry,
} from '../outbox/outbox';
import { checkedResponseBody } from '../outbox/response-body';
import { markAnswered, snooze } from '../prompts/rules';
import { read, readOutbox, update, updateOutboxEntry } from '../state/store';
import { noteAccessLost } from './access';
import { notificationId, reconcilePrompts, refreshBadge } from './prompting';

export const OUTBOX_ALARM = 'outbox';

export async function answerPrompt(key: string, answer: SessionAnswer, now: number): Promise<{ responseId: string }> {
  const prompt = (await read('prompts'))[key];
  if (!prompt) throw new Error('This session is no longer waiting for an answer.');
  const responseId = prompt.responseId ?? crypto.randomUUID();
  // The Worker's rules: a malformed answer (it comes from a page's message) is refused here, not queued forever.
  const body = checkedResponseBody({
    pairId: prompt.pairId,
    eventKey: prompt.eventKey,
    start: prompt.start,
    end: prompt.end,
    ...answer,
    answeredAt: new Date(now).toISOString(),
  });
  await updateOutboxEntry(responseId, (entry) => recordEntry(entry, responseId, prompt.programmeId, body, now));
  // Armed before the first send: if the service worker dies mid-send, this alarm wakes it to retry.
  await wakeOutboxBy(now + SEND_LEASE);
  const prompts = await update('prompts', (known) => {
    const current = known[key];
    return current ? { ...known, [key]: markAnswered(current, responseId, answer.happened === 'not_a_session') } : known;
  });
  await browser.notifications.clear(notificationId(prompt));
  await refreshBadge(prompts);
  // Only this answer: sending it must not cost a scan of every answer still waiting.
  void sendAnswer(responseId);
  return { responseId };
}

export async function snoozePrompt(key: string, now: number): Promise<void> {
  await update('prompts', (prompts) => {
    const current = prompts[key];
    return current ? { ...prompts, [key]: snooze(current, now) } : prompts;
  });
  const prompt = (await read('prompts'))[key];
  if (prompt) await browser.notifications.clear(notificationId(prompt));
  await reconcilePrompts(now);
}

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
function sendAnswer(id: string): Promise<void> {
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
async function wakeOutboxBy(at: number): Promise<void> {
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
  const outcome = await twowayApi(account.workerUrl, account.token).putResponse(entry.id, entry.body);
  if (outcome.kind === 'http') await noteAccessLost(entry.programmeId, account.token, outcome.status, outcome.code);
  return outcome;
}

async function tellPersonItFailed(entry: OutboxEntry): Promise<void> {
  await browser.notifications.create(`twoway-failed:${entry.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Twoway could not save an answer',
    message: entry.failure?.message ?? 'The server refused it.',
  });
}
