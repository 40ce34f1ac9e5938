// The popup's pair's loop in happy-dom, wired to the real background message
// handler on WXT's fake browser: the fit question with a held session, the
// relationship check, the requests to the programme team, and the joint
// summary (shown when both opted in, hidden at once on opting out).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JointSummaryAnswer } from '../../extension/api/pair-loop';
import type { Message } from '../../extension/background/messages';
import { onMessage } from '../../extension/background/router';
import type { Prompt } from '../../extension/prompts/rules';
import { runOutbox } from '../../extension/outbox/runner';
import { read, write, type Account, type MemberPair } from '../../extension/state/store';
import { FeedbackApp } from '../../extension/ui/FeedbackApp';
import { summarySentences } from '../../extension/ui/JointSummary';
import { FLAG_TIPS } from '../../shared/vocabulary';
import { signedInAccount } from './signed-in-account';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const KEY = 'pair-1|uid-1/2026-11-23T11:00:00.000Z';
const prompt: Prompt = {
  pairId: 'pair-1',
  partnerName: 'Ben',
  eventKey: 'uid-1/2026-11-23T11:00:00.000Z',
  start: '2026-11-23T11:00:00.000Z',
  end: '2026-11-23T11:30:00.000Z',
  rule: 'partner_attendee',
  title: 'Coffee with Ben',
  seriesUid: 'uid-1',
  recurring: false,
  programmeId: 'prog',
  state: 'open',
  openedAt: NOW - 60_000,
  sessionReported: true,
};
const SUMMARY: Extract<JointSummaryAnswer, { jointSummary: 'on' }> = {
  jointSummary: 'on',
  month: '2026-11',
  met: 3,
  bothLearned: { sessions: 2, of: 3 },
  topics: ['strategy', 'career'],
  tips: [{ flag: 'guarded', text: FLAG_TIPS.guarded }],
};

let calls: Array<{ method: string; path: string; body: Record<string, unknown> | undefined }>;
let online: boolean;
let root: HTMLElement;

function withPair(pair: Partial<MemberPair>): Account {
  return { ...signedInAccount, pairs: [{ ...signedInAccount.pairs[0]!, ...pair }] };
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  calls = [];
  online = true;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname.replace('/api/v1', '');
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ method: String(init.method), path, body });
    if (path.endsWith('/summary')) return Response.json(SUMMARY);
    if (path.startsWith('/me/requests/')) {
      return Response.json({ id: path.split('/').pop(), kind: body?.kind, pairId: body?.pairId ?? null, status: 'open', createdAt: body?.sentAt, handledAt: null }, { status: 201 });
    }
    if (path.endsWith('/sharing')) return Response.json({ jointSummary: body?.jointSummary ? 'on' : 'off' });
    const answer = init.method === 'GET' ? { participant: { id: 'me' }, pairs: [], responses: [] } : { id: 'x' };
    return Response.json(answer, { status: init.method === 'PUT' ? 201 : 200 });
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => onMessage(message as Message));
  await write('accounts', { prog: withPair({ questions: { fit: true, milestone: null, closing: false }, jointSummary: 'off' }) });
  await write('activeProgrammeId', 'prog');
  await write('prompts', { [KEY]: prompt });
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  await runOutbox();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const button = (name: string, group?: string) => {
  const scope = group ? root.querySelector(`[role="group"][aria-label="${group}"]`) : root;
  const found = [...(scope?.querySelectorAll('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const puts = (prefix: string) => calls.filter((c) => c.method === 'PUT' && c.path.startsWith(prefix));

describe('the fit question', () => {
  it('appears once the person says the session happened, and is sent as a private fit check', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('4 of 5: Very useful'));
    expect(root.querySelector('[aria-label="Is this pairing working for you?"]')).toBeNull();
    button('4 of 5: Very useful').click();
    await vi.waitFor(() => button('Not sure yet', 'Is this pairing working for you?'));
    button('Not sure yet', 'Is this pairing working for you?').click();
    await vi.waitFor(() => expect(puts('/me/checks/')).toHaveLength(1));
    expect(puts('/me/checks/')[0]?.body).toMatchObject({ kind: 'fit', pairId: 'pair-1', fit: 'not_sure' });
    await vi.waitFor(() => expect(button('Not sure yet', 'Is this pairing working for you?').getAttribute('aria-pressed')).toBe('true'));
    expect(root.textContent).toContain('your partner is not told');
  });

  it('goes with the first held session only: the next session answered as held does not ask it', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('4 of 5: Very useful'));
    button('4 of 5: Very useful').click();
    await vi.waitFor(() => button('Working', 'Is this pairing working for you?'));
    expect((await read('accounts')).prog?.pairs[0]?.questions?.fit).toBe(false);
    expect((await read('prompts'))[KEY]).toMatchObject({ state: 'answered', fitOffered: true });
    render(null, root);

    const second = { ...prompt, eventKey: 'uid-2/2026-11-23T11:40:00.000Z', seriesUid: 'uid-2', title: 'Second' };
    const secondKey = `pair-1|${second.eventKey}`;
    await write('prompts', { ...(await read('prompts')), [secondKey]: second });
    render(<FeedbackApp initialKey={secondKey} />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-title]')?.textContent).toBe('Second'));
    button('5 of 5: Extremely valuable').click();
    await vi.waitFor(() => button('Yes', 'I could speak openly'));
    expect(root.querySelector('[aria-label="Is this pairing working for you?"]')).toBeNull();
  });

  it('is not asked when GET /me says the fit question is closed for the pair', async () => {
    await write('accounts', { prog: withPair({ questions: { fit: false, milestone: null, closing: false } }) });
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('4 of 5: Very useful'));
    button('4 of 5: Very useful').click();
    await vi.waitFor(() => button('Yes', 'I could speak openly'));
    expect(root.querySelector('[aria-label="Is this pairing working for you?"]')).toBeNull();
  });
});

