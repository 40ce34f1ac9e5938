import { describe, expect, it } from 'vitest';
import {
  addParticipants,
  createProgramme,
  historyLine,
  maskToTopics,
  newPair,
  reportSession,
  submitResponse,
  TOPICS,
  topicsToMask,
} from '../../shared/schemas';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

const session = { pairId: 'p1', eventKey: 'uid@2026-01-05T10:00:00Z', start: '2026-01-05T10:00:00Z', end: '2026-01-05T11:00:00Z' };

describe('submitResponse', () => {
  it('needs only the one-click value when the session happened', () => {
    expect(submitResponse.safeParse({ ...session, happened: true, value: 3 }).success).toBe(true);
    expect(paths(submitResponse.safeParse({ ...session, happened: true }))).toEqual(['value']);
  });

  it('takes nothing else when the session did not happen', () => {
    expect(submitResponse.safeParse({ ...session, happened: false }).success).toBe(true);
    expect(paths(submitResponse.safeParse({ ...session, happened: false, value: 3, topics: ['tools'] })).sort()).toEqual(['topics', 'value']);
  });

  it('bounds value, autonomy and topics, and refuses unknown fields', () => {
    expect(paths(submitResponse.safeParse({ ...session, happened: true, value: 6 }))).toEqual(['value']);
    expect(paths(submitResponse.safeParse({ ...session, happened: true, value: 2.5 }))).toEqual(['value']);
    expect(paths(submitResponse.safeParse({ ...session, happened: true, value: 3, autonomy: 'helped' }))).toEqual(['autonomy']);
    expect(paths(submitResponse.safeParse({ ...session, happened: true, value: 3, topics: ['tools', 'tools'] }))).toEqual(['topics']);
    expect(submitResponse.safeParse({ ...session, happened: true, value: 3, note: 'free text' }).success).toBe(false);
  });

  it('normalises times to UTC and refuses an end before the start', () => {
    const parsed = submitResponse.parse({ ...session, start: '2026-01-05T12:00:00+02:00', end: '2026-01-05T11:00:00Z', happened: false });
    expect(parsed.start).toBe('2026-01-05T10:00:00.000Z');
    expect(paths(reportSession.safeParse({ ...session, end: '2026-01-05T09:00:00Z' }))).toEqual(['end']);
    expect(paths(reportSession.safeParse({ ...session, start: '2026-01-05 10:00' }))).toEqual(['start']);
  });
});

describe('programmes, participants and pairs', () => {
  it('checks names, k and weights', () => {
    expect(createProgramme.safeParse({ name: 'P', kAnonymity: 5, weights: { value: 1 } }).success).toBe(true);
    expect(paths(createProgramme.safeParse({ name: '  ' }))).toEqual(['name']);
    expect(createProgramme.safeParse({ name: 'P', weights: { value: 0, cadence: 0 } }).success).toBe(false);
    expect(createProgramme.safeParse({ name: 'P', weights: { speed: 1 } }).success).toBe(false);
  });

  it('lower-cases emails and requires a valid one', () => {
    const parsed = addParticipants.parse({ participants: [{ displayName: 'Ana', email: 'Ana@Example.ORG' }] });
    expect(parsed.participants[0]!.email).toBe('ana@example.org');
    expect(paths(addParticipants.safeParse({ participants: [{ displayName: 'Ana', email: 'nope' }] }))).toEqual(['participants.0.email']);
    expect(addParticipants.safeParse({ participants: [] }).success).toBe(false);
  });

  it('wants two different members, a mentor among them and an end after the start', () => {
    expect(newPair.safeParse({ a: 'x', b: 'y', mentorId: 'x', startsOn: '2026-01-01' }).success).toBe(true);
    expect(paths(newPair.safeParse({ a: 'x', b: 'x', startsOn: '2026-01-01' }))).toEqual(['b']);
    expect(paths(newPair.safeParse({ a: 'x', b: 'y', mentorId: 'z', startsOn: '2026-01-01' }))).toEqual(['mentorId']);
    expect(paths(newPair.safeParse({ a: 'x', b: 'y', startsOn: '2026-02-01', endsOn: '2026-01-01' }))).toEqual(['endsOn']);
  });
});

describe('historyLine', () => {
  it('takes at most one response per participant, two in all', () => {
    const ok = { ...session, responses: [{ participantId: 'a', happened: true, value: 4 }, { participantId: 'b', happened: false }] };
    expect(historyLine.safeParse(ok).success).toBe(true);
    expect(historyLine.safeParse({ ...ok, responses: [ok.responses[0], ok.responses[0]] }).success).toBe(false);
    expect(paths(historyLine.safeParse({ ...ok, responses: [{ participantId: 'a', happened: true }] }))).toEqual(['responses.0.value']);
  });
});

describe('topic masks', () => {
  it('round-trip every subset of topics', () => {
    for (let mask = 0; mask < 1 << TOPICS.length; mask++) {
      const topics = maskToTopics(mask)!;
      expect(topicsToMask(topics)).toBe(mask);
    }
    expect(topicsToMask(undefined)).toBeNull();
    expect(maskToTopics(null)).toBeUndefined();
    expect(topicsToMask(['strategy', 'tools'])).toBe(0b101);
  });
});
