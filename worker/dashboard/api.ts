// The dashboards' only way to the Worker: bearer token in a header, JSON in
// and out, and API.md's error envelope turned into an ApiError.
import type { Credentials } from './credentials';
import type {
  Culture,
  Dashboard,
  ImportReport,
  NewProgramme,
  PairDetail,
  PairRow,
  Participant,
  Programme,
  ProgrammeSummary,
  Segmentation,
} from './shapes';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
  }
}

export type Query = Record<string, string | undefined>;

export interface WindowQuery {
  from?: string | undefined;
  to?: string | undefined;
  asOf?: string | undefined;
}

/** Whole periods by label ('2024', '2024-Q3'); the Worker refuses arbitrary instants here. */
export interface CultureQuery {
  fromPeriod?: string | undefined;
  toPeriod?: string | undefined;
  asOf?: string | undefined;
  period: 'year' | 'quarter';
  by?: Segmentation | undefined;
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** What someone signing in with a token that no longer works is told (SECURITY.md, "Credentials"). */
export const TOKEN_WORDS: Record<string, string> = {
  token_rotated: 'This token was replaced by a new one and no longer works. Ask your Twoway administrator for the current token, then sign in again.',
  token_revoked: 'This token was revoked and no longer works. Ask your programme coordinator or administrator for a new one.',
  access_reset: 'This sign-in was reset by the programme. Ask your coordinator for a new invite code.',
};

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; issues?: unknown[] } };
    if (body.error) {
      const code = body.error.code ?? 'error';
      const words = response.status === 401 ? TOKEN_WORDS[code] : undefined;
      return new ApiError(response.status, code, words ?? body.error.message ?? response.statusText, body.error.issues);
    }
  } catch {
    // not the JSON envelope: fall through to the status line
  }
  return new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`.trim());
}

export function createApi(credentials: Pick<Credentials, 'token' | 'programmeId'>, fetcher: typeof fetch = fetch.bind(globalThis)) {
  const programme = `/api/v1/programmes/${encodeURIComponent(credentials.programmeId)}`;

  async function send(method: string, path: string, body?: { json: unknown } | { csv: string }): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${credentials.token}` };
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'text/csv';
      payload = body.csv;
    }
    const response = await fetcher(path, { method, headers, body: payload ?? null });
    if (!response.ok) throw await errorFrom(response);
    return response;
  }
  const json = async <T>(method: string, path: string, body?: { json: unknown } | { csv: string }) =>
    (await (await send(method, path, body)).json()) as T;

  return {
    programme: () => json<Programme>('GET', programme),
    dashboard: (query: WindowQuery) => json<Dashboard>('GET', withQuery(`${programme}/dashboard`, { ...query })),
    pair: (pairId: string, query: WindowQuery) =>
      json<PairDetail>('GET', withQuery(`${programme}/pairs/${encodeURIComponent(pairId)}`, { ...query })),
    culture: (query: CultureQuery) => json<Culture>('GET', withQuery(`${programme}/culture`, { ...query })),
    participants: () => json<{ participants: Participant[] }>('GET', `${programme}/participants`),
    pairs: () => json<{ pairs: PairRow[] }>('GET', `${programme}/pairs`),
    newInvite: (participantId: string) =>
      json<{ inviteCode: string }>('POST', `${programme}/participants/${encodeURIComponent(participantId)}/invite`),
    addPair: (pair: { a: string; b: string; mentorId?: string | null; cohort?: string; startsOn: string; endsOn?: string; cadenceDays?: number }) =>
      json<{ id: string }>('POST', `${programme}/pairs`, { json: pair }),
    importCsv: (csv: string) => json<ImportReport>('POST', `${programme}/import`, { csv }),
    createProgramme: (body: { name: string; kAnonymity?: number }) =>
      json<NewProgramme>('POST', '/api/v1/programmes', { json: body }),
    listProgrammes: () => json<{ programmes: ProgrammeSummary[] }>('GET', '/api/v1/programmes'),
    /** The CSV export as a Blob, fetched with the token (a plain link could not carry it). */
    exportCsv: async (kind: 'pairs' | 'periods', query: Query) => {
      const response = await send('GET', withQuery(`${programme}/export.csv`, { ...query, kind }));
      return { blob: await response.blob(), filename: filenameOf(response) ?? `twoway-${kind}.csv` };
    },
  };
}

export type Api = ReturnType<typeof createApi>;

function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1];
}
