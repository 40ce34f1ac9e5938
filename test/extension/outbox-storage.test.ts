// How the outbox sits in storage.local: one key per entry (`outbox:<id>`), so
// queuing an answer touches that entry alone; the single `outbox` key of
// earlier versions is still read, and moved without losing an answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerPrompt } from '../../extension/background/answers';
import { answerBody, recordEntry, type Outbox, type OutboxEntry, type ResponseBody } from '../../extension/outbox/machine';
import { runOutbox } from '../../extension/outbox/runner';
import type { Prompt } from '../../extension/prompts/rules';
import {
  LEGACY_OUTBOX_KEY,
  moveLegacyOutbox,
  OUTBOX_PREFIX,
  readOutbox,
  updateOutboxEntry,
} from '../../extension/outbox/storage';
import { write } from '../../extension/state/store';
import { signedInAccount } from './signed-in-account';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function prompt(i: number): Prompt {
  const start = new Date(NOW - 3_600_000 - i * 60_000).toISOString();
  return {
    pairId: 'pair-1',
    partnerName: 'Ben',
    eventKey: `uid-${i}/${start}`,
    start,
    end: new Date(Date.parse(start) + 1_800_000).toISOString(),
    rule: 'partner_attendee',
    title: 'Catch-up',
    seriesUid: `uid-${i}`,
    recurring: false,
    programmeId: 'prog',
    state: 'open',
    openedAt: NOW - 60_000,
    sessionReported: true,
  };
}

function body(value: number, answeredAt: number): ResponseBody {
  const p = prompt(0);
  return { pairId: p.pairId, eventKey: p.eventKey, start: p.start, end: p.end, happened: true, value, answeredAt: new Date(answeredAt).toISOString() };
}

const entry = (id: string, value: number, answeredAt = NOW): OutboxEntry => recordEntry(undefined, id, 'prog', body(value, answeredAt), NOW);

/** Everything in storage.local, as the browser holds it. */
const everything = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

let puts: string[];

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  puts = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (init.method === 'PUT') puts.push(url.split('/').at(-1)!);
    return new Response('{}', { status: init.method === 'PUT' ? 201 : 200 });
  });
  await write('accounts', { prog: signedInAccount });
});

afterEach(async () => {
  await runOutbox(); // background sends finish in this test's storage
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('one storage key per outbox entry', () => {
  it('queuing an answer reads and writes its own entry, never the whole outbox, however many wait', async () => {
    const prompts = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, prompt(i)]));
    await write('prompts', prompts);
    // 50 answers already waiting.
    for (let i = 0; i < 50; i++) await answerPrompt(`k${i}`, { happened: true, value: 3 }, NOW);
    await runOutbox();

    const peek = fakeBrowser.storage.local.get; // reads by the test itself are not counted
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const { responseId } = await answerPrompt('k55', { happened: true, value: 4 }, NOW);
    await vi.waitFor(() => expect(puts).toContain(responseId));
    await vi.waitFor(async () => expect((await peek(OUTBOX_PREFIX + responseId))[OUTBOX_PREFIX + responseId]).toMatchObject({ state: 'sent' }));
    const [getCalls, setCalls] = [[...get.mock.calls], [...set.mock.calls]];
    get.mockRestore();
    set.mockRestore();

    const outboxWrites = setCalls.map(([items]) => Object.keys(items)).filter((keys) => keys.some((k) => k.startsWith('outbox')));
    expect(outboxWrites.length).toBeGreaterThan(0);
    // Recorded, marked sending, marked sent: each write is this entry alone.
    for (const keys of outboxWrites) expect(keys).toEqual([OUTBOX_PREFIX + responseId]);
    // No scan of storage (get(null)) and no read of another entry.
    const reads = getCalls.map(([keys]) => keys);
    expect(reads).not.toContain(null);
    const outboxReads = reads.flatMap((keys) => (typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : [])).filter((k) => k.startsWith('outbox'));
    expect(new Set(outboxReads)).toEqual(new Set([OUTBOX_PREFIX + responseId, LEGACY_OUTBOX_KEY]));

    const stored = await everything();
    expect(stored).not.toHaveProperty(LEGACY_OUTBOX_KEY);
    expect(Object.keys(stored).filter((k) => k.startsWith(OUTBOX_PREFIX))).toHaveLength(51);
  });

  it('concurrent edits of different entries, and of one entry, are all kept', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    await Promise.all([
      ...ids.map((id) => updateOutboxEntry(id, (current) => recordEntry(current, id, 'prog', body(2, NOW), NOW))),
      // Ten edits of one entry racing each other: each one is applied in turn.
      ...Array.from({ length: 10 }, (_, i) =>
        updateOutboxEntry('id-0', (current) => recordEntry(current, 'id-0', 'prog', body(3, NOW + 1 + i), NOW)),
      ),
    ]);
    const outbox = await readOutbox();
    expect(Object.keys(outbox).sort()).toEqual([...ids].sort());
    expect(outbox['id-0']).toMatchObject({ version: 11, body: { value: 3, answeredAt: new Date(NOW + 10).toISOString() } });
  });

  it('an entry set to undefined is removed from storage', async () => {
    await updateOutboxEntry('gone', () => entry('gone', 3));
    await updateOutboxEntry('gone', () => undefined);
    expect(await everything()).not.toHaveProperty(`${OUTBOX_PREFIX}gone`);
  });
});

