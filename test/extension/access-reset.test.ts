// When the programme resets or revokes this device's sign-in: the next call
// gets a 401 with a code, the person is told in plain words how to re-join,
// and every queued answer waits in the outbox until the new token sends it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accessLostMessage } from '../../extension/api/access';
import { answerPrompt } from '../../extension/background/answers';
import { pollCalendar } from '../../extension/background/poll';
import type { CalendarEvent, CalendarSource } from '../../extension/calendar/source';
import { retryOutboxNow, runOutbox } from '../../extension/outbox/runner';
import { readOutbox } from '../../extension/outbox/storage';
import { read, write } from '../../extension/state/store';
import { h, render } from 'preact';
import { AccessNotice } from '../../extension/ui/AccessNotice';
import { signedInAccount as account } from './signed-in-account';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const meeting = (start: number): CalendarEvent => ({
  uid: `uid-${start}`, originalStart: new Date(start).toISOString(), start: new Date(start).toISOString(),
  end: new Date(start + 30 * 60_000).toISOString(), title: 'Catch-up', attendees: ['ben@example.com'], declined: [], ownerDeclined: false, ownerAddresses: [], recurring: false,
  cancelled: false,
});
const calendar = (events: CalendarEvent[]): CalendarSource => ({ listEvents: async () => events });
const envelope = (code: string) => new Response(JSON.stringify({ error: { code, message: 'refused' } }), { status: 401 });

let puts: Array<{ url: string; token: string | null }>;
let respond: (method: string) => Response;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  puts = [];
  respond = () => new Response('{}', { status: 201 });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const token = new Headers(init.headers).get('authorization');
    if (init.method === 'PUT') puts.push({ url, token });
    return respond(String(init.method));
  });
  await write('accounts', { prog: account });
  await write('activeProgrammeId', 'prog');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function twoQueuedAnswers() {
  await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000), meeting(NOW - 3 * 3600_000)]));
  const keys = Object.keys(await read('prompts'));
  expect(keys).toHaveLength(2);
  const ids: string[] = [];
  for (const key of keys) ids.push((await answerPrompt(key, { happened: true, value: 4 }, NOW)).responseId);
  await runOutbox();
  return ids;
}

describe('access reset by the programme', () => {
  it.each(['access_reset', 'token_revoked'])('a 401 %s marks the account, tells the person, and keeps every answer queued', async (code) => {
    respond = (method) => (method === 'PUT' ? envelope(code) : new Response('{}', { status: 201 }));
    const ids = await twoQueuedAnswers();
    const outbox = await readOutbox();
    for (const id of ids) expect(outbox[id]).toMatchObject({ state: 'queued' });
    const stored = (await read('accounts')).prog!;
    expect(stored.accessLost).toMatchObject({ code });
    const notifications = Object.values(await fakeBrowser.notifications.getAll()) as Array<{ message: string; title: string }>;
    const told = notifications.filter((n) => n.title === 'Twoway: you were signed out');
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toMatch(/new invite code/);
    expect(told[0]!.message).toMatch(/kept on this computer/);
    if (code === 'access_reset') expect(told[0]!.message).toMatch(/reset by the programme/);

    // While signed out, nothing more is sent, and "try again" keeps them too.
    const sentSoFar = puts.length;
    await retryOutboxNow(Date.now());
    expect(puts.length).toBe(sentSoFar);
    for (const id of ids) expect((await readOutbox())[id]).toMatchObject({ state: 'queued' });
  });

  it('after re-joining with the new code, the kept answers go with the new token', async () => {
    respond = (method) => (method === 'PUT' ? envelope('access_reset') : new Response('{}', { status: 201 }));
    const ids = await twoQueuedAnswers();
    // The options page stores the re-joined account (no accessLost) and tells the background.
    await write('accounts', { prog: { ...account, token: 'new-token' } });
    respond = () => new Response('{}', { status: 201 });
    await retryOutboxNow(Date.now());
    const outbox = await readOutbox();
    for (const id of ids) expect(outbox[id]).toMatchObject({ state: 'sent' });
    expect(puts.filter((p) => p.token === 'Bearer new-token')).toHaveLength(2);
  });

  it('the popup and options say so in plain words', () => {
    const lost = { ...account, accessLost: { code: 'access_reset' as const, at: NOW } };
    const root = document.createElement('div');
    render(h(AccessNotice, { account: lost }), root);
    const alert = root.querySelector('[role=alert]');
    expect(alert?.textContent).toBe(accessLostMessage(lost.accessLost, 'Reverse mentoring 2026'));
    expect(alert?.textContent).toMatch(/^Your access to Reverse mentoring 2026 was reset by the programme/);
    render(h(AccessNotice, { account }), root);
    expect(root.textContent).toBe('');
  });
});
