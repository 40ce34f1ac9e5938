// @vitest-environment node
// ICS edge cases, one fixture per case (test/fixtures/ics).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsFromIcs } from '../../extension/calendar/ics';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ics/${name}`, import.meta.url), 'utf8');
const NOV = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

describe('ICS feeds', () => {
  it('expands a weekly rule and leaves out the EXDATE occurrence', () => {
    const events = eventsFromIcs(fixture('weekly-exdate.ics'), NOV.from, NOV.to);
    expect(events.map((e) => e.start)).toEqual([
      '2026-11-02T15:00:00.000Z',
      '2026-11-16T15:00:00.000Z',
      '2026-11-23T15:00:00.000Z',
    ]);
    expect(events.every((e) => e.uid === 'weekly-exdate@twoway.test')).toBe(true);
    expect(events[0]?.end).toBe('2026-11-02T16:00:00.000Z');
  });

  it('lower-cases attendees and counts the organizer as one', () => {
    const [first] = eventsFromIcs(fixture('weekly-exdate.ics'), NOV.from, NOV.to);
    expect(first?.attendees.sort()).toEqual(['ana@example.com', 'ben@example.com']);
  });

  it('moves an overridden occurrence but keeps its original start for the key', () => {
    const events = eventsFromIcs(fixture('override-moved.ics'), NOV.from, NOV.to);
    expect(events).toHaveLength(3);
    const moved = events.find((e) => e.originalStart === '2026-11-10T09:00:00.000Z');
    expect(moved).toMatchObject({ start: '2026-11-11T14:00:00.000Z', end: '2026-11-11T14:45:00.000Z', cancelled: false });
    expect(moved?.title).toBe('Coffee with Ben (moved)');
    const untouched = events.find((e) => e.originalStart === '2026-11-03T09:00:00.000Z');
    expect(untouched?.start).toBe('2026-11-03T09:00:00.000Z');
  });

  it('includes a moved occurrence whose new time is in the window although its original time is not', () => {
    const events = eventsFromIcs(fixture('override-moved.ics'), new Date('2026-11-11T00:00:00Z'), new Date('2026-11-12T00:00:00Z'));
    expect(events.map((e) => e.originalStart)).toEqual(['2026-11-10T09:00:00.000Z']);
  });

  it('marks an occurrence cancelled through a RECURRENCE-ID override', () => {
    const events = eventsFromIcs(fixture('override-cancelled.ics'), NOV.from, NOV.to);
    expect(events.map((e) => [e.originalStart, e.cancelled])).toEqual([
      ['2026-11-04T12:00:00.000Z', false],
      ['2026-11-05T12:00:00.000Z', true],
      ['2026-11-06T12:00:00.000Z', false],
    ]);
  });

  it('reads VTIMEZONE times across the end of summer time (Europe/Berlin)', () => {
    const events = eventsFromIcs(fixture('berlin-dst.ics'), new Date('2026-10-01T00:00:00Z'), NOV.to);
    // 10:00 in Berlin is 08:00Z in summer time and 09:00Z after 25 October.
    expect(events.map((e) => e.start)).toEqual(['2026-10-20T08:00:00.000Z', '2026-10-27T09:00:00.000Z']);
    expect(events.map((e) => e.end)).toEqual(['2026-10-20T09:00:00.000Z', '2026-10-27T10:00:00.000Z']);
  });

  it('ignores all-day events', () => {
    const events = eventsFromIcs(fixture('all-day.ics'), NOV.from, NOV.to);
    expect(events.map((e) => e.uid)).toEqual(['timed@twoway.test']);
  });

  it('flags a cancelled single event', () => {
    const [event] = eventsFromIcs(fixture('cancelled-event.ics'), NOV.from, NOV.to);
    expect(event?.cancelled).toBe(true);
  });

  it('returns only what overlaps the window', () => {
    const events = eventsFromIcs(fixture('weekly-exdate.ics'), new Date('2026-11-16T15:30:00Z'), new Date('2026-11-17T00:00:00Z'));
    expect(events.map((e) => e.start)).toEqual(['2026-11-16T15:00:00.000Z']);
  });
});

describe('long-running series', () => {
  it('reaches today in a daily series that started in 2010, including an occurrence moved in from days before', () => {
    const started = performance.now();
    const events = eventsFromIcs(fixture('long-running-daily.ics'), new Date('2026-11-23T00:00:00Z'), new Date('2026-11-25T00:00:00Z'));
    const elapsed = performance.now() - started;
    expect(events.map((e) => [e.originalStart, e.start])).toEqual([
      ['2026-11-23T08:00:00.000Z', '2026-11-23T08:00:00.000Z'],
      ['2026-11-24T08:00:00.000Z', '2026-11-24T08:00:00.000Z'],
      ['2026-11-20T08:00:00.000Z', '2026-11-24T12:00:00.000Z'],
    ]);
    // ~6,000 occurrences walked to get here; generous bound for a shared CI core.
    expect(elapsed).toBeLessThan(2000);
  });
});
