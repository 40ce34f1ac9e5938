// Property: whatever order two members' not-asked reports and answers arrive in,
// the stored marks are each member's latest, and the pair-month rollups equal the
// pure tally of the sessions as they stand (shared/metrics/README.md, "Not asked").
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import { monthOf, tallyFromPairMonthRow, tallySessions, type MemberAnswer, type PairMonthRow, type SessionRecord } from '../../shared/metrics';
import { recordSession, submitResponse } from '../../worker/domain/responses';
import { db, pairedProgramme } from './api';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const OCCURRENCES = 3;
type Who = 'ana' | 'ben';
type Action =
  | { kind: 'report'; who: Who; occurrence: number; asked: boolean }
  | { kind: 'answer'; who: Who; occurrence: number; happened: boolean };

const who = fc.constantFrom<Who>('ana', 'ben');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('report' as const), who, occurrence: fc.nat(OCCURRENCES - 1), asked: fc.boolean() }),
  fc.record({ kind: fc.constant('answer' as const), who, occurrence: fc.nat(OCCURRENCES - 1), happened: fc.boolean() }),
);

const answerOf = (happened: boolean): MemberAnswer =>
  ({ happened, value: happened ? 4 : null, learned: null, openness: null, autonomy: null, topics: null });

it('keeps each member\'s latest mark, and pair_months equal the tally of the sessions as they stand', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
      const p = await pairedProgramme(`Not asked ${run++}`);
      const now = new Date();
      // Occurrences ten days apart, so they may fall in different months; all answerable now.
      const occurrence = (i: number) => {
        const start = now.getTime() - 2 * DAY - i * 2 * DAY;
        return { eventKey: `quiet@cal.example/${new Date(start).toISOString()}`, start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() };
      };
      const member = (w: Who) => ({ programmeId: p.programme.id, participantId: p[w].id });
      const asked = new Map<string, boolean>();
      const answers = new Map<string, MemberAnswer>();
      const touched = new Set<number>();
      let answeredAt = now.getTime() - 600_000;
      for (const step of actions) {
        const o = occurrence(step.occurrence);
        touched.add(step.occurrence);
        if (step.kind === 'report') {
          await recordSession(env.DB, member(step.who), { pairId: p.pairId, ...o, asked: step.asked }, now);
          asked.set(`${step.who}|${step.occurrence}`, step.asked);
        } else {
          await submitResponse(env.DB, member(step.who), crypto.randomUUID(), {
            pairId: p.pairId, ...o, ...(step.happened ? { happened: true, value: 4 } : { happened: false }),
            answeredAt: new Date((answeredAt += 1000)).toISOString(),
          }, now);
          answers.set(`${step.who}|${step.occurrence}`, answerOf(step.happened));
        }
      }
      const marks = await db().prepare('SELECT event_key, a_asked, b_asked FROM sessions WHERE pair_id = ?1').bind(p.pairId)
        .all<{ event_key: string; a_asked: number; b_asked: number }>();
      const expected: SessionRecord[] = [...touched].map((i) => ({
        pairId: p.pairId, start: occurrence(i).start,
        a: answers.get(`ana|${i}`) ?? null, b: answers.get(`ben|${i}`) ?? null,
        aAsked: asked.get(`ana|${i}`) ?? true, bAsked: asked.get(`ben|${i}`) ?? true,
      }));
      // Ana is member a of the pair (test/worker/api.ts).
      expect(marks.results.map((r) => `${r.event_key}:${r.a_asked}${r.b_asked}`).sort()).toEqual(
        [...touched].map((i) => `${occurrence(i).eventKey}:${Number(asked.get(`ana|${i}`) ?? true)}${Number(asked.get(`ben|${i}`) ?? true)}`).sort(),
      );
      const rows = await db().prepare('SELECT * FROM pair_months WHERE pair_id = ?1').bind(p.pairId).all<PairMonthRow>();
      const months = new Set(expected.map((s) => monthOf(Date.parse(s.start))));
      expect(rows.results.map((r) => r.month).sort()).toEqual([...months].sort());
      for (const row of rows.results) {
        const inMonth = expected.filter((s) => monthOf(Date.parse(s.start)) === row.month);
        expect(tallyFromPairMonthRow(row)).toEqual(tallySessions(inMonth));
      }
    }),
    { numRuns: 25, seed: 20261202 },
  );
}, 240_000);
