// @vitest-environment node
// Which sessions are asked about, and when: the programme's weekly cap (the
// same sessions on both partners' sides), "every other session", quiet hours,
// and notifications that close themselves without closing the prompt.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, DAY, dueAt, expiresAt, HOUR, PROMPT_DELAY, REMINDER_AFTER, SELF_CLOSE_AFTER, type Prompt } from '../../extension/prompts/rules';
import { isoWeekStart, quietUntil, selectDue, selectionFor, withWeekRanks } from '../../extension/prompts/selection';
import type { SessionMatch } from '../../extension/sessions/matching';

/** Monday 2026-11-23 00:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 23);

function session(pairId: string, start: number, uid = `uid-${start}`): SessionMatch {
  return {
    pairId,
    partnerName: 'Ben',
    eventKey: `${uid}/${new Date(start).toISOString()}`,
    start: new Date(start).toISOString(),
    end: new Date(start + HOUR).toISOString(),
    rule: 'partner_attendee',
    title: 'Catch-up',
    seriesUid: uid,
    recurring: false,
  };
}
const upcoming = (match: SessionMatch & { weekRank?: number }): Prompt => ({ ...match, programmeId: 'prog', state: 'upcoming' });

describe('the ISO week', () => {
  it('starts on Monday 00:00 UTC', () => {
    expect(isoWeekStart(MONDAY)).toBe(MONDAY);
    expect(isoWeekStart(MONDAY - 1)).toBe(MONDAY - 7 * DAY);
    expect(isoWeekStart(MONDAY + 7 * DAY - 1)).toBe(MONDAY);
    expect(new Date(isoWeekStart(Date.UTC(2027, 0, 1))).toISOString()).toBe('2026-12-28T00:00:00.000Z');
  });
});

describe('the programme cap', () => {
  it('ranks each pair\'s sessions within their week by start, the same whatever order the calendar lists them in', () => {
    const sessions = fc.array(
      fc.record({ pair: fc.constantFrom('p1', 'p2'), at: fc.integer({ min: 0, max: 3 * 7 * 24 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(sessions, fc.infiniteStream(fc.nat()), (list, noise) => {
        const matches = list.map(({ pair, at }, i) => session(pair, MONDAY + at * HOUR, `uid-${i}`));
        const ranked = withWeekRanks(matches);
        // Another member's calendar lists the same meetings in another order: the ranks do not change.
        const shuffled = [...matches].sort(() => (noise.next().value % 3) - 1);
        const again = new Map(withWeekRanks(shuffled).map((m) => [m.eventKey + m.pairId, m.weekRank]));
        for (const match of ranked) expect(again.get(match.eventKey + match.pairId)).toBe(match.weekRank);
        // Within each pair and week the ranks are 0, 1, 2, … in order of start.
        const groups = new Map<string, typeof ranked>();
        for (const match of ranked) {
          const key = `${match.pairId}|${isoWeekStart(Date.parse(match.start))}`;
          groups.set(key, [...(groups.get(key) ?? []), match]);
        }
        for (const group of groups.values()) {
          const byStart = [...group].sort((a, b) => a.start.localeCompare(b.start) || a.eventKey.localeCompare(b.eventKey));
          expect(byStart.map((m) => m.weekRank)).toEqual(byStart.map((_, i) => i));
        }
      }),
    );
  });

  it('asks about the first N sessions of each week for the pair and leaves the rest out', () => {
    const week = withWeekRanks([0, 1, 2, 3].map((day) => session('p1', MONDAY + day * DAY + 9 * HOUR)));
    const nextWeek = withWeekRanks([session('p1', MONDAY + 7 * DAY + 9 * HOUR)]);
    expect(week.map((m) => selectionFor(upcoming(m), [], 2, false))).toEqual(['asked', 'asked', 'cap', 'cap']);
    expect(selectionFor(upcoming(nextWeek[0]!), [], 2, false)).toBe('asked');
    expect(week.map((m) => selectionFor(upcoming(m), [], null, false))).toEqual(['asked', 'asked', 'asked', 'asked']);
  });
});

describe('every other session', () => {
  it('alternates among the sessions the cap leaves, per pair, and skips meetings that were no mentoring session', () => {
    const sessions = [0, 1, 2, 3, 4].map((day) => upcoming(session('p1', MONDAY + day * DAY + 9 * HOUR)));
    const other = upcoming(session('p2', MONDAY + 10 * HOUR));
    let prompts: Record<string, Prompt> = Object.fromEntries([...sessions, other].map((p) => [p.eventKey + p.pairId, p]));
    const decide = (now: number) => {
      const result = selectDue(prompts, now, { caps: {}, everyOther: true }, dueAt);
      prompts = result.prompts;
      return result.notAsked.map((p) => p.start);
    };
    // The first day: p1's first session is asked about, p2's too (its own alternation).
    expect(decide(MONDAY + DAY)).toEqual([]);
    // Day two is skipped, day three asked about; the person said day three was no mentoring
    // session, so the alternation goes on from day two: day four is asked about, day five not.
    expect(decide(MONDAY + 2 * DAY)).toEqual([sessions[1]!.start]);
    expect(decide(MONDAY + 3 * DAY)).toEqual([]);
    const third = Object.keys(prompts).find((key) => prompts[key]!.start === sessions[2]!.start)!;
    prompts[third] = { ...prompts[third]!, state: 'answered', notASession: true };
    expect(decide(MONDAY + 4 * DAY)).toEqual([]);
    expect(decide(MONDAY + 5 * DAY)).toEqual([sessions[4]!.start]);
    expect(Object.values(prompts).filter((p) => p.pairId === 'p1').map((p) => p.selection)).toEqual([
      'asked', 'every_other', 'asked', 'asked', 'every_other',
    ]);
  });

  it('applies after the cap: a capped session does not count as one asked about', () => {
    const ranked = withWeekRanks([0, 1, 2].map((day) => session('p1', MONDAY + day * DAY + 9 * HOUR))).map(upcoming);
    let prompts: Record<string, Prompt> = Object.fromEntries(ranked.map((p) => [p.eventKey, p]));
    prompts = selectDue(prompts, MONDAY + 3 * DAY, { caps: { prog: 1 }, everyOther: true }, dueAt).prompts;
    expect(Object.values(prompts).map((p) => [p.selection, p.state])).toEqual([
      ['asked', 'upcoming'], ['cap', 'not_asked'], ['cap', 'not_asked'],
    ]);
    const nextWeek = upcoming({ ...session('p1', MONDAY + 7 * DAY + 9 * HOUR), weekRank: 0 });
    // The last session the cap left was asked about, so this one is the "other".
    expect(selectionFor(nextWeek, Object.values(prompts), 1, true)).toBe('every_other');
  });
});

describe('quiet hours', () => {
  const local = (day: number, hour: number, minute = 0) => new Date(2026, 10, 23 + day, hour, minute).getTime();

  it('hold a time inside them until they end, across midnight too', () => {
    const overnight = { start: 22, end: 7 };
    expect(quietUntil(local(0, 21, 59), overnight)).toBe(local(0, 21, 59));
    expect(quietUntil(local(0, 23, 30), overnight)).toBe(local(1, 7));
    expect(quietUntil(local(1, 3), overnight)).toBe(local(1, 7));
    expect(quietUntil(local(1, 7), overnight)).toBe(local(1, 7));
    expect(quietUntil(local(0, 12, 30), { start: 12, end: 14 })).toBe(local(0, 14));
    expect(quietUntil(local(0, 12, 30), { start: 9, end: 9 })).toBe(local(0, 12, 30));
    expect(quietUntil(local(0, 12, 30), null)).toBe(local(0, 12, 30));
  });

  it('never give a time inside them, nor one more than a day away', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 14 * 24 * 60 }), (start, end, minutes) => {
        const at = local(0, 0) + minutes * 60_000;
        const until = quietUntil(at, { start, end });
        expect(until).toBeGreaterThanOrEqual(at);
        expect(until - at).toBeLessThanOrEqual(DAY);
        expect(quietUntil(until, { start, end })).toBe(until);
      }),
    );
  });

  it('a session ending in them is asked about when they end, its reminder too, and it still expires on time', () => {
    const quiet = { start: 22, end: 7 };
    const end = local(0, 22, 30);
    const prompt: Prompt = upcoming({ ...session('p1', end - HOUR), end: new Date(end).toISOString() });
    const held = advance(prompt, end + PROMPT_DELAY, quiet);
    expect(held).toMatchObject({ effects: [], wakeAt: local(1, 7), prompt: { state: 'upcoming' } });
    const opened = advance(prompt, local(1, 7), quiet);
    expect(opened.effects).toEqual(['report-session', 'notify']);
    const reported = { ...opened.prompt, sessionReported: true, closedAt: local(1, 19) };
    // The reminder falls due at 07:00 the next day, outside quiet hours; moved into them, it waits.
    expect(advance(reported, local(1, 7) + REMINDER_AFTER, quiet).effects).toEqual(['remind']);
    expect(advance(reported, local(1, 7) + REMINDER_AFTER, { start: 6, end: 9 })).toMatchObject({ effects: [], wakeAt: local(2, 9) });
    expect(advance(prompt, expiresAt(prompt), quiet).prompt.state).toBe('expired');
  });
});

describe('self-closing notifications', () => {
  it('close SELF_CLOSE_AFTER they appear, and the prompt stays open and answerable', () => {
    const opened = advance(upcoming(session('p1', MONDAY + 9 * HOUR)), MONDAY + 10 * HOUR + PROMPT_DELAY).prompt;
    const shown = { ...opened, sessionReported: true };
    expect(advance(shown, (shown.openedAt ?? 0) + SELF_CLOSE_AFTER - 1).effects).toEqual([]);
    const closed = advance(shown, (shown.openedAt ?? 0) + SELF_CLOSE_AFTER);
    expect(closed.effects).toEqual(['clear-notification']);
    expect(closed.prompt.state).toBe('open');
    // Closing once is enough; what comes next is the reminder.
    expect(advance(closed.prompt, (shown.openedAt ?? 0) + SELF_CLOSE_AFTER + HOUR)).toMatchObject({
      effects: [], wakeAt: (shown.openedAt ?? 0) + REMINDER_AFTER,
    });
  });
});
