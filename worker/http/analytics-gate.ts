// Heavy analytics (the dashboard, a pair's drill-down, culture, the CSV
// exports) read many rows and compute in the same isolate, against the same D1
// that participants write to: D1 runs one query at a time per database. So only
// a few run at once: per programme, so one programme's sponsor cannot starve
// its participants, and per isolate, so several programmes together cannot
// either. A request that finds no free slot waits its turn in a short queue
// (a coordinator opening a pair while the dashboard loads should not see an
// error); past that queue, or after waiting too long, it gets 429 with
// Retry-After. Participant routes never pass through here.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../domain/errors';
import type { AppEnv } from './context';

/** Heavy analytics requests one programme may have in progress in one isolate. */
export const HEAVY_ANALYTICS_PER_PROGRAMME = 1;
/** Heavy analytics requests of all programmes together in one isolate. */
export const HEAVY_ANALYTICS_PER_ISOLATE = 2;
/** Requests of one programme that may wait for a slot; more are refused at once. */
export const HEAVY_ANALYTICS_WAITING_PER_PROGRAMME = 3;
/** How long a waiting request waits before it is refused. */
export const HEAVY_ANALYTICS_MAX_WAIT_MS = 10_000;
/** Seconds to wait before retrying: about one heavy read on a large programme. */
export const HEAVY_ANALYTICS_RETRY_AFTER = 2;
/**
 * Participants first: a heavy request waits while participants' requests are
 * in progress in the isolate, up to this long, then goes ahead anyway (so a
 * steady stream of answers cannot starve the dashboard for ever).
 */
export const PARTICIPANTS_FIRST_MAX_WAIT_MS = 300;
const PARTICIPANTS_FIRST_POLL_MS = 5;

interface Waiter {
  programmeId: string;
  admit: (admitted: boolean) => void;
}

export class AnalyticsGate {
  private running = new Map<string, number>();
  private total = 0;
  private waiting: Waiter[] = [];
  /** Participants' requests in progress in this isolate (participantsFirst). */
  private participants = 0;

  constructor(
    readonly perProgramme = HEAVY_ANALYTICS_PER_PROGRAMME,
    readonly perIsolate = HEAVY_ANALYTICS_PER_ISOLATE,
    readonly waitingPerProgramme = HEAVY_ANALYTICS_WAITING_PER_PROGRAMME,
    readonly maxWaitMs = HEAVY_ANALYTICS_MAX_WAIT_MS,
  ) {}

  /** Takes a slot for the programme now, or answers false when none is free (nobody waits). */
  tryEnter(programmeId: string): boolean {
    if (!this.free(programmeId) || this.waiting.some((w) => w.programmeId === programmeId)) return false;
    this.take(programmeId);
    return true;
  }

  /** Takes a slot, waiting in turn behind earlier requests; false when the queue is full or the wait too long. */
  enter(programmeId: string): Promise<boolean> {
    if (this.tryEnter(programmeId)) return Promise.resolve(true);
    if (this.waiting.filter((w) => w.programmeId === programmeId).length >= this.waitingPerProgramme) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        programmeId,
        admit: (admitted) => {
          clearTimeout(timer);
          resolve(admitted);
        },
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        resolve(false);
      }, this.maxWaitMs);
      this.waiting.push(waiter);
    });
  }

  /** A participant's request started or ended (participantsFirst counts them). */
  participantStarted(): void {
    this.participants += 1;
  }

  participantEnded(): void {
    this.participants = Math.max(0, this.participants - 1);
  }

  /** Resolves once no participant request is in progress, or after maxWaitMs; true when it had to wait. */
  async participantsServed(maxWaitMs = PARTICIPANTS_FIRST_MAX_WAIT_MS): Promise<boolean> {
    const until = Date.now() + maxWaitMs;
    let waited = false;
    while (this.participants > 0 && Date.now() < until) {
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, PARTICIPANTS_FIRST_POLL_MS));
    }
    return waited;
  }

  leave(programmeId: string): void {
    const mine = (this.running.get(programmeId) ?? 1) - 1;
    if (mine <= 0) this.running.delete(programmeId);
    else this.running.set(programmeId, mine);
    this.total = Math.max(0, this.total - 1);
    this.admitWaiting();
  }

  private free(programmeId: string): boolean {
    return (this.running.get(programmeId) ?? 0) < this.perProgramme && this.total < this.perIsolate;
  }

  private take(programmeId: string): void {
    this.running.set(programmeId, (this.running.get(programmeId) ?? 0) + 1);
    this.total += 1;
  }

  /** Hands freed slots to the earliest waiters that fit, in arrival order. */
  private admitWaiting(): void {
    for (const waiter of [...this.waiting]) {
      if (!this.free(waiter.programmeId)) continue;
      this.waiting = this.waiting.filter((w) => w !== waiter);
      this.take(waiter.programmeId);
      waiter.admit(true);
    }
  }
}

const busy = () =>
  new ApiError(429, 'rate_limited', "this programme's analytics are busy; retry in a moment", undefined, HEAVY_ANALYTICS_RETRY_AFTER);

/**
 * Holds a slot of the gate while a heavy analytics route runs. Only callers
 * of that programme take a slot: anyone else goes on to the route's 401/403,
 * and learns nothing about how busy the programme is.
 */
export function heavyAnalytics(gate: AnalyticsGate): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const pid = c.req.param('pid');
    const principal = c.get('principal');
    const insider = principal && principal.role !== 'participant' && 'programmeId' in principal && principal.programmeId === pid;
    if (c.req.method !== 'GET' || !pid || !insider) return next();
    await gate.participantsServed();
    if (!(await gate.enter(pid))) throw busy();
    try {
      await next();
    } finally {
      gate.leave(pid);
    }
  };
}

/**
 * Counts a participant route's request while it runs, so that heavy analytics
 * wait for it (participants first: an answer or GET /me is never queued behind
 * a dashboard or culture computation that has not started yet).
 */
export function participantsFirst(gate: AnalyticsGate): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    gate.participantStarted();
    try {
      await next();
    } finally {
      gate.participantEnded();
    }
  };
}
