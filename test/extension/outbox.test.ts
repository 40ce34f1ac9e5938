// @vitest-environment node
// The outbox state machine and its runner, with storage, clock, randomness
// and the Worker all faked in memory.
import { describe, expect, it, vi } from 'vitest';
import {
  answerBody,
  BASE_DELAY,
  flushOutbox,
  MAX_DELAY,
  record,
  recordEntry,
  retryDelay,
  retryNow,
  SEND_LEASE,
  type Outbox,
  type OutboxDeps,
  type OutboxEntry,
  type ResponseBody,
  type SendOutcome,
} from '../../extension/outbox/machine';
import { parseRetryAfter } from '../../extension/outbox/retry-after';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const ID = '6f1c2f0e-6a4b-4b8e-9a43-3f4c1d2e5a10';

function body(value: number, answeredAt: number): ResponseBody {
  return {
    pairId: 'pair-1',
    eventKey: 'uid/2026-11-23T10:00:00.000Z',
    start: '2026-11-23T10:00:00.000Z',
    end: '2026-11-23T11:00:00.000Z',
    happened: true,
    value,
    answeredAt: new Date(answeredAt).toISOString(),
  };
}

/** A Worker with an idempotent PUT by id that keeps the newest answer, like the real one. */
class FakeWorker {
  stored = new Map<string, ResponseBody>();
  effects = 0;
  put(id: string, body: OutboxEntry['body']): SendOutcome {
    const incoming = body as ResponseBody;
    const existing = this.stored.get(id);
    if (!existing) {
      this.stored.set(id, incoming);
      this.effects++;
      return { kind: 'ok', status: 201 };
    }
    if (incoming.answeredAt > existing.answeredAt) this.stored.set(id, incoming);
    return { kind: 'ok', status: 200 };
  }
}

/** storage.local in miniature: one value per entry, as the extension stores them, each through JSON like the real thing. */
function harness(send: (entry: OutboxEntry) => Promise<SendOutcome>, start = T0) {
  const saved = new Map<string, string>();
  const clock = { now: start };
  const failed: OutboxEntry[] = [];
  const stored = () => Object.fromEntries([...saved].map(([id, json]) => [id, JSON.parse(json) as OutboxEntry])) as Outbox;
  const deps: OutboxDeps = {
    load: async () => stored(),
    updateEntry: async (id, change) => {
      const current = saved.has(id) ? (JSON.parse(saved.get(id)!) as OutboxEntry) : undefined;
      const next = change(current);
      if (next) saved.set(id, JSON.stringify(next));
      else saved.delete(id);
      return next;
    },
    send,
    now: () => clock.now,
    random: () => 0.5,
    onFailed: (entry) => {
      failed.push(entry);
    },
  };
  return {
    deps,
    clock,
    failed,
    stored,
    /** Storage as another life of the service worker left it. */
    restore: (outbox: Outbox) => {
      saved.clear();
      for (const [id, entry] of Object.entries(outbox)) saved.set(id, JSON.stringify(entry));
    },
    put: async (value: number, answeredAt = clock.now) => {
      await deps.updateEntry(ID, (entry) => recordEntry(entry, ID, 'prog', body(value, answeredAt), clock.now));
    },
  };
}

describe('record', () => {
  it('replaces an older answer with a newer one, and never the reverse', () => {
    let outbox = record({}, ID, 'prog', body(3, T0), T0);
    outbox = record(outbox, ID, 'prog', body(5, T0 + 1000), T0 + 1000);
    expect(answerBody(outbox[ID])?.value).toBe(5);
    expect(outbox[ID]?.version).toBe(2);
    const late = record(outbox, ID, 'prog', body(1, T0), T0 + 2000);
    expect(answerBody(late[ID])?.value).toBe(5);
  });
});

describe('retry timing', () => {
  it('doubles the delay per attempt with jitter between half and all of it, capped', () => {
    expect(retryDelay(1, 0)).toBe(BASE_DELAY / 2);
    expect(retryDelay(1, 1)).toBe(BASE_DELAY);
    expect(retryDelay(3, 1)).toBe(BASE_DELAY * 4);
    expect(retryDelay(40, 1)).toBe(MAX_DELAY);
    expect(retryDelay(40, 0)).toBe(MAX_DELAY / 2);
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelay(1, 0.5, 120_000)).toBe(120_000);
    expect(retryDelay(5, 1, 1_000)).toBe(BASE_DELAY * 16);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30', T0)).toBe(30_000);
    expect(parseRetryAfter(new Date(T0 + 90_000).toUTCString(), T0)).toBe(90_000);
    expect(parseRetryAfter('soon', T0)).toBeUndefined();
    expect(parseRetryAfter(null, T0)).toBeUndefined();
  });
});

