// The outbox carries every kind the pair's loop sends (checks, requests,
// sharing changes, not-asked session reports) with the answers' guarantees:
// stored before the send, kept while offline and across a restart, retried
// with Retry-After, refusals kept in plain words. Against WXT's fake browser.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerCheck, sendRequest, setJointSummary } from '../../extension/background/pair-loop';
import { notifyDueChecks } from '../../extension/background/pair-loop';
import { pollCalendar } from '../../extension/background/poll';
import { reconcilePrompts } from '../../extension/background/prompting';
import type { CalendarEvent } from '../../extension/calendar/source';
import { onWake } from '../../extension/background/router';
import { recordItem, type OutboxEntry } from '../../extension/outbox/machine';
import { runOutbox } from '../../extension/outbox/runner';
import { readOutbox } from '../../extension/outbox/storage';
import { HOUR, SELF_CLOSE_AFTER, type Prompt } from '../../extension/prompts/rules';
import { read, write, type Account } from '../../extension/state/store';
import { signedInAccount } from './signed-in-account';
import { refreshBadge } from '../../extension/background/prompting';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const account: Account = {
  ...signedInAccount,
  pairs: [{ ...signedInAccount.pairs[0]!, questions: { fit: true, milestone: 30, closing: false }, jointSummary: 'off' }],
};

let requests: Array<{ method: string; path: string; body: Record<string, unknown> | undefined }>;
let online: boolean;
let respond: (method: string, path: string, body: Record<string, unknown> | undefined) => Response;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  requests = [];
  online = true;
  respond = (method, path, body) => {
    if (path.includes('/sharing')) return Response.json({ jointSummary: body?.jointSummary ? 'waiting' : 'off' });
    if (path.includes('/me/requests/')) {
      const id = path.split('/').pop()!;
      return Response.json({ id, kind: body?.kind, pairId: body?.pairId ?? null, status: 'open', createdAt: body?.sentAt, handledAt: null }, { status: 201 });
    }
    return Response.json({ id: 'x', outcome: 'created' }, { status: method === 'PUT' ? 201 : 200 });
  };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname.replace('/api/v1', '');
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    requests.push({ method: String(init.method), path, body });
    return respond(String(init.method), path, body);
  });
  await write('accounts', { prog: account });
  await write('activeProgrammeId', 'prog');
});

