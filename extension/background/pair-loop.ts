// The pair's loop in the background (extension/README.md, "The pair's loop"):
// the fit question, the relationship check and the closing question; requests
// to the programme team; joint-summary sharing. Each is recorded in the
// outbox before it is sent, like an answer.
import { browser } from 'wxt/browser';
import { REQUEST_MESSAGE_MAX } from '../../shared/contract/answer-rules';
import type { z } from 'zod';
import type { submitCheck } from '../../shared/contract/checks';
import type { submitRequest } from '../../shared/contract/requests';
import {
  CHECK_PACE, CHECK_WORTHWHILE, CLOSING_AGAIN, CLOSING_CHANGES, FIT_ANSWERS, URGENCIES,
} from '../../shared/vocabulary';
import { recordItem, SEND_LEASE, type CheckBody, type Outbox, type OutboxItem, type RequestBody } from '../outbox/machine';
import { sendAnswer, wakeOutboxBy } from '../outbox/runner';
import { readOutbox, updateOutboxEntry } from '../outbox/storage';
import { quietUntil } from '../prompts/selection';
import { checkEntry, dueChecks } from '../loop/questions';
import { read, update, type Account } from '../state/store';
import { SELF_CLOSE_AFTER } from '../prompts/rules';
import { refreshBadge } from './prompting';

export type CheckAnswer = z.input<typeof submitCheck>;
export type RequestInput = z.input<typeof submitRequest>;

const CHECK_NOTICE_PREFIX = 'twoway-check:';

const oneOf = (list: readonly string[], value: unknown) => typeof value === 'string' && list.includes(value);

/** Why the Worker would refuse this check (a page's message could carry anything), or null. */
export function checkProblem(check: CheckAnswer): string | null {
  if (typeof check.pairId !== 'string' || !check.pairId) return 'The check must name a pair.';
  switch (check.kind) {
    case 'fit':
      return oneOf(FIT_ANSWERS, check.fit) ? null : 'Choose Working, Not sure yet or Not working.';
    case 'milestone':
      return Number.isInteger(check.milestone) && check.milestone >= 1 && oneOf(CHECK_WORTHWHILE, check.worthwhile) && oneOf(CHECK_PACE, check.pace)
        ? null
        : 'Answer both questions of the check.';
    case 'closing': {
      const changed = check.changed ?? [];
      const chipsOk = Array.isArray(changed) && changed.every((chip) => oneOf(CLOSING_CHANGES, chip)) && new Set(changed).size === changed.length;
      return oneOf(CLOSING_AGAIN, check.again) && chipsOk ? null : 'Choose whether you would do this again.';
    }
    default:
      return 'Unknown check.';
  }
}

/** Why the Worker would refuse this request, or null. */
export function requestProblem(request: RequestInput): string | null {
  if (request.message !== undefined && (typeof request.message !== 'string' || request.message.trim().length > REQUEST_MESSAGE_MAX)) {
    return `Keep the message under ${REQUEST_MESSAGE_MAX} characters.`;
  }
  if (request.kind === 'rematch') return typeof request.pairId === 'string' && request.pairId ? null : 'Choose the pair.';
  if (request.kind === 'contact') return oneOf(URGENCIES, request.urgency) ? null : 'Choose how soon.';
  return 'Unknown request.';
}

/** The same check answered again (a changed mind) reuses its id: one answer per pair, kind and milestone. */
function existingCheckId(outbox: Outbox, programmeId: string, check: CheckAnswer): string | undefined {
  return checkEntry(outbox, programmeId, { pairId: check.pairId, kind: check.kind, milestone: check.kind === 'milestone' ? check.milestone : null })?.id;
}

async function queue(id: string, programmeId: string, item: OutboxItem, now: number): Promise<void> {
  await record(id, programmeId, item, now);
  void sendAnswer(id);
}

async function record(id: string, programmeId: string, item: OutboxItem, now: number): Promise<void> {
  await updateOutboxEntry(id, (entry) => recordItem(entry, id, programmeId, item, now));
  // Armed before the first send, as for answers: a service worker dying mid-send is woken to retry.
  await wakeOutboxBy(now + SEND_LEASE);
}