describe('flushOutbox', () => {
  it('stores the answer as sending before the request leaves, and marks it sent after', async () => {
    const worker = new FakeWorker();
    const h = harness(async (entry) => {
      expect(h.stored()[entry.id]?.state).toBe('sending');
      return worker.put(entry.id, entry.body);
    });
    await h.put(4);
    expect(await flushOutbox(h.deps)).toBeNull();
    expect(h.stored()[ID]).toMatchObject({ state: 'sent', sentAt: T0 });
    expect(worker.stored.get(ID)?.value).toBe(4);
  });

  it.each([
    [{ kind: 'network', message: 'Failed to fetch' } as SendOutcome, 'Failed to fetch'],
    [{ kind: 'http', status: 503 } as SendOutcome, 'HTTP 503'],
    [{ kind: 'http', status: 500 } as SendOutcome, 'HTTP 500'],
  ])('retries %j with exponential backoff', async (outcome, lastError) => {
    const h = harness(async () => outcome);
    await h.put(4);
    const wake1 = await flushOutbox(h.deps);
    expect(wake1).toBe(T0 + retryDelay(1, 0.5));
    expect(h.stored()[ID]).toMatchObject({ state: 'queued', attempts: 1, lastError });
    h.clock.now = wake1!;
    const wake2 = await flushOutbox(h.deps);
    expect(wake2! - wake1!).toBe(retryDelay(2, 0.5));
    expect(wake2! - wake1!).toBeGreaterThan(wake1! - T0);
  });

  it('waits out a 429 for as long as Retry-After says', async () => {
    const h = harness(async () => ({ kind: 'http', status: 429, retryAfterMs: 300_000 }));
    await h.put(4);
    expect(await flushOutbox(h.deps)).toBe(T0 + 300_000);
    h.clock.now = T0 + 299_999;
    const send = vi.spyOn(h.deps, 'send');
    await flushOutbox(h.deps);
    expect(send).not.toHaveBeenCalled();
  });

  it.each([400, 403, 404, 409, 422])('gives up on %i and says why, once', async (status) => {
    const h = harness(async () => ({ kind: 'http', status, code: 'nope', message: `refused with ${status}` }));
    await h.put(4);
    expect(await flushOutbox(h.deps)).toBeNull();
    expect(h.stored()[ID]).toMatchObject({ state: 'failed', failure: { status, code: 'nope', message: `refused with ${status}` } });
    expect(h.failed).toHaveLength(1);
    await flushOutbox(h.deps);
    expect(h.failed).toHaveLength(1);
  });

  it('does not give up on 401 or 408: they can succeed later', async () => {
    for (const status of [401, 408]) {
      const h = harness(async () => ({ kind: 'http', status }));
      await h.put(4);
      expect(await flushOutbox(h.deps)).not.toBeNull();
      expect(h.stored()[ID]?.state).toBe('queued');
    }
  });

  it('survives a service worker killed mid-send: resumes after the lease, with one effect', async () => {
    const worker = new FakeWorker();
    // First life: the request reaches the Worker, then the service worker dies before the answer comes back.
    const dying = harness(async (entry) => {
      worker.put(entry.id, entry.body);
      return new Promise<SendOutcome>(() => {});
    });
    await dying.put(5);
    void flushOutbox(dying.deps);
    await vi.waitFor(() => expect(dying.stored()[ID]?.state).toBe('sending'));

    // Second life, same storage: nothing is resent while the lease may still be live.
    const snapshot = dying.stored();
    const revived = harness(async (entry) => worker.put(entry.id, entry.body), T0 + 1000);
    revived.restore(snapshot);
    const send = vi.spyOn(revived.deps, 'send');
    expect(await flushOutbox(revived.deps)).toBe(T0 + SEND_LEASE);
    expect(send).not.toHaveBeenCalled();

    revived.clock.now = T0 + SEND_LEASE;
    expect(await flushOutbox(revived.deps)).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
    expect(revived.stored()[ID]?.state).toBe('sent');
    expect(worker.effects).toBe(1);
    expect(worker.stored.size).toBe(1);
  });

  it('an edit made while a send is in flight is sent afterwards, not lost', async () => {
    const worker = new FakeWorker();
    let release!: () => void;
    const h = harness(async (entry) => {
      if (answerBody(entry)?.value === 3) await new Promise<void>((resolve) => (release = resolve));
      return worker.put(entry.id, entry.body);
    });
    await h.put(3);
    const first = flushOutbox(h.deps);
    await vi.waitFor(() => expect(h.stored()[ID]?.state).toBe('sending'));
    h.clock.now = T0 + 5000;
    await h.put(5);
    release();
    await first;
    expect(worker.stored.get(ID)?.value).toBe(5);
    expect(h.stored()[ID]).toMatchObject({ state: 'sent', version: 2 });
    expect(worker.effects).toBe(1);
  });

  it('a late retry of an old answer never overwrites a newer one at the Worker', async () => {
    const worker = new FakeWorker();
    worker.put(ID, body(5, T0 + 10_000));
    const h = harness(async (entry) => worker.put(entry.id, entry.body));
    await h.put(2, T0);
    await flushOutbox(h.deps);
    expect(worker.stored.get(ID)?.value).toBe(5);
  });

  it('forgets sent entries after 30 days but keeps queued ones', async () => {
    const worker = new FakeWorker();
    const h = harness(async (entry) => worker.put(entry.id, entry.body));
    await h.put(4);
    await flushOutbox(h.deps);
    h.clock.now = T0 + 31 * 24 * 3600_000;
    await flushOutbox(h.deps);
    expect(h.stored()).toEqual({});
  });
});

describe('retryNow', () => {
  it('makes queued entries due at once and leaves the rest alone', () => {
    const queued = { ...record({}, ID, 'prog', body(3, T0), T0)[ID]!, nextAttemptAt: T0 + 60_000 };
    const failed: OutboxEntry = { ...queued, id: 'other', state: 'failed', nextAttemptAt: T0 + 60_000 };
    const next = retryNow({ [ID]: queued, other: failed }, T0 + 5);
    expect(next[ID]?.nextAttemptAt).toBe(T0 + 5);
    expect(next.other).toEqual(failed);
  });
});
