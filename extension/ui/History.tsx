// The person's own answers: what the Worker has (GET /me) plus what is still
// queued here. The last successful GET /me is kept (state/store.ts,
// `syncedAnswers`), so the list does not empty while the Worker is unreachable.
import { useEffect, useState } from 'preact/hooks';
import type { OwnResponse } from '../../shared/contract';
import { answerBody, type Outbox } from '../outbox/machine';
import { rememberAnswers, type Account, type SyncedAnswers } from '../state/store';
import type { Happened } from '../../shared/schemas';
import { when } from './labels';
import { useStored } from './stored';

function answerText(happened: Happened, value: number | undefined): string {
  if (happened === 'not_a_session') return 'Not a mentoring session';
  return happened ? `${value ?? '–'} of 5` : "Didn't happen";
}

/** The cached answers, if they are this participant's (a re-join as someone else must not show the last person's). */
function syncedFor(account: Account, synced: Record<string, SyncedAnswers> | undefined): SyncedAnswers | undefined {
  const entry = synced?.[account.programme.id];
  return entry && entry.participantId === account.participant.id ? entry : undefined;
}

export function History({ account, outbox }: { account: Account; outbox: Outbox }) {
  const synced = syncedFor(account, useStored('syncedAnswers'));
  const [live, setLive] = useState<OwnResponse[]>();
  const [problem, setProblem] = useState<string>();
  const sentCount = Object.values(outbox).filter((e) => e.state === 'sent').length;
  useEffect(() => {
    let current = true;
    // The client is loaded when the list is: it is not part of the popup's first load (its 15 KB budget).
    import('../api/twoway')
      .then(({ twowayApi }) => twowayApi(account.workerUrl, account.token).me())
      .then(async (me) => {
        if (!current) return;
        setLive(me.responses);
        setProblem(undefined);
        await rememberAnswers(account, me.responses, Date.now());
      })
      // Loaded only when needed: the messages are not part of the popup's first load (its 15 KB budget).
      .catch(async (error: unknown) => {
        const { serverProblem } = await import('../api/plain-errors');
        if (current) setProblem(serverProblem(error, new URL(account.workerUrl).origin, 'load-answers'));
      });
    return () => {
      current = false;
    };
  }, [account.workerUrl, account.token, sentCount]);
  // Offline (or not loaded yet), the last synced list stands in for GET /me.
  const responses = live ?? synced?.responses;
  const known = new Set(responses?.map((r) => r.id));
  // Without a fresh GET /me, an answer sent since the last sync is only in the outbox: keep showing it.
  // Only answers: checks, requests and sharing changes have their own places in the view.
  const fromOutbox = Object.values(outbox).flatMap((e) => {
    const body = answerBody(e);
    return body && e.programmeId === account.programme.id && !known.has(e.id) && (e.state !== 'sent' || !live) ? [{ e, body }] : [];
  });
  const rows = [
    ...fromOutbox.map(({ e, body }) => ({ id: e.id, start: body.start, happened: body.happened, value: body.value, status: e.state })),
    ...(responses ?? []).map((r) => ({ id: r.id, start: r.start, happened: r.happened, value: r.value ?? undefined, status: 'sent' })),
  ].sort((x, y) => (y.start ?? '').localeCompare(x.start ?? ''));
  return (
    <section aria-labelledby="history">
      <h2 id="history">Your answers</h2>
      {problem && <p class="muted" role="status" data-history-problem>{problem}</p>}
      {!live && synced && (
        <p class="muted" data-synced-at={synced.syncedAt}>
          Last synced {when(new Date(synced.syncedAt).toISOString())}.
        </p>
      )}
      {rows.length === 0 ? (
        <p class="muted">{responses || problem ? 'No answers yet.' : 'Loading…'}</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Session</th><th scope="col">Your answer</th><th scope="col">Status</th></tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-response={row.id}>
                <td>{when(row.start)}</td>
                <td>{answerText(row.happened, row.value)}</td>
                <td class={`status-${row.status === 'failed' ? 'failed' : row.status === 'sent' ? 'sent' : 'queued'}`}>
                  {row.status === 'sending' ? 'queued' : row.status}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
