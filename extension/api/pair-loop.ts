// The Worker's participant routes of the pair's loop (extension/README.md,
// "The pair's loop"): checks, requests, sharing, the joint summary, reports of
// sessions the person was not asked about. Built on the one typed client (shared/client.ts), which takes only
// types from the zod schemas, so neither the background nor the popup bundles zod.
import type { ResponseOf } from '../../shared/client';
import type { LoopEntry, SendOutcome } from '../outbox/machine';
import { outboxOutcome, participantClient } from './twoway';

export type JointSummaryAnswer = ResponseOf<'jointSummary'>;

interface Signed {
  workerUrl: string;
  token: string;
}

/** GET /me/pairs/:pairId/summary for the current month. Throws the client's ApiError on a refusal. */
export function readJointSummary(account: Signed, pairId: string): Promise<JointSummaryAnswer> {
  return participantClient(account.workerUrl, account.token).call('jointSummary', { params: { pairId }, query: {} });
}

/** Sends one outbox entry that is not an answer. Never throws: the outbox decides what each outcome means. */
export function sendLoopEntry(account: Signed, entry: LoopEntry): Promise<SendOutcome> {
  const client = participantClient(account.workerUrl, account.token);
  return outboxOutcome(() => sendOne(client, entry), true);
}

function sendOne(client: ReturnType<typeof participantClient>, entry: LoopEntry): Promise<Response> {
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
