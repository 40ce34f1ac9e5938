import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApi } from '../../worker/dashboard/api';
import { clearCredentials, loadCredentials, saveCredentials } from '../../worker/dashboard/credentials';

function fakeFetch(response: Response) {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response.clone());
}

describe('API client', () => {
  it('sends the token as a bearer header and the window as query parameters, never the token in the URL', async () => {
    const fetcher = fakeFetch(Response.json({ pairs: [], withheldReasons: {} }));
    const api = createApi({ token: 'secret-token', programmeId: 'prog 1' }, fetcher);
    await api.dashboard({ from: '2026-01-01T00:00:00.000Z', to: undefined, asOf: '2026-02-01T00:00:00.000Z' });
    const [url, init] = fetcher.mock.calls[0]!;
    expect(String(url)).toBe('/api/v1/programmes/prog%201/dashboard?from=2026-01-01T00%3A00%3A00.000Z&asOf=2026-02-01T00%3A00%3A00.000Z');
    expect(String(url)).not.toContain('secret-token');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer secret-token');
  });

  it('gives each pair of a dashboard page its full withheld texts back', async () => {
    const full = 'not enough answers yet: needs at least 3 value ratings from each member';
    const fetcher = fakeFetch(Response.json({ pairs: [{ id: 'p1', withheld: { value: 'not enough answers yet', held: 'other words' } }], withheldReasons: { value: full } }));
    const body = await createApi({ token: 't', programmeId: 'p' }, fetcher).dashboard({});
    expect(body.pairs[0]!.withheld).toEqual({ value: full, held: 'other words' });
  });

  it('posts CSV as text/csv', async () => {
    const fetcher = fakeFetch(Response.json({ rows: [], created: 0, rejected: 0 }));
    await createApi({ token: 't', programmeId: 'p' }, fetcher).importCsv('type,email\n');
    const [url, init] = fetcher.mock.calls[0]!;
    expect(String(url)).toBe('/api/v1/programmes/p/import');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('text/csv');
    expect(init?.body).toBe('type,email\n');
  });

  it('turns the error envelope into an ApiError with status, code and issues', async () => {
    const envelope = { error: { code: 'invalid_input', message: 'Bad query', issues: [{ path: ['from'], message: 'Invalid ISO datetime' }] } };
    const fetcher = fakeFetch(Response.json(envelope, { status: 400 }));
    const error = await createApi({ token: 't', programmeId: 'p' }, fetcher).culture({ period: 'year' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_input', message: 'Bad query', issues: envelope.error.issues });
  });

  it('survives a non-JSON error body', async () => {
    const fetcher = fakeFetch(new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }));
    const error = await createApi({ token: 't', programmeId: 'p' }, fetcher).programme().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'http_502' });
  });

  it('downloads an export as a Blob with the server’s file name', async () => {
    const fetcher = fakeFetch(
      new Response('period,pairsActive\n2026,12\n', { headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="periods-2026.csv"' } }),
    );
    const { blob, filename } = await createApi({ token: 't', programmeId: 'p' }, fetcher).exportCsv('periods', { period: 'year' });
    expect(String(fetcher.mock.calls[0]![0])).toBe('/api/v1/programmes/p/export.csv?period=year&kind=periods');
    expect(filename).toBe('periods-2026.csv');
    expect(await blob.text()).toBe('period,pairsActive\n2026,12\n');
  });
});

describe('credentials', () => {
  it('live in sessionStorage until sign-out, and reject anything malformed', () => {
    expect(loadCredentials()).toBeNull();
    saveCredentials({ role: 'sponsor', token: 'tok', programmeId: 'p1' });
    expect(loadCredentials()).toEqual({ role: 'sponsor', token: 'tok', programmeId: 'p1' });
    expect(localStorage.length).toBe(0);
    clearCredentials();
    expect(loadCredentials()).toBeNull();
    sessionStorage.setItem('twoway.credentials', '{"role":"root","token":"x"}');
    expect(loadCredentials()).toBeNull();
    sessionStorage.setItem('twoway.credentials', 'not json');
    expect(loadCredentials()).toBeNull();
    sessionStorage.clear();
  });
});
