// Turns the prompt rules into browser effects: alarms, notifications, the
// badge and the POST /sessions report.
import { browser } from 'wxt/browser';
import { ApiError } from '../../shared/client';
import { twowayApi } from '../api/twoway';
import { recordItem, SEND_LEASE } from '../outbox/machine';
import { runOutbox, wakeOutboxBy } from '../outbox/runner';
import { readOutbox, updateOutboxEntry } from '../outbox/storage';
import { hasDueChecks, waitingChecks } from '../loop/questions';
import { advance, dueAt, promptKey, pruneSettled, type Prompt } from '../prompts/rules';
import { selectDue, type QuietHours } from '../prompts/selection';
import { read, update, type Account } from '../state/store';
import { noteAccessLost } from './access';

export const PROMPT_ALARM_PREFIX = 'prompt:';
export const NOTIFICATION_PREFIX = 'twoway:';

/**
 * Decides which ended sessions to ask about (prompts/selection.ts), advances
 * every prompt to `now`, performs the effects and books the next alarms.
 */
export async function reconcilePrompts(now: number): Promise<void> {
  const [accounts, settings] = await Promise.all([read('accounts'), read('settings')]);
  const quiet = settings.pacing?.quietHours ?? null;
  const caps = Object.fromEntries(Object.values(accounts).map((a) => [a.programme.id, a.programme.maxPromptsPerPairPerWeek]));
  const work: Array<{ prompt: Prompt; effects: string[] }> = [];
  const after = await update('prompts', (prompts) => {
    const selected = selectDue(prompts, now, { caps, everyOther: settings.pacing?.everyOther ?? false }, dueAt);
    const next: Record<string, Prompt> = {};
    for (const [key, prompt] of Object.entries(selected.prompts)) {
      const step = advance(prompt, now, quiet);
      next[key] = step.prompt;
      if (step.effects.length) work.push({ prompt: step.prompt, effects: step.effects });
    }
    return pruneSettled(next, now);
  });
  // Queued on every run until marked, so a service worker stopped right after the decision still reports it.
  const notAsked = Object.values(after).filter((p) => p.state === 'not_asked' && !p.sessionReported);
  for (const prompt of notAsked) await queueNotAsked(prompt, accounts[prompt.programmeId], now);
  if (notAsked.length) void runOutbox();
  for (const { prompt, effects } of work) {
    if (effects.includes('report-session')) await reportSession(prompt);
    if (effects.includes('notify')) await notify(prompt, false);
    if (effects.includes('remind')) await notify(prompt, true);
    if (effects.includes('clear-notification')) await browser.notifications.clear(notificationId(prompt));
  }
  await scheduleAlarms(after, now, quiet);
  await refreshBadge(after);
}

/**
 * A session the person is not asked about is still reported, marked
 * `asked: false`, through the outbox: it must reach the Worker, or the
 * session would look missed (shared/metrics/README.md, "Not asked").
 */
async function queueNotAsked(prompt: Prompt, account: Account | undefined, now: number): Promise<void> {
  if (!account) return;
  const id = `session:${promptKey(prompt)}`;
  const body = { pairId: prompt.pairId, eventKey: prompt.eventKey, start: prompt.start, end: prompt.end, asked: false as const };
  // Once in the outbox it is never recorded again: a newer copy would send it again for nothing.
  await updateOutboxEntry(id, (entry) =>
    entry ?? recordItem(entry, id, prompt.programmeId, { kind: 'session', body, recordedAt: new Date(now).toISOString() }, now),
  );
  await wakeOutboxBy(now + SEND_LEASE);
  await update('prompts', (prompts) => {
    const current = prompts[promptKey(prompt)];
    return current ? { ...prompts, [promptKey(prompt)]: { ...current, sessionReported: true } } : prompts;
  });
}

async function reportSession(prompt: Prompt): Promise<void> {
  const accounts = await read('accounts');
  const account = accounts[prompt.programmeId];
  if (!account || account.accessLost) return;
  try {
    await twowayApi(account.workerUrl, account.token).reportSession({
      pairId: prompt.pairId,
      eventKey: prompt.eventKey,
      start: prompt.start,
      end: prompt.end,
    });
    await update('prompts', (prompts) => {
      const current = prompts[promptKey(prompt)];
      return current ? { ...prompts, [promptKey(prompt)]: { ...current, sessionReported: true } } : prompts;
    });
  } catch (error) {
    // Not fatal: the answer's PUT creates the session too, and the next wake retries.
    if (error instanceof ApiError) await noteAccessLost(account.programme.id, account.token, error.status, error.code);
  }
}

export function notificationId(prompt: Prompt): string {
  return `${NOTIFICATION_PREFIX}${promptKey(prompt)}`;
}

async function notify(prompt: Prompt, reminder: boolean): Promise<void> {
  await browser.notifications.create(notificationId(prompt), {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: reminder ? 'Reminder: one click for Twoway' : 'Twoway',
    message: `How was your session with ${prompt.partnerName}?`,
    // Firefox has no notification buttons; its people snooze from the view.
    ...(import.meta.env.FIREFOX ? {} : { buttons: [{ title: 'Snooze 1 hour' }, { title: "It didn't happen" }] }),
  });
}

/** One alarm per prompt that still has something ahead of it. */
async function scheduleAlarms(after: Record<string, Prompt>, now: number, quiet: QuietHours | null) {
  // Prompts dropped by a poll (cancelled meetings) leave alarms behind; sweep them.
  for (const alarm of await browser.alarms.getAll()) {
    if (alarm.name.startsWith(PROMPT_ALARM_PREFIX) && !after[alarm.name.slice(PROMPT_ALARM_PREFIX.length)]) {
      await browser.alarms.clear(alarm.name);
    }
  }
  for (const [key, prompt] of Object.entries(after)) {
    const wakeAt = advance(prompt, now, quiet).wakeAt;
    if (wakeAt === null) await browser.alarms.clear(PROMPT_ALARM_PREFIX + key);
    else await browser.alarms.create(PROMPT_ALARM_PREFIX + key, { when: Math.max(wakeAt, now + 1000) });
  }
}

/**
 * Counts what waits for the person: open prompts, and relationship checks or
 * closing questions due and not answered here. A caller that has just written
 * the prompts passes them, saving a read of every prompt.
 */
export async function refreshBadge(known?: Record<string, Prompt>): Promise<void> {
  const [prompts, accounts] = await Promise.all([known ?? read('prompts'), read('accounts')]);
  // The outbox is read only when a check is due: an answer's queuing reads no more than its own entry.
  const checks = hasDueChecks(accounts) ? waitingChecks(accounts, await readOutbox()) : 0;
  const open = Object.values(prompts).filter((prompt) => prompt.state === 'open' && prompt.snoozedUntil === undefined).length + checks;
  await browser.action.setBadgeText({ text: open ? String(open) : '' });
  if (open) await browser.action.setBadgeBackgroundColor({ color: '#2f6f5e' });
}
