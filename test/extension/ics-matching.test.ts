// @vitest-environment node
// Calendar exports as Outlook, Google and Apple write them, parsed for real
// (ical.js) and matched: each case lists, from the fixture's own facts, the
// meetings that must prompt, when (UTC), and by which rule; everything else in
// the feed must not prompt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsFromIcs } from '../../extension/calendar/ics';
import { dueAt, type Prompt } from '../../extension/prompts/rules';
import { matchSessions, type MatchContext, type PairInfo } from '../../extension/sessions/matching';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ics/${name}`, import.meta.url), 'utf8');
const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-12-01T00:00:00Z');
const ben: PairInfo = { id: 'pair-ben', partner: { displayName: 'Ben Okafor', email: 'ben@example.com' } };
const cleo: PairInfo = { id: 'pair-cleo', partner: { displayName: 'Cleo Martin', email: 'cleo@example.com' } };

function prompts(file: string, context: Partial<MatchContext>) {
  const events = eventsFromIcs(fixture(file), FROM, TO);
  const matches = matchSessions(events, { pairs: [], keywords: [], ownAddresses: ['ana@example.com'], ignoredSeries: [], ...context });
  const rows = matches.map((m) => ({
    pair: m.pairId,
    start: m.start,
    // A prompt opens a minute after the meeting ends.
    promptAt: new Date(dueAt(m as Prompt)).toISOString(),
    rule: m.rule,
    originalStart: m.eventKey.slice(m.eventKey.lastIndexOf('/') + 1),
  }));
  const titles = new Set(matches.map((m) => m.title));
  return { rows: rows.sort((x, y) => x.start.localeCompare(y.start) || x.pair.localeCompare(y.pair)), titles, events };
}

describe('an Outlook (Exchange) feed with Windows time-zone names', () => {
  const { rows, titles, events } = prompts('outlook-windows-zones.ics', { pairs: [ben], keywords: ['reverse mentoring', 'mentoring'] });

  it('prompts for the partner\'s meetings only, at the right UTC times', () => {
    expect(rows).toEqual([
      // Tuesdays 10:00–10:45 "W. Europe Standard Time": summer time (UTC+2) until 25 October, then UTC+1.
      { pair: 'pair-ben', start: '2026-10-20T08:00:00.000Z', promptAt: '2026-10-20T08:46:00.000Z', rule: 'partner_attendee', originalStart: '2026-10-20T08:00:00.000Z' },
      { pair: 'pair-ben', start: '2026-10-27T09:00:00.000Z', promptAt: '2026-10-27T09:46:00.000Z', rule: 'partner_attendee', originalStart: '2026-10-27T09:00:00.000Z' },
      // 16:00–17:00 "Pacific Standard Time" on 30 October is still daylight time (UTC−7) in the US.
      { pair: 'pair-ben', start: '2026-10-30T23:00:00.000Z', promptAt: '2026-10-31T00:01:00.000Z', rule: 'partner_attendee', originalStart: '2026-10-30T23:00:00.000Z' },
      // 3 November is an EXDATE. 10 November moved (RECURRENCE-ID) to Wednesday 14:30; its key keeps the original start.
      { pair: 'pair-ben', start: '2026-11-11T13:30:00.000Z', promptAt: '2026-11-11T14:16:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-10T09:00:00.000Z' },
      // 17 November is cancelled through an override with STATUS:CANCELLED.
      { pair: 'pair-ben', start: '2026-11-24T09:00:00.000Z', promptAt: '2026-11-24T09:46:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-24T09:00:00.000Z' },
    ]);
  });

  it('unfolds folded lines (titles, attendees and the UID)', () => {
    expect(titles).toEqual(new Set([
      'Ana / Ben reverse mentoring 1:1 – notes in the shared OneNote',
      'Ana / Ben reverse mentoring 1:1 (moved to Wednesday)',
      'Sync (Ben in Seattle)',
    ]));
    expect(events.find((e) => e.title.startsWith('Ana / Ben'))?.uid).toMatch(/^040000008200E00074C5B7101A82E008.*F5E6D7$/);
  });

  it('leaves out the all-hands that names the programme, the "not mentoring" board prep, the declined demo and the all-day offsite', () => {
    for (const title of ['Reverse Mentoring programme all-hands', 'Board prep (not mentoring)', "Ben's team demo"]) {
      expect(events.map((e) => e.title)).toContain(title);
      expect(titles).not.toContain(title);
    }
    const allHands = events.find((e) => e.title === 'Reverse Mentoring programme all-hands');
    expect(allHands?.attendees).toHaveLength(12);
    // 09:00 Pacific on 5 November, after the US clocks went back (UTC−8).
    expect(allHands?.start).toBe('2026-11-05T17:00:00.000Z');
    expect(events.find((e) => e.title === "Ben's team demo")?.declined).toEqual(['ana@example.com']);
    expect(events.some((e) => e.title.startsWith('Mentoring day'))).toBe(false);
  });
});

describe('a Google Calendar export with two partners', () => {
  const { rows, titles } = prompts('google-two-partners.ics', { pairs: [ben, cleo], keywords: ['reverse mentoring', 'mentoring'] });

  it('makes the three-way meeting a session of both pairs, and follows the moved and excluded occurrences', () => {
    expect(rows).toEqual([
      { pair: 'pair-cleo', start: '2026-11-02T08:00:00.000Z', promptAt: '2026-11-02T08:31:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-02T08:00:00.000Z' },
      // Trio at 15:00 Berlin (UTC+1): one occurrence, one session in each pair, the same key.
      { pair: 'pair-ben', start: '2026-11-04T14:00:00.000Z', promptAt: '2026-11-04T15:01:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-04T14:00:00.000Z' },
      { pair: 'pair-cleo', start: '2026-11-04T14:00:00.000Z', promptAt: '2026-11-04T15:01:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-04T14:00:00.000Z' },
      // Monday 9 November moved to 16:00; 16 November is an EXDATE; UNTIL keeps 23 November.
      { pair: 'pair-cleo', start: '2026-11-09T15:00:00.000Z', promptAt: '2026-11-09T15:31:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-09T08:00:00.000Z' },
      { pair: 'pair-cleo', start: '2026-11-23T08:00:00.000Z', promptAt: '2026-11-23T08:31:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-23T08:00:00.000Z' },
    ]);
  });

  it('never matches on a description, guesses no pair from a title, and skips the declined and the cancelled', () => {
    for (const title of ['Quarterly planning', 'Reverse mentoring prep', 'Ben: tooling walkthrough', 'Coffee with Cleo']) {
      expect(titles).not.toContain(title);
    }
  });
});

describe('an Apple Calendar export with a meeting booked alone', () => {
  const { rows, titles } = prompts('apple-solo-keyword.ics', { pairs: [ben], keywords: ['mentoring'] });

  it('takes the whole-word title only for the meeting nobody else is invited to', () => {
    expect(rows).toEqual([
      // Every other Tuesday 14:00 Los Angeles, daylight time (UTC−7) on 20 October.
      { pair: 'pair-ben', start: '2026-10-20T21:00:00.000Z', promptAt: '2026-10-20T21:31:00.000Z', rule: 'partner_attendee', originalStart: '2026-10-20T21:00:00.000Z' },
      { pair: 'pair-ben', start: '2026-11-03T18:00:00.000Z', promptAt: '2026-11-03T18:46:00.000Z', rule: 'keyword', originalStart: '2026-11-03T18:00:00.000Z' },
      // Standard time (UTC−8) from 1 November.
      { pair: 'pair-ben', start: '2026-11-03T22:00:00.000Z', promptAt: '2026-11-03T22:31:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-03T22:00:00.000Z' },
      // 17 November moved to Wednesday 15:00.
      { pair: 'pair-ben', start: '2026-11-18T23:00:00.000Z', promptAt: '2026-11-18T23:31:00.000Z', rule: 'partner_attendee', originalStart: '2026-11-17T22:00:00.000Z' },
    ]);
    expect(titles).toEqual(new Set(['Fortnightly catch-up', 'Mentoring with Ben']));
  });

  it('does not take a title that only contains the word, nor one of a meeting with others', () => {
    expect(titles).not.toContain('Tormentoring rehearsal (drama club)');
    expect(titles).not.toContain('Lunch & learn: mentoring');
    // Without programme keywords, the meeting booked alone does not count either.
    expect(prompts('apple-solo-keyword.ics', { pairs: [ben], keywords: [] }).rows.map((r) => r.rule)).not.toContain('keyword');
  });
});
