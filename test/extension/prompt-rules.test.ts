// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  advance,
  CATCH_UP,
  DAY,
  dueAt,
  HOUR,
  markAnswered,
  mergePoll,
  MINUTE,
  PROMPT_DELAY,
  REMINDER_AFTER,
  SELF_CLOSE_AFTER,
  snooze,
  type Prompt,
} from '../../extension/prompts/rules';
import type { SessionMatch } from '../../extension/sessions/matching';

const START = Date.parse('2026-11-23T10:00:00Z');
const END = START + HOUR;
/** The Worker's answer window closes 7 days after the session ends (shared/answer-window.ts). */
const DEADLINE = END + 7 * DAY;
const match: SessionMatch = {
  pairId: 'p1',
  partnerName: 'Ana',
  eventKey: 'uid/2026-11-23T10:00:00.000Z',
  start: new Date(START).toISOString(),
  end: new Date(END).toISOString(),
  rule: 'partner_attendee',
  title: 'Reverse mentoring',
  seriesUid: 'uid',
  recurring: false,
};
const upcoming: Prompt = { ...match, programmeId: 'prog', state: 'upcoming' };

/** Runs the rules from `from` to `to`, waking exactly when they ask to, and records the effects. */
function simulate(prompt: Prompt, from: number, to: number, edit?: (p: Prompt, now: number) => Prompt) {
  const log: Array<{ at: number; effects: string[] }> = [];
  let now = from;
  let current = prompt;
  for (let i = 0; i < 50; i++) {
    const step = advance(current, now);
    current = edit ? edit(step.prompt, now) : step.prompt;
    if (step.effects.length) log.push({ at: now, effects: step.effects });
    if (step.wakeAt === null || step.wakeAt > to) break;
    now = Math.max(step.wakeAt, now + 1);
  }
  return { prompt: current, log };
}

describe('prompt rules', () => {
  it('waits until a minute after the end, then reports the session and notifies', () => {
    const before = advance(upcoming, END);
    expect(before).toMatchObject({ effects: [], wakeAt: END + PROMPT_DELAY });
    const after = advance(upcoming, END + PROMPT_DELAY);
    expect(after.prompt.state).toBe('open');
    expect(after.effects).toEqual(['report-session', 'notify']);
  });

  it('reminds exactly once, a day after the prompt, then expires 7 days after the start', () => {
    const run = simulate(upcoming, START, START + 30 * DAY, (p) => ({ ...p, sessionReported: true }));
    // Each notification also closes itself SELF_CLOSE_AFTER it appeared.
    expect(run.log.map((entry) => entry.effects.join('+'))).toEqual([
      'report-session+notify', 'clear-notification', 'remind', 'clear-notification', 'clear-notification',
    ]);
    expect(run.log[1]?.at).toBe(dueAt(upcoming) + SELF_CLOSE_AFTER);
    expect(run.log[2]?.at).toBe(dueAt(upcoming) + REMINDER_AFTER);
    expect(run.log[3]?.at).toBe(dueAt(upcoming) + REMINDER_AFTER + SELF_CLOSE_AFTER);
    expect(run.log[4]?.at).toBe(DEADLINE);
    expect(run.prompt.state).toBe('expired');
  });

  it('keeps asking to report the session until the report succeeds', () => {
    const open = advance(upcoming, END + PROMPT_DELAY).prompt;
    expect(advance(open, END + 2 * HOUR).effects).toEqual(['report-session']);
    expect(advance({ ...open, sessionReported: true }, END + 2 * HOUR).effects).toEqual([]);
  });

  it('stops everything once answered', () => {
    const open = advance(upcoming, END + PROMPT_DELAY).prompt;
    const answered = markAnswered(open, 'resp-1');
    expect(advance(answered, END + 2 * DAY)).toEqual({ prompt: answered, effects: [], wakeAt: null });
  });

  it('snooze brings the prompt back once, and that replaces the daily reminder', () => {
    const open = { ...advance(upcoming, END + PROMPT_DELAY).prompt, sessionReported: true };
    const snoozed = snooze(open, END + 2 * HOUR, HOUR);
    expect(advance(snoozed, END + 2 * HOUR + 30 * MINUTE).effects).toEqual([]);
    const back = advance(snoozed, END + 3 * HOUR);
    expect(back.effects).toEqual(['remind']);
    // The reminder's notification closes itself; nothing else is left before the deadline.
    expect(back.wakeAt).toBe(END + 3 * HOUR + SELF_CLOSE_AFTER);
    const closed = advance(back.prompt, END + 3 * HOUR + SELF_CLOSE_AFTER);
    expect(closed).toMatchObject({ effects: ['clear-notification'], wakeAt: DEADLINE });
    expect(advance(closed.prompt, END + 2 * DAY).effects).toEqual([]);
  });

  it('never snoozes past expiry, and ignores snoozing a prompt that is not open', () => {
    const open = advance(upcoming, END + PROMPT_DELAY).prompt;
    expect(snooze(open, DEADLINE - MINUTE, DAY).snoozedUntil).toBe(DEADLINE);
    expect(snooze(upcoming, END, HOUR)).toBe(upcoming);
  });

  it('a prompt first seen after its expiry expires without ever notifying', () => {
    expect(advance(upcoming, DEADLINE + 1)).toMatchObject({ effects: [], prompt: { state: 'expired' } });
  });
});

describe('mergePoll', () => {
  const window = { from: START - DAY, to: START + 2 * DAY };

  it('adds new sessions as upcoming prompts', () => {
    const merged = mergePoll({}, [match], 'prog', window, START);
    expect(Object.values(merged)).toEqual([upcoming]);
  });

  it('does not catch up on sessions that ended more than a day ago', () => {
    expect(mergePoll({}, [match], 'prog', window, END + CATCH_UP + 1)).toEqual({});
  });

  it('follows an upcoming session that moved, but leaves an open one alone', () => {
    const key = 'p1|uid/2026-11-23T10:00:00.000Z';
    const moved = { ...match, start: new Date(START + HOUR).toISOString(), end: new Date(END + HOUR).toISOString() };
    expect(mergePoll({ [key]: upcoming }, [moved], 'prog', window, START)[key]?.end).toBe(moved.end);
    const open: Prompt = { ...upcoming, state: 'open', openedAt: END };
    expect(mergePoll({ [key]: open }, [moved], 'prog', window, START)[key]).toBe(open);
  });

  it('drops an upcoming prompt whose meeting was cancelled, but only for this programme and window', () => {
    const key = 'p1|uid/2026-11-23T10:00:00.000Z';
    expect(mergePoll({ [key]: upcoming }, [], 'prog', window, START)).toEqual({});
    expect(mergePoll({ [key]: upcoming }, [], 'other-programme', window, START)).toEqual({ [key]: upcoming });
    expect(mergePoll({ [key]: upcoming }, [], 'prog', { from: START + DAY, to: START + 3 * DAY }, START)).toEqual({ [key]: upcoming });
  });
});
