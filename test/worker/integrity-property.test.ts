// Property: whatever order two members' session reports and answers arrive in,
// and whatever times a hostile member reports for the same occurrences, every
// genuine answer inside its window lands, exactly once, as its latest version.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import { ApiError } from '../../worker/domain/errors';
import { recordSession, submitResponse } from '../../worker/domain/responses';
import { MOVE_TOLERANCE_MS } from '../../worker/domain/session-bounds';
import { db, pairedProgramme } from './api';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const OCCURRENCES = 3;

type Action =
  | { kind: 'report'; who: 'ana' | 'ben'; occurrence: number; shiftMs: number }
  | { kind: 'answer'; who: 'ana' | 'ben'; occurrence: number; value: number; version: number }
  | { kind: 'hostile-answer'; occurrence: number; shiftMs: number; value: number }
  | { kind: 'wait'; ms: number };

// Shifts reach past the tolerance and past the 7-day window on purpose: some hostile reports are refused, some stored.
const shift = fc.integer({ min: -9 * DAY, max: 9 * DAY });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('report' as const), who: fc.constantFrom('ana' as const, 'ben' as const), occurrence: fc.nat(OCCURRENCES - 1), shiftMs: fc.oneof(fc.constant(0), shift) }),
  fc.record({ kind: fc.constant('answer' as const), who: fc.constantFrom('ana' as const, 'ben' as const), occurrence: fc.nat(OCCURRENCES - 1), value: fc.integer({ min: 1, max: 5 }), version: fc.nat(3) }),
  fc.record({ kind: fc.constant('hostile-answer' as const), occurrence: fc.nat(OCCURRENCES - 1), shiftMs: shift, value: fc.integer({ min: 1, max: 5 }) }),
  // Time passes between reports and answers, so a hostile report's times can expire before the genuine answer.
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3 * DAY }) }),
);

/** The status the route would answer: the domain call under a simulated clock. */
async function status(write: () => Promise<unknown>): Promise<number> {
  try {
    await write();
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

it('lands every genuine answer exactly once, whatever the partner reports', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), fc.integer({ min: 2, max: 4 * 24 }), async (actions, hoursAgo) => {
      const p = await pairedProgramme(`Interleaving ${run++}`);
      const now = Date.now();
      // Genuine occurrences ended within the last 7 days, one a day apart, each with its extension key.
      const occurrence = (i: number) => {
        const start = now - hoursAgo * HOUR - i * DAY;
        return { eventKey: `series@cal.example/${new Date(start).toISOString()}`, start, end: start + HOUR };
      };
      const iso = (ms: number) => new Date(ms).toISOString();
      const ids = { ana: crypto.randomUUID(), ben: crypto.randomUUID() };
      let answeredAt = now - 60_000;
      const latest = new Map<string, number>(); // `${who}|${occurrence}` → the value of their latest admitted answer
      const member = (who: 'ana' | 'ben') => ({ programmeId: p.programme.id, participantId: p[who].id });
      let clock = now;
      for (const step of actions) {
        if (step.kind === 'wait') {
          clock += step.ms;
          continue;
        }
        const o = occurrence(step.occurrence);
        const at = new Date(clock);
        if (step.kind === 'report') {
          const code = await status(() => recordSession(env.DB, member(step.who), {
            pairId: p.pairId, eventKey: o.eventKey, start: iso(o.start + step.shiftMs), end: iso(o.end + step.shiftMs),
          }, at));
          expect([200, 422]).toContain(code);
          const fresh = o.end + step.shiftMs >= clock - 7 * DAY && Math.abs(step.shiftMs) <= MOVE_TOLERANCE_MS;
          if (fresh && o.start + step.shiftMs <= clock) expect(code).toBe(200);
        } else if (step.kind === 'answer') {
          // A genuine answer: the calendar's own times. One response id per member and occurrence, as the
          // extension's outbox keeps it; corrections and replays reuse it.
          const id = await uuidFor(`${ids[step.who]}|${step.occurrence}`);
          const code = await status(() => submitResponse(env.DB, member(step.who), id, {
            pairId: p.pairId, eventKey: o.eventKey, start: iso(o.start), end: iso(o.end), happened: true, value: step.value,
            answeredAt: iso((answeredAt += 1000)),
          }, at));
          const inWindow = o.end >= clock - 7 * DAY;
          // Inside its window a genuine answer always lands; outside it the 7-day rule still refuses it.
          expect(code).toBe(inWindow ? 200 : 422);
          if (inWindow) latest.set(`${step.who}|${step.occurrence}`, step.value);
        } else {
          // Ben answers for himself with shifted times: his own answer, which must not disturb Ana's.
          const code = await status(() => submitResponse(env.DB, member('ben'), crypto.randomUUID(), {
            pairId: p.pairId, eventKey: o.eventKey, start: iso(o.start + step.shiftMs), end: iso(o.end + step.shiftMs), happened: true,
            value: step.value, answeredAt: iso((answeredAt += 1000)),
          }, at));
          expect([200, 422]).toContain(code);
          if (code === 200) latest.set(`ben|${step.occurrence}`, step.value);
        }
      }
      const { results } = await db()
        .prepare(
          `SELECT s.event_key, r.participant_id, r.value FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.pair_id = ?1`,
        )
        .bind(p.pairId)
        .all<{ event_key: string; participant_id: string; value: number }>();
      const sessions = await db().prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT event_key) AS keys FROM sessions WHERE pair_id = ?1').bind(p.pairId).first();
      expect(sessions!.n).toBe(sessions!.keys);
      // Exactly the latest admitted answer of each member for each occurrence, once; nothing else.
      const landed = results.map((r) => `${r.participant_id === p.ana.id ? 'ana' : 'ben'}|${r.event_key}|${r.value}`).sort();
      const wanted = [...latest].map(([key, value]) => {
        const [who, index] = key.split('|') as [string, string];
        return `${who}|${occurrence(Number(index)).eventKey}|${value}`;
      }).sort();
      expect(landed).toEqual(wanted);
    }),
    { numRuns: 40, seed: 20261201 },
  );
}, 240_000);

/** A stable UUID per (member, occurrence), like an extension's outbox entry. */
async function uuidFor(name: string) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name))).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
