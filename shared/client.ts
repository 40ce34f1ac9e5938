// The one client of the Worker's HTTP API, used by the dashboard, the
// extension, the dev tools and the tests. Each call is named for its contract
// route (shared/contract/routes.ts); its params, query, body and answer are
// typed by that route's zod schemas. Only types are imported from the
// schemas, and the paths from the zod-free endpoints table, so a caller does
// not bundle zod for it (the extension's background stays small).
import type { z } from 'zod';
import { ENDPOINTS } from './contract/endpoints';
import type { RouteName, Routes } from './contract/routes';

/** Where every route lives under the server's origin. */
export const API_PATH = '/api/v1';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

type Request<N extends RouteName> = Routes[N] extends { request: infer R } ? R : Record<never, never>;
type Input<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? z.input<S> : undefined;
type BodyOf<R> = R extends { body: { content: infer C } }
  ? C extends { 'application/json': { schema: infer S extends z.ZodType } } ? z.input<S> : string
  : undefined;

/** What a call sends: only the parts its route has. */
export type CallInput<N extends RouteName> = {
  [K in 'params' | 'query' | 'body' as (K extends 'body' ? BodyOf<Request<N>> : Input<Request<N>, K extends 'params' ? 'params' : 'query'>) extends undefined ? never : K]:
    K extends 'body' ? BodyOf<Request<N>> : Input<Request<N>, K extends 'params' ? 'params' : 'query'>;
};

type Success = 200 | 201;
/** The JSON a route answers with on success, as the contract declares it. */
export type ResponseOf<N extends RouteName> = {
  [S in keyof Routes[N]['responses']]: S extends Success
    ? Routes[N]['responses'][S] extends { content: { 'application/json': { schema: infer X extends z.ZodType } } } ? z.output<X> : never
    : never;
}[keyof Routes[N]['responses']];

/** A refusal, read from the error envelope `{error: {code, message, issues?}}` (README, "API"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
    /** The Retry-After header of a 429 or 503, as sent. */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The envelope of a failed response, or a generic error when it has none (a proxy page, a crash). */
  static async from(response: Response): Promise<ApiError> {
    const retryAfter = response.headers.get('retry-after');
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string; issues?: unknown[] } };
      if (body.error?.code) {
        return new ApiError(response.status, body.error.code, body.error.message ?? response.statusText, body.error.issues, retryAfter);
      }
    } catch {
      // not the JSON envelope: fall through to the status line
    }
    return new ApiError(response.status, `http_${response.status}`, `The server answered ${response.status} ${response.statusText}`.trim() + '.', undefined, retryAfter);
  }
}

export interface ClientOptions {
  /** The server's origin (`https://twoway.example.org`), or '' for the same origin. */
  origin: string;
  token?: string | undefined;
  fetch?: FetchLike;
  /** Gives up on a request that hangs (the extension's outbox must not wait forever). */
  timeoutMs?: number;
}

function pathOf(template: string, params: Record<string, string> | undefined, query: object | undefined): string {
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params?.[key] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export function twowayClient(options: ClientOptions) {
  const fetcher: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const base = `${options.origin}${API_PATH}`;

  /** Sends the call and returns the raw response, whatever its status. */
  async function send<N extends RouteName>(name: N, input: CallInput<N>, contentType?: string): Promise<Response> {
    const { method, path } = ENDPOINTS[name];
    const { params, query, body } = input as { params?: Record<string, string>; query?: object; body?: unknown };
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json');
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return fetcher(`${base}${pathOf(path, params, query)}`, {
      method: method.toUpperCase(),
      headers,
      ...(payload === undefined ? {} : { body: payload }),
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
  }

  /** Sends the call; a refusal throws ApiError, a success is the route's typed answer. */
  async function call<N extends RouteName>(name: N, input: CallInput<N>, contentType?: string): Promise<ResponseOf<N>> {
    const response = await send(name, input, contentType);
    if (!response.ok) throw await ApiError.from(response);
    return (await response.json()) as ResponseOf<N>;
  }

  return { send, call };
}

export type TwowayClient = ReturnType<typeof twowayClient>;
