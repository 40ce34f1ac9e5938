// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../extension/calendar/source';
import { eventKey, matchSessions, titleKeyword, type MatchContext, type PairInfo } from '../../extension/sessions/matching';

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
    declined: [],
    ownerDeclined: false,
    ownerAddresses: [],
    recurring: false,
    cancelled: false,
    ...overrides,
  };
}

/** Ana's context: her pairs, the programme's keywords, her own address. */
function ana(pairs: PairInfo[], keywords: string[] = [], more: Partial<MatchContext> = {}): MatchContext {
  return { pairs, keywords, ownAddresses: ['ana@example.com'], ignoredSeries: [], ...more };
}

describe('eventKey', () => {
  it('joins the UID and the original start normalised to UTC', () => {
    expect(eventKey('abc@x', '2026-11-02T16:00:00+01:00')).toBe('abc@x/2026-11-02T15:00:00.000Z');
  });

  it('is the same for both partners even when one copy of the occurrence was moved', () => {
    const mine = event({ start: '2026-11-03T10:00:00.000Z', end: '2026-11-03T11:00:00.000Z', attendees: ['ben@example.com'] });
    const theirs = event({ attendees: ['ana@example.com'] });
    const anaPair: PairInfo = { id: 'pair-ben', partner: { displayName: 'Ana', email: 'ana@example.com' } };
    const benContext = { pairs: [anaPair], keywords: [], ownAddresses: ['ben@example.com'], ignoredSeries: [] };
    expect(matchSessions([mine], ana([ben]))[0]?.eventKey).toBe(matchSessions([theirs], benContext)[0]?.eventKey);
  });
});

describe('matchSessions', () => {
  it('matches a meeting that invites the partner, whatever the title, case-insensitively on the email', () => {
    const matches = matchSessions([event({ attendees: ['ben@example.com', 'ana@example.com'] })], ana([cleo, ben], ['mentoring']));
    expect(matches).toEqual([
      {
        pairId: 'pair-ben',
        partnerName: 'Ben',
        eventKey: 'uid-1/2026-11-02T15:00:00.000Z',
        start: '2026-11-02T15:00:00.000Z',
        end: '2026-11-02T16:00:00.000Z',
        rule: 'partner_attendee',
        title: 'Weekly sync',
        seriesUid: 'uid-1',
        recurring: false,
      },
    ]);
  });

  it('makes a meeting with two of the partners a session of each pair', () => {
    const matches = matchSessions([event({ attendees: ['ana@example.com', 'cleo@example.com', 'ben@example.com'] })], ana([cleo, ben]));
    expect(matches.map((m) => [m.pairId, m.rule])).toEqual([
      ['pair-cleo', 'partner_attendee'],
      ['pair-ben', 'partner_attendee'],
    ]);
    expect(new Set(matches.map((m) => m.eventKey)).size).toBe(1);
  });

  it('matches the programme keyword in the title, ignoring case, when there is one pair and nobody else is invited', () => {
    const solo = event({ title: 'Reverse MENTORING chat', attendees: ['ana@example.com'] });
    expect(matchSessions([solo], ana([ben], ['mentoring']))).toMatchObject([{ rule: 'keyword', keyword: 'mentoring' }]);
    expect(matchSessions([solo], ana([ben], ['coaching']))).toHaveLength(0);
  });

  it('takes a keyword only as a whole word or phrase', () => {
    expect(titleKeyword('Mentorings review', ['mentoring'])).toBeUndefined();
    expect(titleKeyword('Tormentoring', ['mentoring'])).toBeUndefined();
    expect(titleKeyword('Reverse  mentoring: Q4', ['reverse mentoring'])).toBe('reverse mentoring');
    expect(titleKeyword('Co-mentoring (Ana/Ben)', ['mentoring'])).toBe('mentoring');
    expect(titleKeyword('Mentoring (1:1)', ['1:1'])).toBe('1:1');
    expect(titleKeyword('Mentoring', ['  '])).toBeUndefined();
  });

  it('never takes a keyword for a meeting with other attendees: an all-hands named after the programme is no session', () => {
    const allHands = event({
      title: 'Reverse Mentoring programme all-hands',
      attendees: ['ana@example.com', 'dan@example.com', 'eve@example.com', 'hr@example.com'],
    });
    expect(matchSessions([allHands], ana([ben], ['reverse mentoring', 'mentoring']))).toEqual([]);
  });

  it('counts the organizer as another attendee unless it is one of the person\'s addresses', () => {
    const bookedByOther = event({ title: 'Mentoring', attendees: ['ana@example.com', 'dan@example.com'] });
    expect(matchSessions([bookedByOther], ana([ben], ['mentoring']))).toHaveLength(0);
    const fromAlias = event({ title: 'Mentoring', attendees: ['ana.lima@corp.example'] });
    expect(matchSessions([fromAlias], ana([ben], ['mentoring']))).toHaveLength(0);
    expect(matchSessions([fromAlias], ana([ben], ['mentoring'], { ownAddresses: ['ana@example.com', 'ana.lima@corp.example'] }))).toHaveLength(1);
    const googleSelf = event({ title: 'Mentoring', attendees: ['ana.lima@corp.example'], ownerAddresses: ['ana.lima@corp.example'] });
    expect(matchSessions([googleSelf], ana([ben], ['mentoring']))).toHaveLength(1);
  });

  it('does not guess the pair from a keyword alone when there are several pairs', () => {
    expect(matchSessions([event({ title: 'Mentoring' })], ana([ben, cleo], ['mentoring']))).toHaveLength(0);
  });

  it('skips meetings the person declined, and partners who declined', () => {
    const declinedByMe = event({ attendees: ['ana@example.com', 'ben@example.com'], declined: ['ana@example.com'] });
    const declinedInGoogle = event({ attendees: ['ben@example.com'], ownerDeclined: true });
    expect(matchSessions([declinedByMe, declinedInGoogle], ana([ben]))).toEqual([]);
    const cleoDeclined = event({ attendees: ['ana@example.com', 'ben@example.com', 'cleo@example.com'], declined: ['cleo@example.com'] });
    expect(matchSessions([cleoDeclined], ana([ben, cleo])).map((m) => m.pairId)).toEqual(['pair-ben']);
  });

  it('skips a series the person ignores', () => {
    const weekly = event({ attendees: ['ben@example.com'], recurring: true });
    expect(matchSessions([weekly], ana([ben], [], { ignoredSeries: ['uid-1'] }))).toEqual([]);
    expect(matchSessions([weekly], ana([ben], [], { ignoredSeries: ['uid-2'] }))).toHaveLength(1);
  });

  it('skips cancelled events and unrelated meetings', () => {
    const events = [event({ attendees: ['ben@example.com'], cancelled: true }), event({ uid: 'other', attendees: ['dan@example.com'] })];
    expect(matchSessions(events, ana([ben], ['mentoring']))).toHaveLength(0);
  });

  it('an empty keyword list matches titles never', () => {
    expect(matchSessions([event({ title: 'mentoring' })], ana([ben], []))).toHaveLength(0);
  });
});
