// "Your answers" while the Worker cannot be reached: the last successful
// GET /me is kept per programme and shown, marked with when it was synced,
// merged with the outbox; sign-out deletes it with the token. And the options
// page's join and calendar save explain an unreachable server and a 404 feed
// in plain words.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OwnResponse } from '../../shared/contract';
import type { Message } from '../../extension/background/messages';
import { onMessage } from '../../extension/background/router';
import type { OutboxEntry } from '../../extension/outbox/machine';
import { updateOutboxEntry } from '../../extension/outbox/storage';
import { read, write } from '../../extension/state/store';
import { FeedbackApp } from '../../extension/ui/FeedbackApp';
import { OptionsApp } from '../../extension/ui/OptionsApp';
import { signedInAccount } from './signed-in-account';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const answered = (id: string, day: number, value: number): OwnResponse => ({
  id,
  pairId: 'pair-1',
  eventKey: `uid-${id}/2026-11-${day}T10:00:00.000Z`,
  start: `2026-11-${day}T10:00:00.000Z`,
  end: `2026-11-${day}T10:45:00.000Z`,
  happened: true,
  value,
  answeredAt: `2026-11-${day}T11:00:00.000Z`,
});
const onServer = [answered('r-1', 18, 4), answered('r-2', 20, 2)];

let online: boolean;
let root: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  online = true;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url.startsWith('https://calendar.test/')) return new Response('gone', { status: 404 });
    if (!online) throw new TypeError('Failed to fetch');
    const body = init.method === 'GET' ? { participant: { id: 'me' }, pairs: signedInAccount.pairs, responses: onServer } : {};
    return new Response(JSON.stringify(body), { status: init.method === 'PUT' ? 201 : 200 });
  });
  // The options page reads the manifest to decide whether Google Calendar is offered.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Twoway', version: '1.0.0' });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => onMessage(message as Message));
  await write('accounts', { prog: signedInAccount });
  await write('activeProgrammeId', 'prog');
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const rows = () => [...root.querySelectorAll('tr[data-response]')].map((tr) => tr.getAttribute('data-response'));

async function openPopupOnline() {
  render(<FeedbackApp />, root);
  await vi.waitFor(async () => expect((await read('syncedAnswers')).prog?.responses).toEqual(onServer));
  expect(rows()).toEqual(['r-2', 'r-1']);
  render(null, root);
}

describe('your answers offline', () => {
  it('keeps the last GET /me and shows it, marked as last synced, when the Worker is unreachable', async () => {
    await openPopupOnline();
    const synced = (await read('syncedAnswers')).prog!;
    expect(synced.participantId).toBe('me');
    // vi.waitFor moves the faked clock on a little while it polls.
    expect(synced.syncedAt - NOW).toBeGreaterThanOrEqual(0);
    expect(synced.syncedAt - NOW).toBeLessThan(5000);

    online = false;
    vi.setSystemTime(NOW + 3_600_000);
    render(<FeedbackApp />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-history-problem]')).not.toBeNull());
    expect(rows()).toEqual(['r-2', 'r-1']);
    expect(root.querySelector('[data-synced-at]')?.getAttribute('data-synced-at')).toBe(String(synced.syncedAt));
    expect(root.querySelector('[data-synced-at]')?.textContent).toMatch(/^Last synced .+\.$/);
    expect(root.querySelector('[data-history-problem]')?.textContent).toBe(
      "Can't reach your programme's server (https://twoway.test). Check your connection; showing the answers stored on this computer.",
    );
    expect(root.textContent).not.toMatch(/Failed to fetch/);
  });

  it('merges the outbox: a queued answer, and one sent since the last sync, are listed beside the synced ones', async () => {
    await openPopupOnline();
    online = false;
    const entry = (id: string, state: OutboxEntry['state'], day: number): OutboxEntry => ({
      id,
      programmeId: 'prog',
      body: { pairId: 'pair-1', eventKey: `uid-${id}/x`, start: `2026-11-${day}T10:00:00.000Z`, end: `2026-11-${day}T10:30:00.000Z`, happened: false, answeredAt: `2026-11-${day}T11:00:00.000Z` },
      state,
      attempts: 0,
      version: 1,
      nextAttemptAt: NOW,
      ...(state === 'sent' ? { sentAt: NOW } : {}),
    });
    for (const made of [entry('q-1', 'queued', 22), entry('s-1', 'sent', 21)]) await updateOutboxEntry(made.id, () => made);
    render(<FeedbackApp />, root);
    await vi.waitFor(() => expect(rows()).toEqual(['q-1', 's-1', 'r-2', 'r-1']));
    const status = (id: string) => root.querySelector(`tr[data-response="${id}"] td:last-child`)?.textContent;
    expect([status('q-1'), status('s-1'), status('r-2')]).toEqual(['queued', 'sent', 'sent']);
  });

  it("never shows another participant's cached answers", async () => {
    await write('syncedAnswers', { prog: { participantId: 'someone-else', syncedAt: NOW, responses: onServer } });
    online = false;
    render(<FeedbackApp />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('No answers yet.'));
    expect(rows()).toEqual([]);
    expect(root.querySelector('[data-synced-at]')).toBeNull();
  });

  it('sign-out deletes the cached answers with the token', async () => {
    await openPopupOnline();
    await write('syncedAnswers', { ...(await read('syncedAnswers')), other: { participantId: 'x', syncedAt: NOW, responses: [] } });
    render(<OptionsApp />, root);
    const signOut = await vi.waitFor(() => {
      const found = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Sign out of Reverse mentoring 2026');
      if (!found) throw new Error('no sign-out button');
      return found;
    });
    signOut.click();
    await vi.waitFor(async () => expect(await read('accounts')).toEqual({}));
    expect(Object.keys(await read('syncedAnswers'))).toEqual(['other']);
    expect(await read('activeProgrammeId')).toBeNull();
  });
});

const typeInto = (id: string, value: string) => {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};
// Preact re-renders on the next tick; a submit handler must see what was typed.
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('saving a calendar feed that answers 404', () => {
  it('says so next to the button, in plain words', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<OptionsApp />, root);
    await vi.waitFor(() => expect(root.querySelector('#source')).not.toBeNull());
    typeInto('source', 'ics');
    await vi.waitFor(() => expect(root.querySelector('#ics')).not.toBeNull());
    typeInto('ics', 'https://calendar.test/secret/feed.ics');
    await nextTick();
    root.querySelector('#calendar')!.closest('section')!.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const text = "Can't read your calendar feed: the address answered 404. Check that it is your calendar’s secret address in iCal format and that it has not been reset.";
    await vi.waitFor(() => expect(root.querySelector('#calendar')!.closest('section')!.querySelector('[role="status"]')?.textContent).toBe(`Saved, but: ${text}`));
    expect((await read('pollStatus'))?.error).toBe(text);
  });
});

describe('joining while the server is unreachable', () => {
  it('says which server could not be reached and what to do', async () => {
    await write('accounts', {});
    await write('activeProgrammeId', null);
    online = false;
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<OptionsApp />, root);
    const input = (id: string, value: string) => {
      const field = root.querySelector<HTMLInputElement>(`#${id}`)!;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    await vi.waitFor(() => expect(root.querySelector('#invite')).not.toBeNull());
    input('invite', 'ABCD-1234');
    input('worker', 'https://twoway.test');
    // Preact re-renders on the next tick; the submit handler must see the typed values.
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toBe(
        "Can't reach your programme's server (https://twoway.test). Check your connection and the server address, then try again.",
      ),
    );
  });
});
