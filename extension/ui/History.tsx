// The person's own answers: what the Worker has (GET /me) plus what is still queued here.
import { useEffect, useState } from 'preact/hooks';
import { twowayApi, type OwnResponse } from '../api/twoway';
import type { Outbox } from '../outbox/machine';
import type { Account } from '../state/store';
import type { Happened } from '../../shared/schemas';
import { when } from './labels';

function answerText(happened: Happened, value: number | undefined): string {
  if (happened === 'not_a_session') return 'Not a mentoring session';
  return happened ? `${value ?? '–'} of 5` : "Didn't happen";
}

export function History({ account, outbox }: { account: Account; outbox: Outbox }) {
  const [responses, setResponses] = useState<OwnResponse[]>();
  const [offline, setOffline] = useState(false);
  const sentCount = Object.values(outbox).filter((e) => e.state === 'sent').length;
  useEffect(() => {
    twowayApi(account.workerUrl, account.token)
      .me()
      .then((me) => {
        setResponses(me.responses);
        setOffline(false);
      })
      .catch(() => setOffline(true));
  }, [account.workerUrl, account.token, sentCount]);
  const known = new Set(responses?.map((r) => r.id));
  const queued = Object.values(outbox).filter(
    (e) => e.programmeId === account.programme.id && e.state !== 'sent' && !known.has(e.id),
  );
  const rows = [
    ...queued.map((e) => ({ id: e.id, start: e.body.start, happened: e.body.happened, value: e.body.value, status: e.state })),
    ...(responses ?? []).map((r) => ({ id: r.id, start: r.start, happened: r.happened, value: r.value ?? undefined, status: 'sent' })),
  ].sort((x, y) => (y.start ?? '').localeCompare(x.start ?? ''));
  return (
    <section aria-labelledby="history">
      <h2 id="history">Your answers</h2>
      {offline && <p class="muted">The server cannot be reached; showing what is stored here.</p>}
      {rows.length === 0 ? (
        <p class="muted">{responses || offline ? 'No answers yet.' : 'Loading…'}</p>
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
