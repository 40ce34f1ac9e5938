// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../extension/calendar/source';
import { eventKey, matchSessions, type PairInfo } from '../../extension/sessions/matching';

const ben: PairInfo = { id: 'pair-ben', partner: { displayName: 'Ben', email: 'Ben@Example.com' } };
const cleo: PairInfo = { id: 'pair-cleo', partner: { displayName: 'Cleo', email: 'cleo@example.com' } };

function event(overrides: Partial<CalendarEvent>): CalendarEvent {
  return {
    uid: 'uid-1',
    originalStart: '2026-11-02T15:00:00.000Z',
    start: '2026-11-02T15:00:00.000Z',
    end: '2026-11-02T16:00:00.000Z',
    title: 'Weekly sync',
    attendees: [],
    cancelled: false,
    ...overrides,
  };
}

describe('eventKey', () => {
  it('joins the UID and the original start normalised to UTC', () => {
    expect(eventKey('abc@x', '2026-11-02T16:00:00+01:00')).toBe('abc@x/2026-11-02T15:00:00.000Z');
  });

  it('is the same for both partners even when one copy of the occurrence was moved', () => {
    const mine = event({ start: '2026-11-03T10:00:00.000Z', end: '2026-11-03T11:00:00.000Z', attendees: ['ben@example.com'] });
    const theirs = event({ attendees: ['ana@example.com'] });
    const ana: PairInfo = { id: 'pair-ben', partner: { displayName: 'Ana', email: 'ana@example.com' } };
    expect(matchSessions([mine], [ben], '')[0]?.eventKey).toBe(matchSessions([theirs], [ana], '')[0]?.eventKey);
  });
});

describe('matchSessions', () => {
  it('matches a meeting that invites the partner, whatever the title, case-insensitively on the email', () => {
    const matches = matchSessions([event({ attendees: ['ben@example.com', 'ana@example.com'] })], [cleo, ben], 'mentoring');
    expect(matches).toEqual([
      {
        pairId: 'pair-ben',
        partnerName: 'Ben',
        eventKey: 'uid-1/2026-11-02T15:00:00.000Z',
        start: '2026-11-02T15:00:00.000Z',
        end: '2026-11-02T16:00:00.000Z',
      },
    ]);
  });

  it('matches the programme keyword in the title, ignoring case, when there is one pair', () => {
    expect(matchSessions([event({ title: 'Reverse MENTORING chat' })], [ben], 'mentoring')).toHaveLength(1);
    expect(matchSessions([event({ title: 'Reverse MENTORING chat' })], [ben], 'coaching')).toHaveLength(0);
  });

  it('does not guess the pair from a keyword alone when there are several pairs', () => {
    expect(matchSessions([event({ title: 'Mentoring' })], [ben, cleo], 'mentoring')).toHaveLength(0);
  });

  it('skips cancelled events and unrelated meetings', () => {
    const events = [event({ attendees: ['ben@example.com'], cancelled: true }), event({ uid: 'other', attendees: ['dan@example.com'] })];
    expect(matchSessions(events, [ben], 'mentoring')).toHaveLength(0);
  });

  it('an empty keyword matches titles never', () => {
    expect(matchSessions([event({ title: 'anything' })], [ben], '  ')).toHaveLength(0);
  });
});
