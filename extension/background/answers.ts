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
  // The fit question goes with the first held session (README, "The pair's loop"): marked on the prompt before the answer shows.
  const account = (await read('accounts'))[prompt.programmeId];
  const fitOpen = answer.happened === true && !prompt.fitOffered && account?.pairs.find((p) => p.id === prompt.pairId)?.questions?.fit === true;
  // The Worker's rules: a malformed answer (it comes from a page's message) is refused here, not queued forever.
  const body = checkedResponseBody({
    pairId: prompt.pairId,
    eventKey: prompt.eventKey,
    start: prompt.start,
    end: prompt.end,
    ...answer,
    answeredAt: new Date(now).toISOString(),
  });
  if (fitOpen) await update('prompts', (known) => (known[key] ? { ...known, [key]: { ...known[key], fitOffered: true } } : known));
  await updateOutboxEntry(responseId, (entry) => recordEntry(entry, responseId, prompt.programmeId, body, now));
  // Armed before the first send: if the service worker dies mid-send, this alarm wakes it to retry.
  await wakeOutboxBy(now + SEND_LEASE);
  if (fitOpen) await closeFitQuestion(prompt.programmeId, prompt.pairId);
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

/**
 * A held answer closes the pair's fit question on the Worker (GET /me
 * `questions.fit`), so it closes here at once too; the session answered keeps
 * it (`fitOffered`): the question is asked with this session and no other.
 */
async function closeFitQuestion(programmeId: string, pairId: string): Promise<void> {
  await update('accounts', (accounts) => {
    const account = accounts[programmeId];
    if (!account) return accounts;
    const pairs = account.pairs.map((p) => (p.id === pairId && p.questions ? { ...p, questions: { ...p.questions, fit: false } } : p));
    return { ...accounts, [programmeId]: { ...account, pairs } };
  });
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
