// @vitest-environment node
// The Google, Microsoft Graph and ICS adapters against fake servers on
// 127.0.0.1 that answer with the real APIs' shapes, pagination included.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { googleSource } from '../../extension/calendar/google';
import { graphSource } from '../../extension/calendar/graph';
import { icsSource } from '../../extension/calendar/ics';
import { CalendarError } from '../../extension/calendar/source';

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
const FROM = new Date('2026-11-01T00:00:00Z');
const TO = new Date('2026-12-01T00:00:00Z');

async function serve(handler: Handler): Promise<{ base: string; requests: URL[]; auth: string[] }> {
  const requests: URL[] = [];
  const auth: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    auth.push(String(req.headers.authorization ?? ''));
    handler(url, req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, auth };
}

function json(res: ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('Google Calendar adapter', () => {
  // Shapes as in the Calendar API v3 events.list reference (kind calendar#events).
  const page1 = {
    kind: 'calendar#events',
    summary: 'ana@example.com',
    timeZone: 'Europe/Berlin',
    nextPageToken: 'page-2-token',
    items: [
      {
        kind: 'calendar#event',
        id: 'abc123_20261110T090000Z',
        status: 'confirmed',
        summary: 'Coffee with Ben',
        start: { dateTime: '2026-11-11T15:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-11-11T15:45:00+01:00', timeZone: 'Europe/Berlin' },
        recurringEventId: 'abc123',
        originalStartTime: { dateTime: '2026-11-10T10:00:00+01:00', timeZone: 'Europe/Berlin' },
        iCalUID: 'abc123@google.com',
        organizer: { email: 'ana@example.com', self: true },
        attendees: [
          { email: 'ana@example.com', self: true, responseStatus: 'accepted' },
          { email: 'Ben@Example.com', responseStatus: 'accepted' },
        ],
      },
      { kind: 'calendar#event', id: 'allday', status: 'confirmed', summary: 'Offsite', start: { date: '2026-11-12' }, end: { date: '2026-11-13' }, iCalUID: 'allday@google.com' },
    ],
  };
  const page2 = {
    kind: 'calendar#events',
    items: [
      {
        kind: 'calendar#event',
        id: 'single1',
        status: 'cancelled',
        summary: 'Mentoring',
        start: { dateTime: '2026-11-20T09:00:00Z' },
        end: { dateTime: '2026-11-20T10:00:00Z' },
        iCalUID: 'single1@google.com',
      },
      {
        kind: 'calendar#event',
        id: 'declined1',
        status: 'confirmed',
        summary: 'Board prep',
        start: { dateTime: '2026-11-21T09:00:00Z' },
        end: { dateTime: '2026-11-21T10:00:00Z' },
        iCalUID: 'declined1@google.com',
        organizer: { email: 'dan@example.com' },
        attendees: [
          { email: 'dan@example.com', organizer: true, responseStatus: 'accepted' },
          { email: 'ana@example.com', self: true, responseStatus: 'declined' },
          { email: 'ben@example.com', responseStatus: 'declined' },
        ],
      },
    ],
  };

  it('follows nextPageToken, expands to single events, and keys occurrences by iCalUID and original start', async () => {
    const fake = await serve((url, _req, res) => {
      expect(url.pathname).toBe('/calendar/v3/calendars/primary/events');
      json(res, url.searchParams.get('pageToken') === 'page-2-token' ? page2 : page1);
    });
    const source = googleSource({ getToken: async () => 'google-token', baseUrl: `${fake.base}/calendar/v3` });
    const events = await source.listEvents(FROM, TO);
    expect(events).toEqual([
      {
        uid: 'abc123@google.com',
        originalStart: '2026-11-10T09:00:00.000Z',
        start: '2026-11-11T14:00:00.000Z',
        end: '2026-11-11T14:45:00.000Z',
        title: 'Coffee with Ben',
        attendees: ['ana@example.com', 'ben@example.com'],
        declined: [],
        ownerDeclined: false,
        ownerAddresses: ['ana@example.com'],
        recurring: true,
        cancelled: false,
      },
      {
        uid: 'single1@google.com',
        originalStart: '2026-11-20T09:00:00.000Z',
        start: '2026-11-20T09:00:00.000Z',
        end: '2026-11-20T10:00:00.000Z',
        title: 'Mentoring',
        attendees: [],
        declined: [],
        ownerDeclined: false,
        ownerAddresses: [],
        recurring: false,
        cancelled: true,
      },
      {
        uid: 'declined1@google.com',
        originalStart: '2026-11-21T09:00:00.000Z',
        start: '2026-11-21T09:00:00.000Z',
        end: '2026-11-21T10:00:00.000Z',
        title: 'Board prep',
        attendees: ['dan@example.com', 'ana@example.com', 'ben@example.com'],
        declined: ['ana@example.com', 'ben@example.com'],
        ownerDeclined: true,
        ownerAddresses: ['ana@example.com'],
        recurring: false,
        cancelled: false,
      },
    ]);
    expect(fake.requests).toHaveLength(2);
    const first = fake.requests[0]!;
    expect(first.searchParams.get('singleEvents')).toBe('true');
    expect(first.searchParams.get('timeMin')).toBe(FROM.toISOString());
    expect(first.searchParams.get('timeMax')).toBe(TO.toISOString());
    expect(fake.auth).toEqual(['Bearer google-token', 'Bearer google-token']);
  });

  it('reports an HTTP error with its status', async () => {
    const fake = await serve((_url, _req, res) => json(res, { error: { code: 401, message: 'Invalid Credentials' } }, 401));
    const source = googleSource({ getToken: async () => 'stale', baseUrl: fake.base });
    await expect(source.listEvents(FROM, TO)).rejects.toMatchObject({ name: 'CalendarError', status: 401 });
  });
});

describe('Microsoft Graph adapter', () => {
  let base = '';
  // Shapes as in the Graph v1.0 calendarView reference, with Prefer: outlook.timezone="UTC".
  const page1 = () => ({
    '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('ana')/calendarView",
    '@odata.nextLink': `${base}/v1.0/me/calendarView?startDateTime=2026-11-01T00:00:00.000Z&endDateTime=2026-12-01T00:00:00.000Z&$skip=1`,
    value: [
      {
        '@odata.etag': 'W/"x"',
        id: 'AAMk-occurrence-2',
        iCalUId: '040000008200E00074C5B7101A82E00807EA0B0A-per-occurrence',
        subject: 'Reverse mentoring',
        isAllDay: false,
        isCancelled: false,
        type: 'exception',
        seriesMasterId: 'AAMk-master',
        originalStart: '2026-11-10T09:00:00Z',
        start: { dateTime: '2026-11-11T14:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-11-11T14:45:00.0000000', timeZone: 'UTC' },
        attendees: [{ type: 'required', status: { response: 'accepted', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: 'Ben', address: 'BEN@example.com' } }],
        organizer: { emailAddress: { name: 'Ana', address: 'ana@example.com' } },
        responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      },
    ],
  });
  const page2 = {
    value: [
      {
        id: 'AAMk-single',
        iCalUId: '040000008200E00074C5B7101A82E008-single',
        subject: 'Lunch',
        isAllDay: false,
        isCancelled: true,
        type: 'singleInstance',
        seriesMasterId: null,
        originalStart: null,
        start: { dateTime: '2026-11-20T12:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-11-20T13:00:00.0000000', timeZone: 'UTC' },
        attendees: [
          { type: 'required', status: { response: 'declined', time: '2026-11-19T08:00:00Z' }, emailAddress: { name: 'Ana', address: 'ana@example.com' } },
        ],
        organizer: { emailAddress: { name: 'Dan', address: 'dan@example.com' } },
        responseStatus: { response: 'declined', time: '2026-11-19T08:00:00Z' },
      },
      {
        id: 'AAMk-allday',
        iCalUId: 'allday',
        subject: 'Holiday',
        isAllDay: true,
        type: 'singleInstance',
        start: { dateTime: '2026-11-21T00:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-11-22T00:00:00.0000000', timeZone: 'UTC' },
      },
    ],
  };

  it('follows @odata.nextLink, asks for UTC, and keys occurrences by the series UID', async () => {
    const prefer: string[] = [];
    const fake = await serve((url, req, res) => {
      prefer.push(String(req.headers.prefer));
      if (url.pathname === '/v1.0/me/events/AAMk-master') return json(res, { iCalUId: '040000008200E00074C5B7101A82E00807EA-series' });
      expect(url.pathname).toBe('/v1.0/me/calendarView');
      json(res, url.searchParams.has('$skip') ? page2 : page1());
    });
    base = fake.base;
    const source = graphSource({ getToken: async () => 'graph-token', baseUrl: `${fake.base}/v1.0` });
    const events = await source.listEvents(FROM, TO);
    expect(events).toEqual([
      {
        uid: '040000008200E00074C5B7101A82E00807EA-series',
        originalStart: '2026-11-10T09:00:00.000Z',
        start: '2026-11-11T14:00:00.000Z',
        end: '2026-11-11T14:45:00.000Z',
        title: 'Reverse mentoring',
        attendees: ['ben@example.com', 'ana@example.com'],
        declined: [],
        ownerDeclined: false,
        ownerAddresses: [],
        recurring: true,
        cancelled: false,
      },
      {
        uid: '040000008200E00074C5B7101A82E008-single',
        originalStart: '2026-11-20T12:00:00.000Z',
        start: '2026-11-20T12:00:00.000Z',
        end: '2026-11-20T13:00:00.000Z',
        title: 'Lunch',
        attendees: ['ana@example.com', 'dan@example.com'],
        declined: ['ana@example.com'],
        ownerDeclined: true,
        ownerAddresses: [],
        recurring: false,
        cancelled: true,
      },
    ]);
    const first = fake.requests[0]!;
    expect(first.searchParams.get('startDateTime')).toBe(FROM.toISOString());
    expect(first.searchParams.get('$select')).toContain('responseStatus');
    expect(first.searchParams.get('endDateTime')).toBe(TO.toISOString());
    expect(prefer.every((p) => p === 'outlook.timezone="UTC"')).toBe(true);
    expect(fake.auth.every((a) => a === 'Bearer graph-token')).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it('reports throttling as an error with its status', async () => {
    const fake = await serve((_url, _req, res) => json(res, { error: { code: 'TooManyRequests', message: 'slow down' } }, 429));
    await expect(graphSource({ getToken: async () => 't', baseUrl: fake.base }).listEvents(FROM, TO)).rejects.toBeInstanceOf(CalendarError);
  });
});

describe('ICS adapter', () => {
  it('fetches the feed over HTTP and parses it', async () => {
    const ics = readFileSync(new URL('../fixtures/ics/weekly-exdate.ics', import.meta.url), 'utf8');
    const fake = await serve((_url, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(ics);
    });
    const events = await icsSource(`${fake.base}/private/basic.ics`).listEvents(FROM, TO);
    expect(events).toHaveLength(3);
    expect(fake.requests[0]?.pathname).toBe('/private/basic.ics');
  });

  it('fails on a missing feed', async () => {
    const fake = await serve((_url, _req, res) => {
      res.writeHead(404);
      res.end();
    });
    await expect(icsSource(`${fake.base}/gone.ics`).listEvents(FROM, TO)).rejects.toMatchObject({ status: 404 });
  });
});
