// Heavy analytics (the dashboard, a pair's drill-down, culture, the CSV
// exports) read many rows and compute in the same isolate, against the same D1
// that participants write to: D1 runs one query at a time per database. So only
// a few run at once: per programme, so one programme's sponsor cannot starve
// its participants, and per isolate, so several programmes together cannot
// either. The excess is refused at once with 429 and Retry-After, before it
// costs anything; participant routes never pass through here.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../domain/errors';
import type { AppEnv } from './context';

/** Heavy analytics requests one programme may have in progress in one isolate. */
export const HEAVY_ANALYTICS_PER_PROGRAMME = 1;
/** Heavy analytics requests of all programmes together in one isolate. */
export const HEAVY_ANALYTICS_PER_ISOLATE = 2;
/** Seconds to wait before retrying: about one heavy read on a large programme. */
export const HEAVY_ANALYTICS_RETRY_AFTER = 2;

export class AnalyticsGate {
  private running = new Map<string, number>();
  private total = 0;

  constructor(
    readonly perProgramme = HEAVY_ANALYTICS_PER_PROGRAMME,
    readonly perIsolate = HEAVY_ANALYTICS_PER_ISOLATE,
  ) {}

  /** Takes a slot for the programme, or answers false when none is free. */
  tryEnter(programmeId: string): boolean {
    const mine = this.running.get(programmeId) ?? 0;
    if (mine >= this.perProgramme || this.total >= this.perIsolate) return false;
    this.running.set(programmeId, mine + 1);
    this.total += 1;
    return true;
  }

  leave(programmeId: string): void {
    const mine = (this.running.get(programmeId) ?? 1) - 1;
    if (mine <= 0) this.running.delete(programmeId);
    else this.running.set(programmeId, mine);
    this.total = Math.max(0, this.total - 1);
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
    if (!gate.tryEnter(pid)) throw busy();
    try {
      await next();
    } finally {
      gate.leave(pid);
    }
  };
}