export async function answerCheck(programmeId: string, check: CheckAnswer, now: number): Promise<{ id: string }> {
  const problem = checkProblem(check);
  if (problem) throw new Error(problem);
  const id = existingCheckId(await readOutbox(), programmeId, check) ?? crypto.randomUUID();
  const body = { ...check, answeredAt: new Date(now).toISOString() } as CheckBody;
  await queue(id, programmeId, { kind: 'check', body }, now);
  if (check.kind !== 'fit') {
    await browser.notifications.clear(checkNoticeId(programmeId, check.pairId, check.kind, check.kind === 'milestone' ? check.milestone : null));
    await refreshBadge();
  }
  return { id };
}

export async function sendRequest(programmeId: string, request: RequestInput, now: number): Promise<{ id: string }> {
  const problem = requestProblem(request);
  if (problem) throw new Error(problem);
  const message = request.message?.trim();
  const id = crypto.randomUUID();
  const body = { ...request, ...(message ? { message } : { message: undefined }), sentAt: new Date(now).toISOString() } as RequestBody;
  if (!message) delete body.message;
  await queue(id, programmeId, { kind: 'request', body }, now);
  return { id };
}

/**
 * Opting in or out of the pair's joint summary. The account shows the new
 * state at once (an opt-out hides the summary before the Worker hears of it);
 * the change itself is queued under one key per pair, so the newest wins.
 */
export async function setJointSummary(programmeId: string, pairId: string, on: boolean, now: number): Promise<void> {
  const id = `sharing:${pairId}`;
  // Queued first: a service worker stopped before the account changes loses nothing the Worker must hear.
  await record(id, programmeId, { kind: 'sharing', pairId, body: { jointSummary: on, changedAt: new Date(now).toISOString() } }, now);
  await update('accounts', (accounts) => {
    const account = accounts[programmeId];
    if (!account) return accounts;
    const pairs = account.pairs.map((pair) =>
      pair.id !== pairId ? pair : { ...pair, jointSummary: on ? (pair.jointSummary === 'on' ? 'on' : 'waiting') : 'off' } as const,
    );
    return { ...accounts, [programmeId]: { ...account, pairs } };
  });
  void sendAnswer(id);
}

export function checkNoticeId(programmeId: string, pairId: string, kind: 'milestone' | 'closing', milestone: number | null): string {
  return `${CHECK_NOTICE_PREFIX}${programmeId}|${pairId}|${kind}|${milestone ?? ''}`;
}

/**
 * One notification per due check, the first time a poll finds it outside the
 * person's quiet hours, unless it was answered here already. The popup asks
 * the questions; the notification only points to it. Like a session's, it
 * closes itself after SELF_CLOSE_AFTER, and the check stays in the popup.
 */
export async function notifyDueChecks(accounts: Record<string, Account>, now: number): Promise<void> {
  const [settings, notices, outbox] = await Promise.all([read('settings'), read('checkNotices'), readOutbox()]);
  for (const [id, shownAt] of Object.entries(notices)) {
    if (now - shownAt >= SELF_CLOSE_AFTER) await browser.notifications.clear(id);
  }
  if (quietUntil(now, settings.pacing?.quietHours) > now) return;
  const fresh: string[] = [];
  for (const account of Object.values(accounts)) {
    if (account.accessLost) continue;
    for (const due of dueChecks(account)) {
      const id = checkNoticeId(account.programme.id, due.pairId, due.kind, due.milestone);
      const answered = checkEntry(outbox, account.programme.id, due) !== undefined;
      if (notices[id] || answered) continue;
      fresh.push(id);
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: 'Twoway',
        message: due.kind === 'closing'
          ? `Your pairing with ${due.partnerName} has ended: two quick questions?`
          : `A quick check on your pairing with ${due.partnerName}: two one-click questions.`,
      });
    }
  }
  if (fresh.length) await update('checkNotices', (known) => ({ ...known, ...Object.fromEntries(fresh.map((id) => [id, now])) }));
}
