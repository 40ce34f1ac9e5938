// The dashboards' calls to the Worker, over the one typed client
// (shared/client.ts): types come from the contract, and a refused call throws
// its ApiError, with plain words for a token that stopped working.
import { ApiError, twowayClient, type CallInput, type FetchLike } from '../../shared/client';
import type { z } from 'zod';
import type { cultureQuery, dashboardQuery, exportQuery } from '../../shared/contract';
import type { Credentials } from './credentials';
import { withWithheldReasons } from '../../shared/metrics/gate';

export { ApiError };

export type Query = Record<string, string | undefined>;
export type WindowQuery = z.input<typeof dashboardQuery>;
/** Whole periods by label ('2024', '2024-Q3'); the Worker refuses arbitrary instants here. */
export type CultureQuery = Omit<z.input<typeof cultureQuery>, 'from' | 'to'> & { period: 'year' | 'quarter' };

/** What someone signing in with a token that no longer works is told (SECURITY.md, "Credentials"). */
export const TOKEN_WORDS: Record<string, string> = {
  token_rotated: 'This token was replaced by a new one and no longer works. Ask your Twoway administrator for the current token, then sign in again.',
  token_revoked: 'This token was revoked and no longer works. Ask your programme coordinator or administrator for a new one.',
  access_reset: 'This sign-in was reset by the programme. Ask your coordinator for a new invite code.',
};

function inPlainWords(error: unknown): never {
  const words = error instanceof ApiError && error.status === 401 ? TOKEN_WORDS[error.code] : undefined;
  throw words && error instanceof ApiError ? new ApiError(error.status, error.code, words, error.issues, error.retryAfter) : error;
}

export function createApi(credentials: Pick<Credentials, 'token' | 'programmeId'>, fetcher: typeof fetch = fetch.bind(globalThis)) {
  const client = twowayClient({ origin: '', token: credentials.token, fetch: fetcher as FetchLike });
  const pid = credentials.programmeId;
  const call: typeof client.call = (name, input, contentType) => client.call(name, input, contentType).catch(inPlainWords);

  return {
    programme: () => call('getProgramme', { params: { pid } }),
    updateProgramme: (body: CallInput<'updateProgramme'>['body']) => call('updateProgramme', { params: { pid }, body }),
    cohorts: (asOf?: string) => call('cohorts', { params: { pid }, query: asOf ? { asOf } : {} }),
    /** The page's pairs get their full withheld texts back (the Worker sends each once, in withheldReasons). */
    dashboard: (query: WindowQuery) => call('dashboard', { params: { pid }, query })
      .then((body) => ({ ...body, pairs: withWithheldReasons(body.pairs, body.withheldReasons) })),
    pair: (pairId: string, query: WindowQuery) => call('pairDetail', { params: { pid, pairId }, query }),
    culture: (query: CultureQuery) => call('culture', { params: { pid }, query }),
    participants: () => call('listParticipants', { params: { pid } }),
    pairs: () => call('listPairs', { params: { pid } }),
    addParticipant: (person: CallInput<'addParticipants'>['body']['participants'][number]) =>
      call('addParticipants', { params: { pid }, body: { participants: [person] } }),
    /** Erasure: the person's identity and answers are gone for good (SECURITY.md). */
    eraseParticipant: (participantId: string) => call('eraseParticipant', { params: { id: participantId } }),
    newInvite: (participantId: string) => call('reissueInvite', { params: { pid, id: participantId } }),
    addPair: (pair: CallInput<'createPair'>['body']) => call('createPair', { params: { pid }, body: pair }),
    /** The open requests to the programme team (README, "What the pair gets back"). */
    requests: () => call('listRequests', { params: { pid }, query: { status: 'open' } }),
    markRequest: (id: string, status: 'open' | 'handled') => call('updateRequest', { params: { pid, id }, body: { status } }),
    rematch: (pairId: string, body: CallInput<'rematchPair'>['body']) => call('rematchPair', { params: { pid, pairId }, body }),
    importCsv: (csv: string) => call('importCsv', { params: { pid }, body: csv }, 'text/csv'),
    createProgramme: (body: CallInput<'createProgramme'>['body']) => call('createProgramme', { body }),
    listProgrammes: () => call('listProgrammes', {}),
    /** The CSV export as a Blob, fetched with the token (a plain link could not carry it). */
    exportCsv: async (kind: 'pairs' | 'periods', query: Query) => {
      const response = await client.send('exportCsv', { params: { pid }, query: { ...query, kind } as z.input<typeof exportQuery> });
      if (!response.ok) inPlainWords(await ApiError.from(response));
      return { blob: await response.blob(), filename: filenameOf(response) ?? `twoway-${kind}.csv` };
    },
  };
}

export type Api = ReturnType<typeof createApi>;

function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1];
}

export const ROLE_WORDS: Record<Credentials['role'], string> = { coordinator: 'coordinator', sponsor: 'sponsor', admin: 'administrator' };

/**
 * Asks the Worker whether the token is what the person says it is before the
 * dashboard accepts it, so that a wrong token or programme id is told at sign-in,
 * not on the first view that fails. Returns the programme's name (none for an admin).
 */
export async function checkSignIn(credentials: Credentials, fetcher?: typeof fetch): Promise<{ programmeName: string | null }> {
  const api = createApi(credentials, fetcher);
  try {
    if (credentials.role === 'admin') {
      await api.listProgrammes();
      return { programmeName: null };
    }
    const programme = await api.programme();
    // A sponsor token may read the programme too, but not its people.
    if (credentials.role === 'coordinator') await api.participants();
    return { programmeName: programme.name };
  } catch (error) {
    throw error instanceof ApiError ? new ApiError(error.status, error.code, refusalWords(error, credentials), error.issues, error.retryAfter) : error;
  }
}

function refusalWords(error: ApiError, credentials: Credentials): string {
  const role = ROLE_WORDS[credentials.role];
  const programme = `programme “${credentials.programmeId}”`;
  if (error.status === 401) return TOKEN_WORDS[error.code] ?? 'Twoway does not know this token: check that you copied all of it.';
  if (error.status === 403) {
    return credentials.role === 'admin'
      ? 'This is not an administrator token: choose the role the token was given for.'
      : `This is not the ${role} token of ${programme}: check the programme id and the role you chose.`;
  }
  if (error.status === 404) return `There is no ${programme}: check the programme id.`;
  return error.message;
}