describe('the relationship check and the closing question', () => {
  it('sends the relationship check once both one-click questions are answered', async () => {
    await write('accounts', { prog: withPair({ questions: { fit: false, milestone: 120, closing: false } }) });
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('Yes', 'Is this pairing worth your time?'));
    button('Yes', 'Is this pairing worth your time?').click();
    await vi.waitFor(() => expect(button('Yes', 'Is this pairing worth your time?').getAttribute('aria-pressed')).toBe('true'));
    expect(puts('/me/checks/')).toHaveLength(0);
    button('Too little', "Are you meeting about as often as you'd like?").click();
    await vi.waitFor(() => expect(puts('/me/checks/')).toHaveLength(1));
    expect(puts('/me/checks/')[0]?.body).toMatchObject({ kind: 'milestone', milestone: 120, worthwhile: 'yes', pace: 'too_little' });
    await vi.waitFor(() => expect(root.querySelector('[data-check="milestone"] [data-status="sent"]')).not.toBeNull());
  });

  it('asks the closing question, then its chips edit the same answer', async () => {
    await write('accounts', { prog: withPair({ questions: { fit: false, milestone: null, closing: true } }) });
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('Maybe', 'Would you do this again?'));
    button('Maybe', 'Would you do this again?').click();
    await vi.waitFor(() => button('New network', 'What changed for you?'));
    vi.setSystemTime(NOW + 1000);
    button('New network', 'What changed for you?').click();
    await vi.waitFor(() => expect(puts('/me/checks/')).toHaveLength(2));
    expect(puts('/me/checks/')[1]?.path).toBe(puts('/me/checks/')[0]?.path);
    expect(puts('/me/checks/')[1]?.body).toMatchObject({ kind: 'closing', again: 'maybe', changed: ['new_network'] });
  });
});