afterEach(async () => {
  await runOutbox();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the send started in the background finish, then reads the entry. */
async function settled(id: string): Promise<OutboxEntry | undefined> {
  await runOutbox();
  return (await readOutbox())[id];
}

/** The connection comes back and the entry's retry falls due. */
async function backOnline(id: string): Promise<OutboxEntry | undefined> {
  online = true;
  const queued = (await readOutbox())[id];
  vi.setSystemTime(Math.max(Date.now(), queued?.nextAttemptAt ?? 0));
  return settled(id);
}

describe('checks', () => {
  it('a fit answer is stored before it is sent, kept while offline in plain words, and sent when the Worker is back', async () => {
    online = false;
    const { id } = await answerCheck('prog', { kind: 'fit', pairId: 'pair-1', fit: 'not_sure' }, NOW);
    const queued = await settled(id);
    expect(queued).toMatchObject({ kind: 'check', state: 'queued', attempts: 1, body: { kind: 'fit', fit: 'not_sure', answeredAt: new Date(NOW).toISOString() } });
    expect(queued?.lastError).toBe("Can't reach your programme's server (https://twoway.test). Check your connection; your answer is kept and will be sent when it is back.");

    expect(await backOnline(id)).toMatchObject({ state: 'sent' });
    expect(requests).toEqual([
      { method: 'PUT', path: `/me/checks/${id}`, body: { kind: 'fit', pairId: 'pair-1', fit: 'not_sure', answeredAt: new Date(NOW).toISOString() } },
    ]);
  });

  it('answering a relationship check again reuses its id, and the newer answer is the one sent', async () => {
    online = false;
    const first = await answerCheck('prog', { kind: 'milestone', pairId: 'pair-1', milestone: 30, worthwhile: 'yes', pace: 'too_little' }, NOW);
    const second = await answerCheck('prog', { kind: 'milestone', pairId: 'pair-1', milestone: 30, worthwhile: 'unsure', pace: 'too_little' }, NOW + 1000);
    const closing = await answerCheck('prog', { kind: 'closing', pairId: 'pair-1', again: 'maybe', changed: ['new_skills'] }, NOW + 2000);
    expect(second.id).toBe(first.id);
    expect(closing.id).not.toBe(first.id);
    await settled(first.id);
    await backOnline(first.id);
    await backOnline(closing.id);
    const milestones = requests.filter((r) => r.path === `/me/checks/${first.id}`);
    expect(milestones.map((r) => r.body?.worthwhile)).toEqual(['unsure']);
    expect(requests.find((r) => r.path === `/me/checks/${closing.id}`)?.body).toMatchObject({ kind: 'closing', again: 'maybe', changed: ['new_skills'] });
  });

  it('a check the Worker would refuse is not queued', async () => {
    await expect(answerCheck('prog', { kind: 'fit', pairId: 'pair-1', fit: 'great' as never }, NOW)).rejects.toThrow(/Working, Not sure yet or Not working/);
    expect(await readOutbox()).toEqual({});
  });
});

describe('requests', () => {
  it('a rematch request made offline survives a browser restart and is sent once the Worker can be reached; the account lists it', async () => {
    online = false;
    const { id } = await sendRequest('prog', { kind: 'rematch', pairId: 'pair-1', message: '  We never find a time.  ' }, NOW);
    expect(await settled(id)).toMatchObject({ kind: 'request', state: 'queued', body: { message: 'We never find a time.' } });
    expect((await readOutbox())[id]?.lastError).toMatch(/your request is kept and will be sent when it is back/);

    online = true;
    vi.setSystemTime(NOW + HOUR);
    // The browser starts again: its start-up run sends what was kept.
    await onWake();
    expect((await readOutbox())[id]).toMatchObject({ state: 'sent' });
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([
      { method: 'PUT', path: `/me/requests/${id}`, body: { kind: 'rematch', pairId: 'pair-1', message: 'We never find a time.', sentAt: new Date(NOW).toISOString() } },
    ]);
    expect((await read('accounts')).prog?.requests).toEqual([
      { id, kind: 'rematch', pairId: 'pair-1', status: 'open', createdAt: new Date(NOW).toISOString(), handledAt: null },
    ]);
  });

  it('waits as long as Retry-After says, and a refusal is kept with plain words and a notification', async () => {
    respond = () => new Response('{}', { status: 429, headers: { 'retry-after': '120' } });
    const { id } = await sendRequest('prog', { kind: 'contact', urgency: 'this_week' }, NOW);
    const waiting = await settled(id);
    expect(waiting).toMatchObject({ state: 'queued', lastError: "Your programme's server is busy right now. Your request is kept and will be sent again later." });
    expect(waiting!.nextAttemptAt).toBeGreaterThanOrEqual(NOW + 120_000);

    respond = () => Response.json({ error: { code: 'invalid_input', message: 'the input is not valid' } }, { status: 422 });
    vi.setSystemTime(waiting!.nextAttemptAt);
    const failed = await settled(id);
    expect(failed).toMatchObject({ state: 'failed', failure: { status: 422 } });
    expect(failed?.failure?.message).toBe("Your programme's server could not accept this request (it answered 422). Tell your coordinator if this keeps happening.");
    const notes = Object.values(await fakeBrowser.notifications.getAll()) as Array<{ title: string }>;
    expect(notes.map((n) => n.title)).toContain('Twoway could not send a request');
  });

  it('refuses a message longer than the Worker takes, before queuing it', async () => {
    await expect(sendRequest('prog', { kind: 'contact', urgency: 'urgent', message: 'x'.repeat(501) }, NOW)).rejects.toThrow(/500 characters/);
    expect(await readOutbox()).toEqual({});
  });
});

describe('sharing', () => {
  it('the latest change wins: an opt-in queued offline is replaced by the opt-out after it, and the account is off at once', async () => {
    online = false;
    await setJointSummary('prog', 'pair-1', true, NOW);
    expect((await read('accounts')).prog?.pairs[0]?.jointSummary).toBe('waiting');
    await setJointSummary('prog', 'pair-1', false, NOW + 1000);
    expect((await read('accounts')).prog?.pairs[0]?.jointSummary).toBe('off');
    const entries = Object.values(await readOutbox());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: 'sharing:pair-1', kind: 'sharing', body: { jointSummary: false } });

    await backOnline('sharing:pair-1');
    expect(requests).toEqual([
      { method: 'PUT', path: '/me/pairs/pair-1/sharing', body: { jointSummary: false, changedAt: new Date(NOW + 1000).toISOString() } },
    ]);
    expect((await read('accounts')).prog?.pairs[0]?.jointSummary).toBe('off');
  });

  it('an opt-out still queued keeps the summary hidden when GET /me, read meanwhile, still says on', async () => {
    respond = (_method, path) =>
      path === '/me'
        ? Response.json({
            participant: { id: 'me', displayName: 'Ana', email: 'ana@example.com' },
            programme: { id: 'prog', name: 'Reverse mentoring 2026', meetingKeywords: [], maxPromptsPerPairPerWeek: null },
            pairs: [{ ...account.pairs[0], jointSummary: 'on', role: 'mentor', startsOn: '2026-01-01', endsOn: null, cadenceDays: 14 }],
            responses: [],
            requests: [],
          })
        : new Response('{}', { status: 503 });
    await write('accounts', { prog: { ...account, pairs: [{ ...account.pairs[0]!, jointSummary: 'on' }] } });
    await setJointSummary('prog', 'pair-1', false, NOW);
    await settled('sharing:pair-1');
    expect((await readOutbox())['sharing:pair-1']).toMatchObject({ state: 'queued' });
    vi.setSystemTime(NOW + 7 * HOUR);
    await pollCalendar(NOW + 7 * HOUR, null);
    expect(requests.some((r) => r.path === '/me')).toBe(true);
    expect((await read('accounts')).prog?.pairs[0]?.jointSummary).toBe('off');
  });

  it('an older change arriving late never replaces a newer one, and its answer does not undo an opt-out', async () => {
    let release!: () => void;
    respond = (_method, _path, body) => Response.json({ jointSummary: body?.jointSummary ? 'on' : 'off' });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      requests.push({ method: String(init.method), path: new URL(url).pathname.replace('/api/v1', ''), body });
      // The opt-in is still on its way when the person opts out.
      if (body.jointSummary === true) await new Promise<void>((resolve) => (release = resolve));
      return respond(String(init.method), '', body);
    });
    await setJointSummary('prog', 'pair-1', true, NOW);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    await setJointSummary('prog', 'pair-1', false, NOW + 1000);
    release();
    await settled('sharing:pair-1');
    await settled('sharing:pair-1');
    expect(requests.map((r) => r.body?.jointSummary)).toEqual([true, false]);
    expect((await read('accounts')).prog?.pairs[0]?.jointSummary).toBe('off');
    expect((await readOutbox())['sharing:pair-1']).toMatchObject({ state: 'sent', body: { jointSummary: false } });
    // A stale copy of the opt-in, recorded late, does not replace the opt-out.
    const stale = recordItem((await readOutbox())['sharing:pair-1'], 'sharing:pair-1', 'prog', {
      kind: 'sharing', pairId: 'pair-1', body: { jointSummary: true, changedAt: new Date(NOW).toISOString() },
    }, NOW + 2000);
    expect(stale.body).toMatchObject({ jointSummary: false });
  });
});

