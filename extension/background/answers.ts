// Answers to prompts: an answer is recorded in the outbox first, then sent
// (outbox/runner.ts); snoozing puts a prompt off.
import { browser } from 'wxt/browser';
import type { SessionAnswer } from '../../shared/schemas';
import { recordEntry, SEND_LEASE } from '../outbox/machine';
import { checkedResponseBody } from '../outbox/response-body';
import { sendAnswer, wakeOutboxBy } from '../outbox/runner';
import { updateOutboxEntry } from '../outbox/storage';
import { markAnswered, snooze } from '../prompts/rules';
import { read, update } from '../state/store';
import { notificationId, reconcilePrompts, refreshBadge } from './prompting';

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
