// The background's jobs against WXT's in-memory fake browser: a calendar poll
// books alarms, a due session prompts (report, notification, badge), an answer
// lands in storage before it is sent, and a rejected one is explained.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerPrompt, snoozePrompt } from '../../extension/background/answers';
import { pollCalendar } from '../../extension/background/poll';
import { PROMPT_ALARM_PREFIX, reconcilePrompts } from '../../extension/background/prompting';
import type { CalendarEvent, CalendarSource } from '../../extension/calendar/source';
import { SEND_LEASE } from '../../extension/outbox/machine';
import { OUTBOX_ALARM, runOutbox } from '../../extension/outbox/runner';
import { readOutbox } from '../../extension/outbox/storage';
import { read, write, type Account } from '../../extension/state/store';
import { signedInAccount } from './signed-in-account';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const account = signedInAccount;
const meeting = (start: number, minutes = 30): CalendarEvent => ({
  uid: `uid-${start}`,
  originalStart: new Date(start).toISOString(),
  start: new Date(start).toISOString(),
  end: new Date(start + minutes * 60_000).toISOString(),
  title: 'Catch-up',
  attendees: ['ben@example.com'],
  declined: [],
  ownerDeclined: false,
  ownerAddresses: [],
  recurring: false,
  cancelled: false,
});
const calendar = (events: CalendarEvent[]): CalendarSource => ({ listEvents: async () => events });

let requests: Array<{ method: string; url: string; body: unknown }>;
let respond: (method: string, url: string) => Response;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  requests = [];
  respond = (method) => new Response(JSON.stringify({ id: 'x' }), { status: method === 'PUT' ? 201 : 200 });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ method: String(init.method), url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return respond(String(init.method), url);
  });
  await write('accounts', { prog: account });
  await write('activeProgrammeId', 'prog');
});