describe('sessions not asked about', () => {
  const ended = (day: number): Prompt => {
    const start = NOW - 2 * HOUR - day * HOUR * 24;
    return {
      pairId: 'pair-1',
      partnerName: 'Ben',
      eventKey: `uid-${day}/${new Date(start).toISOString()}`,
      start: new Date(start).toISOString(),
      end: new Date(start + HOUR).toISOString(),
      rule: 'partner_attendee',
      title: 'Catch-up',
      seriesUid: `uid-${day}`,
      recurring: false,
      programmeId: 'prog',
      state: 'upcoming',
      weekRank: 1 - day,
    };
  };

  it('past the programme cap, a session is reported with asked:false through the outbox, offline then online', async () => {
    await write('accounts', { prog: { ...account, programme: { ...account.programme, maxPromptsPerPairPerWeek: 1 } } });
    // Monday's session was the week's first and is asked about; today's is the second.
    const today = ended(0);
    await write('prompts', { [`pair-1|${today.eventKey}`]: today });
    online = false;
    await reconcilePrompts(NOW);
    const prompt = Object.values(await read('prompts'))[0];
    expect(prompt).toMatchObject({ state: 'not_asked', selection: 'cap' });
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    const id = `session:pair-1|${today.eventKey}`;
    expect(await settled(id)).toMatchObject({ kind: 'session', state: 'queued', attempts: 1 });

    expect(await backOnline(id)).toMatchObject({ state: 'sent' });
    expect(requests).toEqual([
      { method: 'POST', path: '/sessions', body: { pairId: 'pair-1', eventKey: today.eventKey, start: today.start, end: today.end, asked: false } },
    ]);
    // Settled: a later run neither asks nor reports it again.
    await reconcilePrompts(NOW + HOUR);
    await runOutbox();
    expect(requests).toHaveLength(1);
  });
});

