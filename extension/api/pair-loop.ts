// The Worker's participant routes of the pair's loop (extension/README.md,
// "The pair's loop"): checks, requests, sharing, the joint summary, reports of
// sessions the person was not asked about, and GET /me with the fields they
// need. Built on the one typed client (shared/client.ts), which takes only
// types from the zod schemas, so neither the background nor the popup bundles zod.
import { ApiError, twowayClient, type ResponseOf } from '../../shared/client';
import type { LoopEntry, SendOutcome } from '../outbox/machine';
import { parseRetryAfter } from '../outbox/retry-after';

export type FullMe = ResponseOf<'me'>;
export type JointSummaryAnswer = ResponseOf<'jointSummary'>;

/** The same limit as every other call: a request that hangs must not hold the outbox's single runner. */
const TIMEOUT_MS = 20_000;

interface Signed {
  workerUrl: string;
  token: string;
}

function clientFor(account: Signed) {
  return twowayClient({ origin: new URL(account.workerUrl).origin, token: account.token, timeoutMs: TIMEOUT_MS });
}

/** GET /me with every field of the contract (the pairs' questions and sharing state, the person's requests). */
export function readMe(account: Signed): Promise<FullMe> {
  return clientFor(account).call('me', {});
}

/** GET /me/pairs/:pairId/summary for the current month. Throws the client's ApiError on a refusal. */
export function readJointSummary(account: Signed, pairId: string): Promise<JointSummaryAnswer> {
  return clientFor(account).call('jointSummary', { params: { pairId }, query: {} });
}

/** Sends one outbox entry that is not an answer. Never throws: the outbox decides what each outcome means. */
export async function sendLoopEntry(account: Signed, entry: LoopEntry): Promise<SendOutcome> {
  const client = clientFor(account);
  let response: Response;
  try {
    response = await sendOne(client, entry);
  } catch (error) {
    return { kind: 'network', message: error instanceof Error ? error.message : String(error), cause: error };
  }
  if (response.ok) return { kind: 'ok', status: response.status, answer: await response.json().catch(() => undefined) };
  const { code, message } = await ApiError.from(response);
  return { kind: 'http', status: response.status, code, message, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()) };
}

function sendOne(client: ReturnType<typeof twowayClient>, entry: LoopEntry): Promise<Response> {
  switch (entry.kind) {
    case 'check':
      return client.send('submitCheck', { params: { id: entry.id }, body: entry.body });
    case 'request':
      return client.send('submitRequest', { params: { id: entry.id }, body: entry.body });
    case 'sharing':
      return client.send('setSharing', { params: { pairId: entry.pairId }, body: entry.body });
    case 'session':
      return client.send('reportSession', { body: entry.body });
  }
}
