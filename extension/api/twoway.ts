// The Worker's participant routes, called through the one typed client
// (shared/client.ts): paths, bodies and answers are the contract's
// (shared/contract/). Only types come from the zod-bearing contract modules,
// so the background does not bundle zod.
import { API_PATH, ApiError, twowayClient, type CallInput, type FetchLike } from '../../shared/client';
import type { ResponseBody, SendOutcome } from '../outbox/machine';
import { parseRetryAfter } from '../outbox/retry-after';

export const REQUEST_TIMEOUT_MS = 20_000;

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

/** The server's origin (`https://twoway.example.org/anything` → `https://twoway.example.org`); throws for a server serverUrlProblem refuses. */
export function serverOrigin(workerUrl: string): string {
  const problem = serverUrlProblem(workerUrl);
  if (problem) throw new Error(problem);
  return new URL(workerUrl).origin;
}

/** Where every route lives: `/api/v1` of the server's origin. */
export function apiBase(workerUrl: string): string {
  return `${serverOrigin(workerUrl)}${API_PATH}`;
}

/** The one typed client, for this person's server (HTTPS, or this computer) and token. */
export function participantClient(workerUrl: string, token?: string, fetchImpl?: FetchLike) {
  return twowayClient({
    origin: serverOrigin(workerUrl),
    token,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    // A request that hangs would hold the outbox's single runner; give up and retry later instead.
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}

/**
 * Sends one of the outbox's calls and says how it went; `withAnswer` keeps the
 * Worker's answer of a success. Never throws: the outbox decides what each outcome means.
 */
export async function outboxOutcome(send: () => Promise<Response>, withAnswer = false): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    return { kind: 'network', message: error instanceof Error ? error.message : String(error), cause: error };
  }
  if (!response.ok) {
    const { status, code, message, retryAfter } = await ApiError.from(response);
    return { kind: 'http', status, code, message, retryAfterMs: parseRetryAfter(retryAfter, Date.now()) };
  }
  if (!withAnswer) return { kind: 'ok', status: response.status };
  return { kind: 'ok', status: response.status, answer: await response.json().catch(() => undefined) };
}

export function twowayApi(workerUrl: string, token?: string, fetchImpl?: FetchLike) {
  const client = participantClient(workerUrl, token, fetchImpl);
  return {
    redeem: (body: CallInput<'redeemInvite'>['body']) => client.call('redeemInvite', { body }),
    me: () => client.call('me', {}),
    reportSession: (body: CallInput<'reportSession'>['body']) => client.call('reportSession', { body }),
    /** Never throws: the outbox decides what each outcome means. */
    putResponse: (id: string, body: ResponseBody): Promise<SendOutcome> =>
      outboxOutcome(() => client.send('putResponse', { params: { id }, body })),
  };
}

export type TwowayApi = ReturnType<typeof twowayApi>;

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