describe('the single `outbox` key of earlier versions', () => {
  const legacy: Outbox = {
    queued: entry('queued', 4),
    sent: { ...entry('sent', 5), state: 'sent', sentAt: NOW - 1000 },
  };

  it('is read as it is, before anything moves it', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_OUTBOX_KEY]: legacy });
    expect(await readOutbox()).toEqual(legacy);
  });

  it('is moved to one key per entry by the next run, and its queued answer is delivered once', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_OUTBOX_KEY]: legacy });
    await runOutbox();
    const stored = await everything();
    expect(stored).not.toHaveProperty(LEGACY_OUTBOX_KEY);
    expect(stored[`${OUTBOX_PREFIX}queued`]).toMatchObject({ state: 'sent', body: { value: 4 } });
    expect(stored[`${OUTBOX_PREFIX}sent`]).toEqual(legacy.sent);
    expect(puts).toEqual(['queued']);
  });

  it('an edit of an answer still in the old key moves the old key first, and the newer answer wins', async () => {
    await write('prompts', { k: { ...prompt(0), state: 'answered', responseId: 'queued' } });
    await fakeBrowser.storage.local.set({ [LEGACY_OUTBOX_KEY]: legacy });
    vi.setSystemTime(NOW + 5000);
    await answerPrompt('k', { happened: true, value: 2 }, NOW + 5000);
    await vi.waitFor(() => expect(puts).toEqual(['queued']));
    const outbox = await readOutbox();
    expect(Object.keys(outbox).sort()).toEqual(['queued', 'sent']);
    expect(outbox.queued).toMatchObject({ version: 2, body: { value: 2 } });
    expect(await everything()).not.toHaveProperty(LEGACY_OUTBOX_KEY);
  });

  it('a move cut short is finished later without undoing what happened since', async () => {
    // The first move wrote the entries, then the service worker died before deleting the old key;
    // the queued answer was then sent from its own key.
    await fakeBrowser.storage.local.set({
      [LEGACY_OUTBOX_KEY]: legacy,
      [`${OUTBOX_PREFIX}queued`]: { ...legacy.queued, state: 'sent', sentAt: NOW },
      [`${OUTBOX_PREFIX}sent`]: legacy.sent,
    });
    expect((await readOutbox()).queued?.state).toBe('sent');
    await moveLegacyOutbox();
    const stored = await everything();
    expect(stored).not.toHaveProperty(LEGACY_OUTBOX_KEY);
    expect(stored[`${OUTBOX_PREFIX}queued`]).toMatchObject({ state: 'sent' });
    await runOutbox();
    expect(puts).toEqual([]);
  });

  it('a newer answer in the old key beats an older copy in its own key', async () => {
    const newer = entry('queued', 1, NOW + 60_000);
    await fakeBrowser.storage.local.set({ [LEGACY_OUTBOX_KEY]: { queued: newer }, [`${OUTBOX_PREFIX}queued`]: legacy.queued });
    expect(answerBody((await readOutbox()).queued)?.value).toBe(1);
    await moveLegacyOutbox();
    expect((await everything())[`${OUTBOX_PREFIX}queued`]).toEqual(newer);
  });
});
