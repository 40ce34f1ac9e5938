// The feedback view in happy-dom, wired to the real background message
// handler on WXT's fake browser: one click answers, chips edit the same
// response, and the view tells sent from queued.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Message } from '../../extension/background/messages';
import { onMessage } from '../../extension/background/router';
import type { Prompt } from '../../extension/prompts/rules';
import { answerBody } from '../../extension/outbox/machine';
import { readOutbox } from '../../extension/outbox/storage';
import { read, write } from '../../extension/state/store';
import { FeedbackApp } from '../../extension/ui/FeedbackApp';
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
  recurring: true,
  programmeId: 'prog',
  state: 'open',
  openedAt: NOW - 60_000,
  sessionReported: true,
};

let puts: Array<{ url: string; body: Record<string, unknown> }>;
let online: boolean;
let root: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  puts = [];
  online = true;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    if (init.method === 'PUT') puts.push({ url, body: JSON.parse(String(init.body)) });
    const body = init.method === 'GET' ? { participant: { id: 'me' }, pairs: [], responses: [] } : {};
    return new Response(JSON.stringify(body), { status: init.method === 'PUT' ? 201 : 200 });
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => onMessage(message as Message));
  await write('accounts', { prog: signedInAccount });
  await write('activeProgrammeId', 'prog');
  await write('prompts', { [KEY]: prompt });
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const button = (name: string, group?: string) => {
  const scope = group ? root.querySelector(`[role="group"][aria-label="${group}"]`) : root;
  const found = [...(scope?.querySelectorAll('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

describe('feedback view', () => {
  it('asks about the partner, with a labelled 1–5 scale', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('How was your session with Ben?'));
    const scale = root.querySelector('[role="group"]');
    expect(scale?.getAttribute('aria-label')).toMatch(/1 to 5/);
    expect([...scale!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual([
      '1 of 5: Not useful',
      '2 of 5: A little useful',
      '3 of 5: Useful',
      '4 of 5: Very useful',
      '5 of 5: Extremely valuable',
    ]);
  });

  it('shows the meeting title, and "This wasn\'t a mentoring session" sends that answer alone and removes the prompt', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-title]')?.textContent).toBe('Coffee with Ben'));
    button("This wasn't a mentoring session").click();
    await vi.waitFor(() => expect(root.textContent).toContain('No session is waiting for your feedback.'));
    expect(puts).toHaveLength(1);
    expect(Object.keys(puts[0]!.body).sort()).toEqual(['answeredAt', 'end', 'eventKey', 'happened', 'pairId', 'start']);
    expect(puts[0]?.body.happened).toBe('not_a_session');
    expect((await read('prompts'))[KEY]).toMatchObject({ state: 'answered', notASession: true });
  });

  it('offers to ignore a recurring meeting', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('Ignore this recurring meeting'));
    button('Ignore this recurring meeting').click();
    await vi.waitFor(async () => expect(await read('ignoredSeries')).toMatchObject({ 'uid-1': { title: 'Coffee with Ben' } }));
    await vi.waitFor(async () => expect(await read('prompts')).toEqual({}));
  });

  it('one click sends the answer; a chip then updates the same response id', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('4 of 5: Very useful'));
    button('4 of 5: Very useful').click();
    await vi.waitFor(() => expect(root.querySelector('[data-status="sent"]')).not.toBeNull());
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toMatchObject({ happened: true, value: 4, pairId: 'pair-1' });
    expect(button('4 of 5: Very useful').getAttribute('aria-pressed')).toBe('true');

    vi.setSystemTime(NOW + 5000);
    button('Yes', 'I could speak openly').click();
    await vi.waitFor(() => expect(puts).toHaveLength(2));
    expect(puts[1]?.url).toBe(puts[0]?.url);
    expect(puts[1]?.body).toMatchObject({ value: 4, openness: true, answeredAt: new Date(NOW + 5000).toISOString() });

    // "No" is an answer too; pressing it again withdraws it.
    vi.setSystemTime(NOW + 6000);
    button('No', 'I learned something from Ben').click();
    await vi.waitFor(() => expect(puts).toHaveLength(3));
    expect(puts[2]?.body).toMatchObject({ learned: false, openness: true });
    await vi.waitFor(() => expect(button('No', 'I learned something from Ben').getAttribute('aria-pressed')).toBe('true'));
    vi.setSystemTime(NOW + 7000);
    button('No', 'I learned something from Ben').click();
    await vi.waitFor(() => expect(puts).toHaveLength(4));
    expect(puts[3]?.body).not.toHaveProperty('learned');
  });

  it('the autonomy ladder appears only after "I got help"', async () => {
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button('5 of 5: Extremely valuable'));
    button('5 of 5: Extremely valuable').click();
    await vi.waitFor(() => button('I got help'));
    expect(root.querySelector('[aria-label="How did the help go?"]')).toBeNull();
    button('I got help').click();
    await vi.waitFor(() => button('They showed me how'));
    button('They showed me how').click();
    await vi.waitFor(() => expect(puts.at(-1)?.body).toMatchObject({ autonomy: 'showed_me', value: 5 }));
    const sent = puts.length;
    vi.setSystemTime(NOW + 9000);
    button('I got help').click();
    await vi.waitFor(() => expect(puts).toHaveLength(sent + 1));
    expect(puts.at(-1)?.body).not.toHaveProperty('autonomy');
    expect(root.querySelector('[aria-label="How did the help go?"]')).toBeNull();
  });

  it('shows an answer made offline as queued, with a way to try again', async () => {
    online = false;
    render(<FeedbackApp initialKey={KEY} />, root);
    await vi.waitFor(() => button("It didn't happen"));
    button("It didn't happen").click();
    await vi.waitFor(() => expect(root.querySelector('[data-status="queued"]')?.textContent).toMatch(/Can't reach your programme's server \(https:\/\/twoway\.test\)\. Check your connection; your answer is kept/));
    const [entry] = Object.values(await readOutbox());
    expect(entry?.body).toMatchObject({ happened: false });
    expect(answerBody(entry)?.value).toBeUndefined();

    online = true;
    button('Try again now').click();
    await vi.waitFor(() => expect(root.querySelector('[data-status="sent"]')).not.toBeNull());
  });

  it('says so when nothing is waiting', async () => {
    await write('prompts', {});
    render(<FeedbackApp />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('No session is waiting for your feedback.'));
  });
});