describe('a decision cut short', () => {
  it('a not-asked session stored without its report (the service worker stopped in between) is queued on the next run', async () => {
    const start = NOW - 2 * HOUR;
    const decided: Prompt = {
      pairId: 'pair-1', partnerName: 'Ben', eventKey: `uid-x/${new Date(start).toISOString()}`,
      start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString(), rule: 'partner_attendee',
      title: 'Catch-up', seriesUid: 'uid-x', recurring: false, programmeId: 'prog', state: 'not_asked', selection: 'every_other',
    };
    await write('prompts', { [`pair-1|${decided.eventKey}`]: decided });
    await reconcilePrompts(NOW);
    await runOutbox();
    expect(requests.map((r) => [r.path, r.body?.asked])).toEqual([['/sessions', false]]);
    expect(Object.values(await read('prompts'))[0]).toMatchObject({ state: 'not_asked', sessionReported: true });
  });
});

describe('the poll and the cap', () => {
  const meeting = (start: number): CalendarEvent => ({
    uid: `uid-${start}`,
    originalStart: new Date(start).toISOString(),
    start: new Date(start).toISOString(),
    end: new Date(start + HOUR).toISOString(),
    title: 'Catch-up',
    attendees: ['ben@example.com'],
    declined: [],
    ownerDeclined: false,
    ownerAddresses: [],
    recurring: false,
    cancelled: false,
  });

  it("ranks today's session after one earlier in the week that is too old to ask about, so the cap leaves it out", async () => {
    await write('accounts', { prog: { ...account, programme: { ...account.programme, maxPromptsPerPairPerWeek: 1 } } });
    // Thursday; Monday's session ended three days ago (no prompt any more), today's just now.
    const thursday = Date.parse('2026-11-26T12:00:00Z');
    vi.setSystemTime(thursday);
    const listed: Array<[number, number]> = [];
    await pollCalendar(thursday, {
      listEvents: async (from, to) => {
        listed.push([from.getTime(), to.getTime()]);
        return [meeting(Date.parse('2026-11-23T09:00:00Z')), meeting(thursday - 2 * HOUR)];
      },
    });
    expect(listed[0]?.[0]).toBe(Date.parse('2026-11-23T00:00:00Z'));
    const prompts = Object.values(await read('prompts'));
    expect(prompts.map((p) => [p.weekRank, p.state, p.selection])).toEqual([[1, 'not_asked', 'cap']]);
    // No session prompt (the relationship check due for the pair has its own notification).
    expect(Object.keys(await fakeBrowser.notifications.getAll()).filter((id) => id.startsWith('twoway:'))).toEqual([]);
    await runOutbox();
    expect(requests.filter((r) => r.path === '/sessions').map((r) => r.body?.asked)).toEqual([false]);
  });
});

describe('relationship check and closing notifications', () => {
  it('notify once per due check, not in quiet hours, and not once answered here', async () => {
    const due: Account = { ...account, pairs: [{ ...account.pairs[0]!, questions: { fit: false, milestone: 30, closing: true } }] };
    const hourNow = new Date(NOW).getHours();
    await write('settings', { calendar: { kind: 'none' }, pacing: { everyOther: false, quietHours: { start: hourNow, end: (hourNow + 2) % 24 } } });
    await notifyDueChecks({ prog: due }, NOW);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});

    await write('settings', { calendar: { kind: 'none' } });
    await answerCheck('prog', { kind: 'closing', pairId: 'pair-1', again: 'yes' }, NOW);
    await notifyDueChecks({ prog: due }, NOW);
    await notifyDueChecks({ prog: due }, NOW + HOUR);
    const notes = Object.entries(await fakeBrowser.notifications.getAll()) as Array<[string, { message: string }]>;
    expect(notes.map(([, n]) => n.message)).toEqual(['A quick check on your pairing with Ben: two one-click questions.']);

    // The badge counts the relationship check still due, not the closing answered here; answering it clears it.
    await write('accounts', { prog: due });
    await refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await answerCheck('prog', { kind: 'milestone', pairId: 'pair-1', milestone: 30, worthwhile: 'yes', pace: 'right' }, NOW);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    // Twelve hours on, the notification has closed itself and is not shown again; the popup still asks.
    await notifyDueChecks({ prog: due }, NOW + SELF_CLOSE_AFTER);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    await notifyDueChecks({ prog: due }, NOW + SELF_CLOSE_AFTER + HOUR);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });
});
