// The Worker's participant routes (/api/v1/openapi.json). Bodies are typed by the shared
// zod schemas; nothing else is sent.
import type { z } from 'zod';
import type { Happened, redeemInvite, reportSession } from '../../shared/schemas';
import type { PairInfo } from '../sessions/matching';
import type { ResponseBody, SendOutcome } from '../outbox/machine';
import { parseRetryAfter } from '../outbox/retry-after';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface Redeemed {
  participantToken: string;
  participant: { id: string; displayName: string; email: string };
  programme: { id: string; name: string; meetingKeywords?: string[] };
  pairs: PairInfo[];
}

/** One of the person's own past answers, as GET /me lists it. */
export interface OwnResponse {
  id: string;
  pairId?: string;
  eventKey?: string;
  start?: string;
  happened: Happened;
  value?: number | null;
  answeredAt?: string;
}

export interface Me {
  participant: { id: string; displayName: string; email?: string };
  programme?: { id: string; name: string; meetingKeywords?: string[] };
  pairs: PairInfo[];
  responses: OwnResponse[];
}

export const REQUEST_TIMEOUT_MS = 20_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Why the extension will not talk to this programme server, or null when it
 * will. The participant's token travels with every call, so it must be HTTPS;
 * plain HTTP is allowed only to this computer (a local `npm start`).
 */
export function serverUrlProblem(workerUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(workerUrl);
  } catch {
    return 'Enter the Twoway server address, e.g. https://twoway.example.org';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  if (url.protocol === 'http:') {
    return `The server address must start with https:// — over plain http:// your sign-in would travel unencrypted. Only a server on this computer (localhost) may use http://.`;
  }
  return 'The server address must start with https://';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/** `https://twoway.example.org/anything` → `https://twoway.example.org/api/v1`; throws for a server serverUrlProblem refuses. */
export function apiBase(workerUrl: string): string {
  const problem = serverUrlProblem(workerUrl);
  if (problem) throw new Error(problem);
  return `${new URL(workerUrl).origin}/api/v1`;
}

export function twowayApi(workerUrl: string, token?: string, fetchImpl: FetchLike = (i, init) => fetch(i, init)) {
  const base = apiBase(workerUrl);
  const call = (method: string, path: string, body?: unknown) =>
    fetchImpl(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A request that hangs would hold the outbox's single runner; give up and retry later instead.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  const json = async <T>(response: Response): Promise<T> => {
    if (!response.ok) throw await apiError(response);
    return (await response.json()) as T;
  };
  return {
    redeem: async (body: z.input<typeof redeemInvite>) => json<Redeemed>(await call('POST', '/invites/redeem', body)),
    me: async () => normaliseMe(await json<Record<string, unknown>>(await call('GET', '/me'))),
    reportSession: async (body: z.input<typeof reportSession>) =>
      json<{ id: string }>(await call('POST', '/sessions', body)),
    /** Never throws: the outbox decides what each outcome means. */
    putResponse: async (id: string, body: ResponseBody): Promise<SendOutcome> => {
      let response: Response;
      try {
        response = await call('PUT', `/responses/${encodeURIComponent(id)}`, body);
      } catch (error) {
        return { kind: 'network', message: error instanceof Error ? error.message : String(error), cause: error };
      }
      if (response.ok) return { kind: 'ok', status: response.status };
      const { code, message } = await apiError(response);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      return { kind: 'http', status: response.status, code, message, retryAfterMs };
    },
  };
}

export type TwowayApi = ReturnType<typeof twowayApi>;

async function apiError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = `The server answered ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not the JSON envelope (a proxy or a crash page): keep the generic message.
  }
  return new ApiError(response.status, code, message);
}

/** Reads GET /me defensively: an older Worker may leave fields out. */
export function normaliseMe(raw: Record<string, unknown>): Me {
  const participant = (raw.participant ?? raw) as Me['participant'];
  const pairs = Array.isArray(raw.pairs) ? (raw.pairs as PairInfo[]) : [];
  const responses = Array.isArray(raw.responses) ? (raw.responses as OwnResponse[]) : [];
  const programme = raw.programme && typeof raw.programme === 'object' ? (raw.programme as Me['programme']) : undefined;
  return { participant, pairs, responses, ...(programme ? { programme } : {}) };
}

/**
 * Accepts a bare code or an invite link carrying it: the dashboard's
 * `https://server/join#CODE`, or `?code=` / `#code=` forms.
 */
export function parseInvite(input: string): { code: string; workerUrl?: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: text };
  }
  const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
  const fromFragment = fragment.includes('=') ? new URLSearchParams(fragment).get('code') : fragment;
  const code = url.searchParams.get('code') ?? (fromFragment || null) ?? lastSegment(url.pathname);
  return { code: code.trim(), workerUrl: url.origin };
}

function lastSegment(path: string): string {
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return last === 'join' ? '' : last;
}
