// Wires browser events to the background's jobs.
import { browser } from 'wxt/browser';
import { anyProblem } from '../api/plain-errors';
import { OUTBOX_ALARM, retryOutboxNow, runOutbox } from '../outbox/runner';
import { answerPrompt, snoozePrompt } from './answers';
import { answerCheck, sendRequest, setJointSummary } from './pair-loop';
import type { Message, Reply } from './messages';
import { ensurePollAlarm, POLL_ALARM, pollCalendar } from './poll';
import { NOTIFICATION_PREFIX, PROMPT_ALARM_PREFIX, reconcilePrompts } from './prompting';
import { ignoreSeries, unignoreSeries } from './series';

export async function onAlarm(alarm: { name: string }): Promise<void> {
  if (alarm.name === POLL_ALARM) {
    await pollCalendar(Date.now());
    // A second way back to anything left queued, should the outbox alarm ever be lost.
    await runOutbox();
  }
  else if (alarm.name === OUTBOX_ALARM) await runOutbox();
  else if (alarm.name.startsWith(PROMPT_ALARM_PREFIX)) await reconcilePrompts(Date.now());
}

export async function onMessage(message: Message): Promise<Reply> {
  try {
    switch (message.type) {
      case 'answer':
        return { ok: true, ...(await answerPrompt(message.key, message.answer, Date.now())) };
      case 'snooze':
        await snoozePrompt(message.key, Date.now());
        return { ok: true };
      case 'ignore-series':
        await ignoreSeries(message.seriesUid, message.title, Date.now());
        return { ok: true };
      case 'unignore-series':
        await unignoreSeries(message.seriesUid, Date.now());
        return { ok: true };
      case 'poll-now':
        await pollCalendar(Date.now());
        return { ok: true };
      case 'account-changed':
        await pollCalendar(Date.now());
        // A re-join brings a new token: answers kept while signed out go now.
        await retryOutboxNow(Date.now());
        return { ok: true };
      case 'flush-outbox':
        await (message.now ? retryOutboxNow(Date.now()) : runOutbox());
        return { ok: true };
      case 'check':
        return { ok: true, ...(await answerCheck(message.programmeId, message.check, Date.now())) };
      case 'request':
        return { ok: true, ...(await sendRequest(message.programmeId, message.request, Date.now())) };
      case 'sharing':
        await setJointSummary(message.programmeId, message.pairId, message.jointSummary, Date.now());
        return { ok: true };
    }
  } catch (error) {
    return { ok: false, error: anyProblem(error) };
  }
}

export async function openFeedback(key?: string): Promise<void> {
  const page = browser.runtime.getURL('/popup.html');
  const url = key ? `${page}?prompt=${encodeURIComponent(key)}` : page;
  await browser.tabs.create({ url });
}

export async function onNotificationClicked(id: string): Promise<void> {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return openFeedback();
  await browser.notifications.clear(id);
  await openFeedback(id.slice(NOTIFICATION_PREFIX.length));
}

export async function onNotificationButton(id: string, button: number): Promise<void> {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return;
  const key = id.slice(NOTIFICATION_PREFIX.length);
  if (button === 0) await snoozePrompt(key, Date.now());
  else await answerPrompt(key, { happened: false }, Date.now());
}

/** On install and on browser start: make sure polling runs and nothing queued is forgotten. */
export async function onWake(): Promise<void> {
  await ensurePollAlarm();
  await runOutbox();
  await reconcilePrompts(Date.now());
}
