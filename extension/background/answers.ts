// Records the person's answer in the outbox first, then tries to send it.
import { browser } from 'wxt/browser';
import type { Answer } from '../../shared/schemas';
import { twowayApi } from '../api/twoway';
import { flushOutbox, record, SEND_LEASE, type OutboxEntry } from '../outbox/outbox';
import { checkedResponseBody } from '../outbox/response-body';
import { markAnswered, snooze } from '../prompts/rules';
import { read, update } from '../state/store';
import { notificationId, reconcilePrompts, refreshBadge } from './prompting';

export const OUTBOX_ALARM = 'outbox';

export async function answerPrompt(key: string, answer: Answer, now: number): Promise<{ responseId: string }> {
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
  await update('outbox', (outbox) => record(outbox, responseId, prompt.programmeId, body, now));
  // Armed before the first send: if the service worker dies mid-send, this alarm wakes it to retry.
  await browser.alarms.create(OUTBOX_ALARM, { when: now + SEND_LEASE });
  await update('prompts', (prompts) => {
    const current = prompts[key];
    return current ? { ...prompts, [key]: markAnswered(current, responseId) } : prompts;
  });
  await browser.notifications.clear(notificationId(prompt));
  await refreshBadge();
  void runOutbox();
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

let running: Promise<void> | null = null;

/** Sends what is due; one run at a time per service-worker life. */
export function runOutbox(): Promise<void> {
  running ??= flushOnce().finally(() => {
    running = null;
  });
  return running;
}

async function flushOnce(): Promise<void> {
  const wakeAt = await flushOutbox({
    load: () => read('outbox'),
    save: (outbox) => update('outbox', () => outbox).then(() => undefined),
    update: (change) => update('outbox', change),
    send: sendEntry,
    now: () => Date.now(),
    random: () => Math.random(),
    onFailed: tellPersonItFailed,
  });
  if (wakeAt === null) await browser.alarms.clear(OUTBOX_ALARM);
  else await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(wakeAt, Date.now() + 1000) });
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
  return twowayApi(account.workerUrl, account.token).putResponse(entry.id, entry.body);
}

async function tellPersonItFailed(entry: OutboxEntry): Promise<void> {
  await browser.notifications.create(`twoway-failed:${entry.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Twoway could not save an answer',
    message: entry.failure?.message ?? 'The server refused it.',
  });
}
