// Every error the person sees says what happened and what to do; fetch's own
// words ("Failed to fetch") and the Worker's technical messages never show.
import { describe, expect, it } from 'vitest';
import { anyProblem, calendarProblem, sendOutcomeInPlainWords, serverProblem } from '../../extension/api/plain-errors';
import { ApiError } from '../../shared/client';
import { icsSource } from '../../extension/calendar/ics';
import { CalendarError } from '../../extension/calendar/source';

const SERVER = 'https://twoway.example.org';
const timeout = () => new DOMException('The operation timed out.', 'TimeoutError');

describe('errors from the programme server', () => {
  it.each([new TypeError('Failed to fetch'), new TypeError('NetworkError when attempting to fetch resource.'), new TypeError('Load failed')])(
    'a network failure (%s) names the server and keeps the answer',
    (error) => {
      const text = serverProblem(error, SERVER, 'answer');
      expect(text).toBe(
        "Can't reach your programme's server (https://twoway.example.org). Check your connection; your answer is kept and will be sent when it is back.",
      );
      expect(text).not.toMatch(/fetch/i);
    },
  );

  it('a timeout says the server did not answer, with the step that fits what the person did', () => {
    expect(serverProblem(timeout(), SERVER, 'join')).toBe(
      "Your programme's server (https://twoway.example.org) did not answer in time. Check your connection and the server address, then try again.",
    );
    expect(serverProblem(new DOMException('aborted', 'AbortError'), SERVER, 'load-answers')).toMatch(/did not answer in time.*stored on this computer/);
  });

  it('an unknown invite code at join, and a wrong server, are told apart from an outage', () => {
    expect(serverProblem(new ApiError(404, 'not_found', 'invite not found'), SERVER, 'join')).toBe(
      "https://twoway.example.org does not know this invite code. Check the code, and that the server address is your programme's.",
    );
    expect(serverProblem(new ApiError(500, 'internal', 'something went wrong on our side'), SERVER, 'join')).toBe(
      "Your programme's server had a problem (it answered 500). Please try again later.",
    );
    expect(serverProblem(new ApiError(502, 'http_502', 'The server answered 502.'), SERVER, 'answer')).toBe(
      "Your programme's server had a problem (it answered 502). Your answer is kept and will be sent again later.",
    );
  });

  it('technical envelope messages are replaced, the Worker\'s sentences for the person are kept as they are', () => {
    expect(serverProblem(new ApiError(400, 'invalid_input', 'the input is not valid'), SERVER, 'answer')).toBe(
      "Your programme's server could not accept this answer (it answered 400). Tell your coordinator if this keeps happening.",
    );
    expect(serverProblem(new ApiError(409, 'conflict', 'this invite code has already been used'), SERVER, 'join')).toBe(
      'this invite code has already been used',
    );
    expect(serverProblem(new ApiError(401, 'access_reset', 'Your access was reset by the coordinator.'), SERVER, 'answer')).toBe(
      'Your access was reset by the coordinator.',
    );
    expect(serverProblem(new ApiError(401, 'unauthorized', 'a valid bearer token is required'), SERVER, 'answer')).toMatch(
      /no longer accepts this computer’s sign-in.*new invite code/,
    );
  });

  it('a send outcome gets the words the outbox stores: a timeout, a busy server, a Worker sentence', () => {
    expect(sendOutcomeInPlainWords({ kind: 'network', message: 'signal timed out', cause: timeout() }, SERVER)).toEqual({
      kind: 'network',
      message: "Your programme's server (https://twoway.example.org) did not answer in time. Check your connection; your answer is kept and will be sent when it is back.",
      cause: timeout(),
    });
    expect(sendOutcomeInPlainWords({ kind: 'http', status: 429, code: 'rate_limited', message: 'too many requests; retry later', retryAfterMs: 5000 }, SERVER)).toEqual({
      kind: 'http',
      status: 429,
      code: 'rate_limited',
      message: "Your programme's server is busy right now. Your answer is kept and will be sent again later.",
      retryAfterMs: 5000,
    });
    const expired = 'the session ended more than 7 days ago; answers for it have expired';
    expect(sendOutcomeInPlainWords({ kind: 'http', status: 422, code: 'unprocessable', message: expired }, SERVER)).toMatchObject({ message: expired });
    expect(sendOutcomeInPlainWords({ kind: 'ok', status: 201 }, SERVER)).toEqual({ kind: 'ok', status: 201 });
  });

  it("the extension's own messages pass through; a bug's TypeError is not called a network failure", () => {
    expect(anyProblem(new Error('This session is no longer waiting for an answer.'))).toBe('This session is no longer waiting for an answer.');
    expect(anyProblem(new TypeError("Cannot read properties of undefined (reading 'x')"))).not.toMatch(/reach/);
    expect(anyProblem(new TypeError('Failed to fetch'))).toBe("Can't reach the server. Check your connection, then try again.");
  });
});

describe('errors from the calendar', () => {
  const FEED = 'webcal://calendar.example.com/secret/abc.ics';
  const from = new Date('2026-11-23T00:00:00Z');
  const to = new Date('2026-11-25T00:00:00Z');

  const pollError = async (fetchImpl: typeof fetch): Promise<unknown> =>
    icsSource(FEED, fetchImpl).listEvents(from, to).then(
      () => null,
      (error: unknown) => error,
    );

  it('a feed that answers 404 says so, and what to check', async () => {
    const error = await pollError(async () => new Response('gone', { status: 404 }));
    expect(calendarProblem(error, 'ics', FEED)).toBe(
      "Can't read your calendar feed: the address answered 404. Check that it is your calendar’s secret address in iCal format and that it has not been reset.",
    );
  });

  it('an unreachable feed names its host, never the secret path', async () => {
    const error = await pollError(async () => Promise.reject(new TypeError('Failed to fetch')));
    const text = calendarProblem(error, 'ics', FEED);
    expect(text).toBe("Can't reach your calendar feed (https://calendar.example.com). Check your connection and the address; Twoway tries again every 5 minutes.");
    expect(text).not.toContain('secret');
  });

  it('an HTML page instead of a calendar is called that', async () => {
    const error = await pollError(async () => new Response('<html><body>Sign in</body></html>', { status: 200 }));
    expect(calendarProblem(error, 'ics', FEED)).toMatch(/^Can't read your calendar feed \(https:\/\/calendar\.example\.com\): the address did not give a calendar file\./);
  });

  it('Google and Microsoft failures say who answered, and keep sign-in messages', () => {
    expect(calendarProblem(new CalendarError('Google Calendar answered 401', 401), 'google')).toBe(
      "Can't read your Google Calendar: Google answered 401. Connect the calendar again in these settings.",
    );
    expect(calendarProblem(new CalendarError('Microsoft Graph answered 503', 503), 'microsoft')).toBe(
      "Can't read your Microsoft 365 calendar: Microsoft answered 503. Twoway tries again in 5 minutes.",
    );
    expect(calendarProblem(new CalendarError('Microsoft sign-in was not completed'), 'microsoft')).toBe('Microsoft sign-in was not completed');
  });
});