afterEach(async () => {
  // Sends an answer started in the background finish here, not in the next test's storage.
  await runOutbox();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('calendar poll and prompting', () => {
  it('books an alarm a minute after an upcoming session ends, and does not prompt yet', async () => {
    const start = NOW + 3_600_000;
    await pollCalendar(NOW, calendar([meeting(start)]));
    const prompts = Object.values(await read('prompts'));
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.state).toBe('upcoming');
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.map((a) => [a.name.startsWith(PROMPT_ALARM_PREFIX), a.scheduledTime])).toEqual([
      [true, start + 30 * 60_000 + 60_000],
    ]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('a session that just ended reports itself, notifies and badges; its eventKey and times are all that is sent', async () => {
    const start = NOW - 32 * 60_000;
    await pollCalendar(NOW, calendar([meeting(start)]));
    const [prompt] = Object.values(await read('prompts'));
    expect(prompt).toMatchObject({ state: 'open', sessionReported: true, partnerName: 'Ben' });
    expect(requests).toEqual([
      {
        method: 'POST',
        url: 'https://twoway.test/api/v1/sessions',
        body: { pairId: 'pair-1', eventKey: `uid-${start}/${new Date(start).toISOString()}`, start: new Date(start).toISOString(), end: new Date(start + 30 * 60_000).toISOString() },
      },
    ]);
    const notifications = Object.values(await fakeBrowser.notifications.getAll()) as Array<{ message: string }>;
    expect(notifications.map((n) => n.message)).toEqual(['How was your session with Ben?']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('an answer is stored before it is sent, sent with answeredAt, and clears the badge', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    respond = () => {
      throw new TypeError('Failed to fetch');
    };
    const { responseId } = await answerPrompt(key!, { happened: true, value: 4 }, NOW);
    await runOutbox();
    const queued = (await readOutbox())[responseId];
    expect(queued).toMatchObject({ state: 'queued', attempts: 1, body: { value: 4, answeredAt: new Date(NOW).toISOString() } });
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeDefined();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    respond = () => new Response('{}', { status: 201 });
    vi.setSystemTime(queued!.nextAttemptAt);
    await runOutbox();
    expect((await readOutbox())[responseId]).toMatchObject({ state: 'sent' });
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts.map((p) => p.url)).toEqual([`https://twoway.test/api/v1/responses/${responseId}`, `https://twoway.test/api/v1/responses/${responseId}`]);
  });

  it('arms the outbox alarm before the first send, so a service worker killed mid-send is woken again', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    let alarmAtSend: unknown;
    let release!: (response: Response) => void;
    vi.stubGlobal('fetch', async () => {
      alarmAtSend = await fakeBrowser.alarms.get(OUTBOX_ALARM);
      // The service worker "dies" here: the answer does not come back while we look.
      return new Promise<Response>((resolve) => (release = resolve));
    });
    await answerPrompt(key!, { happened: true, value: 3 }, NOW);
    await vi.waitFor(() => expect(alarmAtSend).toMatchObject({ scheduledTime: NOW + SEND_LEASE }));
    release(new Response('{}', { status: 201 }));
    await runOutbox();
  });

  it('a chip after the first click reuses the same response id', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    const first = await answerPrompt(key!, { happened: true, value: 5 }, NOW);
    const second = await answerPrompt(key!, { happened: true, value: 5, learned: true }, NOW + 1000);
    expect(second.responseId).toBe(first.responseId);
    expect(Object.keys(await readOutbox())).toEqual([first.responseId]);
  });

  it('refuses an answer the schema forbids instead of queueing it', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    await expect(answerPrompt(key!, { happened: false, value: 3 }, NOW)).rejects.toThrow(/value must be absent/);
    expect(await readOutbox()).toEqual({});
  });

  it('a permanent refusal is explained in a notification and kept as failed', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    respond = (method) =>
      method === 'PUT'
        ? new Response(JSON.stringify({ error: { code: 'too_old', message: 'That session is more than 7 days old.' } }), { status: 422 })
        : new Response('{}');
    const { responseId } = await answerPrompt(key!, { happened: true, value: 2 }, NOW);
    await runOutbox();
    expect((await readOutbox())[responseId]).toMatchObject({ state: 'failed', failure: { status: 422, code: 'too_old' } });
    const notes = Object.values(await fakeBrowser.notifications.getAll()) as Array<{ message: string }>;
    expect(notes.map((n) => n.message)).toContain('That session is more than 7 days old.');
  });

  it('snooze hides the badge until the snooze ends', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    await snoozePrompt(key!, NOW);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await reconcilePrompts(NOW + 3_600_000);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('a cancelled upcoming meeting disappears with its alarm', async () => {
    const event = meeting(NOW + 3_600_000);
    await pollCalendar(NOW, calendar([event]));
    await pollCalendar(NOW + 60_000, calendar([{ ...event, cancelled: true }]));
    expect(await read('prompts')).toEqual({});
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('records a failed poll without losing prompts', async () => {
    await pollCalendar(NOW, { listEvents: async () => Promise.reject(new Error('feed unreachable')) });
    expect(await read('pollStatus')).toMatchObject({ ok: false, error: 'feed unreachable' });
  });

  it('a feed that answers 404 is reported in plain words in the poll status', async () => {
    await write('settings', { calendar: { kind: 'ics', url: 'https://calendar.test/secret/feed.ics' } });
    respond = (_method, url) => (url.startsWith('https://calendar.test/') ? new Response('gone', { status: 404 }) : new Response('{}'));
    await pollCalendar(NOW);
    expect(await read('pollStatus')).toMatchObject({
      ok: false,
      error: "Can't read your calendar feed: the address answered 404. Check that it is your calendar’s secret address in iCal format and that it has not been reset.",
    });
  });

  it('an answer that cannot reach the Worker is queued with a plain reason instead of "Failed to fetch"', async () => {
    await pollCalendar(NOW, calendar([meeting(NOW - 40 * 60_000)]));
    const [key] = Object.keys(await read('prompts'));
    respond = () => {
      throw new TypeError('Failed to fetch');
    };
    const { responseId } = await answerPrompt(key!, { happened: true, value: 4 }, NOW);
    await runOutbox();
    expect((await readOutbox())[responseId]?.lastError).toBe(
      "Can't reach your programme's server (https://twoway.test). Check your connection; your answer is kept and will be sent when it is back.",
    );
  });
});

describe('several programmes', () => {
  it('polls once for every joined programme, and forgets the prompts of one signed out of', async () => {
    const other: Account = {
      ...account,
      token: 'other-token',
      programme: { id: 'prog-2', name: 'Peer mentoring' },
      pairs: [{ id: 'pair-9', partner: { displayName: 'Cleo', email: 'cleo@example.com' } }],
    };
    await write('accounts', { prog: account, 'prog-2': other });
    const withCleo = { ...meeting(NOW + 3_600_000), uid: 'cleo-meeting', attendees: ['cleo@example.com'] };
    await pollCalendar(NOW, calendar([meeting(NOW + 3_600_000), withCleo]));
    const byProgramme = Object.values(await read('prompts')).map((p) => [p.programmeId, p.partnerName]);
    expect(byProgramme.sort()).toEqual([['prog', 'Ben'], ['prog-2', 'Cleo']]);

    await write('accounts', { prog: account });
    await pollCalendar(NOW, calendar([meeting(NOW + 3_600_000), withCleo]));
    expect(Object.values(await read('prompts')).map((p) => p.programmeId)).toEqual(['prog']);
  });
});

describe('meetings that are not sessions', () => {
  it('"not a mentoring session" answers the prompt, sends no title, and the next poll does not bring it back', async () => {
    const board = { ...meeting(NOW - 40 * 60_000), title: 'Board prep (not mentoring)' };
    await pollCalendar(NOW, calendar([board]));
    const [key] = Object.keys(await read('prompts'));
    await answerPrompt(key!, { happened: 'not_a_session' }, NOW);
    await runOutbox();
    expect((await read('prompts'))[key!]).toMatchObject({ state: 'answered', notASession: true });
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ happened: 'not_a_session' });
    expect(JSON.stringify(requests)).not.toContain('Board prep');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    const before = requests.length;
    await pollCalendar(NOW + 5 * 60_000, calendar([board]));
    expect((await read('prompts'))[key!]).toMatchObject({ state: 'answered', notASession: true });
    expect(requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('"ignore this recurring series" drops its waiting prompts and keeps it out of later polls', async () => {
    const weekly = (start: number) => ({ ...meeting(start), uid: 'weekly-standup', recurring: true, title: 'Team stand-up' });
    const [first, next] = [weekly(NOW - 40 * 60_000), weekly(NOW + 3_600_000)];
    await pollCalendar(NOW, calendar([first, next]));
    expect(Object.keys(await read('prompts'))).toHaveLength(2);
    expect(Object.values(await read('matchLog')).map((e) => [e.title, e.rule])).toEqual([
      ['Team stand-up', 'partner_attendee'],
      ['Team stand-up', 'partner_attendee'],
    ]);
    const { ignoreSeries } = await import('../../extension/background/series');
    await ignoreSeries('weekly-standup', 'Team stand-up', NOW);
    expect(await read('prompts')).toEqual({});
    expect(await read('matchLog')).toEqual({});
    expect(await read('ignoredSeries')).toEqual({ 'weekly-standup': { title: 'Team stand-up', at: NOW } });
    await pollCalendar(NOW + 60_000, calendar([first, next]));
    expect(await read('prompts')).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('reads the programme keywords from GET /me, and uses them only for meetings nobody else is invited to', async () => {
    await write('accounts', { prog: { ...account, refreshedAt: 0 } });
    respond = (method, url) =>
      url.endsWith('/me')
        ? new Response(JSON.stringify({ participant: account.participant, programme: { id: 'prog', name: 'Reverse mentoring 2026', meetingKeywords: ['mentoring'] }, pairs: account.pairs, responses: [] }))
        : new Response(JSON.stringify({ id: 'x' }), { status: method === 'PUT' ? 201 : 200 });
    const solo = { ...meeting(NOW + 3_600_000), uid: 'solo', title: 'Mentoring slot', attendees: [] };
    const crowded = { ...meeting(NOW + 7_200_000), uid: 'crowd', title: 'Mentoring all-hands', attendees: ['dan@example.com', 'eve@example.com'] };
    await pollCalendar(NOW, calendar([solo, crowded]));
    expect((await read('accounts')).prog).toMatchObject({ programme: { meetingKeywords: ['mentoring'] }, refreshedAt: NOW });
    expect(Object.values(await read('prompts')).map((p) => [p.title, p.rule])).toEqual([['Mentoring slot', 'keyword']]);
  });
});