describe('requests to the programme team', () => {
  it('"Ask for a new partner" says the partner is not told, and shows the request as sent', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('Ask for a new partner'));
    button('Ask for a new partner').click();
    await vi.waitFor(() => expect(root.querySelector('[data-form="rematch"]')?.textContent).toContain('Ben is not told.'));
    const message = root.querySelector<HTMLTextAreaElement>('#rematch-message')!;
    message.value = 'Our goals differ.';
    message.dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector<HTMLFormElement>('[data-form="rematch"]')!.requestSubmit();
    await vi.waitFor(() => expect(puts('/me/requests/')).toHaveLength(1));
    expect(puts('/me/requests/')[0]?.body).toMatchObject({ kind: 'rematch', pairId: 'pair-1', message: 'Our goals differ.' });
    await vi.waitFor(() => expect(root.querySelector('[data-request-status="open"]')?.textContent).toMatch(/A new partner instead of Ben .*sent ✓/));
    expect(root.querySelector('[data-form="rematch"]')).toBeNull();
  });

  it('"contact me" carries the urgency chosen, and waits queued while offline', async () => {
    online = false;
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button("I'd like someone from the programme to contact me"));
    button("I'd like someone from the programme to contact me").click();
    await vi.waitFor(() => root.querySelector('[data-form="contact"]'));
    [...root.querySelectorAll<HTMLButtonElement>('[role="radio"]')].find((b) => b.textContent === 'Urgent')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="radio"][aria-checked="true"]')?.textContent).toBe('Urgent'));
    root.querySelector<HTMLFormElement>('[data-form="contact"]')!.requestSubmit();
    await vi.waitFor(() => expect(root.querySelector('[data-request-status="queued"]')?.textContent).toMatch(/To be contacted .*queued on this computer/));
    const [entry] = Object.values(await import('../../extension/outbox/storage').then((m) => m.readOutbox()));
    expect(entry).toMatchObject({ kind: 'request', body: { kind: 'contact', urgency: 'urgent' } });
  });
});

describe('the joint summary', () => {
  it('reads in sentences with the tip when both opted in, nothing attributed to one person', () => {
    expect(summarySentences(SUMMARY)).toEqual([
      'You met 3 times this month.',
      'Both of you learned something in 2 of 3 sessions.',
      "You've covered strategy and career.",
    ]);
    expect(summarySentences({ ...SUMMARY, met: 1, bothLearned: { sessions: 0, of: 0 }, topics: [] })).toEqual(['You met once this month.']);
  });

  it('is fetched and shown when on, and disappears at once when the person opts out, even offline', async () => {
    await write('accounts', { prog: withPair({ questions: { fit: false, milestone: null, closing: false }, jointSummary: 'on' }) });
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-joint-summary="pair-1"]')?.textContent).toContain('You met 3 times this month.'));
    expect(root.querySelector('[data-tip="guarded"]')?.textContent).toBe(FLAG_TIPS.guarded);
    expect(calls.some((c) => c.method === 'GET' && c.path === '/me/pairs/pair-1/summary')).toBe(true);

    online = false;
    expect(await onMessage({ type: 'sharing', programmeId: 'prog', pairId: 'pair-1', jointSummary: false })).toEqual({ ok: true });
    await vi.waitFor(() => expect(root.querySelector('[data-joint-summary]')).toBeNull());
    expect((await read('accounts')).prog?.pairs[0]?.jointSummary).toBe('off');
  });

  it("says the partner hasn't opted in yet while waiting", async () => {
    await write('accounts', { prog: withPair({ jointSummary: 'waiting' }) });
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-joint-summary="pair-1"]')?.textContent).toContain("Ben hasn't chosen to share a joint summary yet."));
    expect(calls.some((c) => c.path.endsWith('/summary'))).toBe(false);
  });
});

describe('a session not asked about', () => {
  it('is not put in front of the person, but can still be answered from the popup', async () => {
    await write('prompts', { [KEY]: { ...prompt, state: 'not_asked', selection: 'every_other', openedAt: undefined } });
    render(<FeedbackApp />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('No session is waiting for your feedback.'));
    button('Coffee with Ben · Ben, ' + new Date(prompt.start).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })).click();
    await vi.waitFor(() => button('2 of 5: A little useful'));
    button('2 of 5: A little useful').click();
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'PUT' && c.path.startsWith('/responses/'))).toHaveLength(1));
    expect((await read('prompts'))[KEY]).toMatchObject({ state: 'answered' });
  });
});
