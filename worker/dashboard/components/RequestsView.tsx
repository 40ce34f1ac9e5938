// The coordinator's queue of requests to the programme team: who asked for a
// new partner, and who asked to be contacted. A request reaches the
// coordinator with the sender's name by the sender's choice; the partner is
// never told (SECURITY.md, "Requests to the programme team").
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { ListedParticipant as Participant, QueuedRequest } from '../../../shared/contract';
import { URGENCY_LABELS } from '../../../shared/vocabulary';
import { useRemote } from '../remote';
import { DataTable, type Column } from './DataTable';
import { Empty, ErrorNote, Loaded } from './States';

const HOUR_MS = 3_600_000;

/** How long a request has waited, in the largest whole unit. */
export function ageOf(createdAt: string, now = Date.now()): string {
  const hours = Math.max(0, Math.floor((now - Date.parse(createdAt)) / HOUR_MS));
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return `${Math.floor(hours / 24)} days`;
}

export function RequestsView(props: { api: Api }) {
  const [remote, reload] = useRemote(async () => {
    const [{ requests }, { participants }] = await Promise.all([props.api.requests(), props.api.participants()]);
    return { requests, participants };
  }, [props.api]);
  return (
    <div class="view">
      <Loaded remote={remote} what="requests" retry={reload}>
        {({ requests, participants }) => <RequestsBody api={props.api} requests={requests} participants={participants} onChanged={reload} />}
      </Loaded>
    </div>
  );
}

export function RequestsBody(props: { api: Api; requests: QueuedRequest[]; participants: Participant[]; onChanged: () => void }) {
  const [error, setError] = useState<Error | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      props.onChanged();
    } catch (err) {
      setError(err as Error);
    }
  };
  const handle = (r: QueuedRequest) => void act(() => props.api.markRequest(r.id, 'handled'));
  const rematches = props.requests.filter((r) => r.kind === 'rematch');
  const contacts = props.requests.filter((r) => r.kind === 'contact');
  const sender: Column<QueuedRequest> = { key: 'from', head: 'From', cell: (r) => <>{r.from.displayName} <span class="muted">{r.from.email}</span></> };
  const cohort: Column<QueuedRequest> = { key: 'cohort', head: 'Cohort', cell: (r) => r.cohort || '—' };
  const message: Column<QueuedRequest> = { key: 'message', head: 'Message', cell: (r) => r.message ?? '—' };
  const age: Column<QueuedRequest> = { key: 'age', head: 'Waiting', cell: (r) => ageOf(r.createdAt), title: (r) => r.createdAt };
  const handled: Column<QueuedRequest> = {
    key: 'handle', head: 'Done', cell: (r) => <button type="button" class="secondary" onClick={() => handle(r)}>Mark handled</button>,
  };
  return (
    <>
      {error && <ErrorNote error={error} />}
      <section class="card" aria-labelledby="rematch-heading">
        <h2 id="rematch-heading">Asked for a new partner ({rematches.length})</h2>
        <p class="muted">The partner has not been told. Rematching ends their pair the day before the new one starts.</p>
        {rematches.length === 0 ? <Empty>Nobody is waiting for a new partner.</Empty> : (
          <DataTable
            class="requests rematch-queue"
            rows={rematches}
            rowKey={(r) => r.id}
            rowData={(r) => ({ 'data-request': r.id })}
            columns={[
              sender,
              { key: 'partner', head: 'Current partner', cell: (r) => r.partner?.displayName ?? '—' },
              cohort, message, age,
              { key: 'rematch', head: 'New partner', cell: (r) => <RematchForm api={props.api} request={r} participants={props.participants} act={act} /> },
              handled,
            ]}
          />
        )}
      </section>
      <section class="card" aria-labelledby="contact-heading">
        <h2 id="contact-heading">Asked to be contacted ({contacts.length})</h2>
        {contacts.length === 0 ? <Empty>Nobody is waiting to be contacted.</Empty> : (
          <DataTable
            class="requests contact-queue"
            rows={contacts}
            rowKey={(r) => r.id}
            rowData={(r) => ({ 'data-request': r.id })}
            rowClass={(r) => (r.urgency === 'urgent' ? 'urgent' : undefined)}
            columns={[
              sender,
              { key: 'urgency', head: 'Urgency', cell: (r) => (r.urgency ? URGENCY_LABELS[r.urgency] : '—') },
              { key: 'partner', head: 'About the pair with', cell: (r) => r.partner?.displayName ?? '—' },
              cohort, message, age, handled,
            ]}
          />
        )}
      </section>
    </>
  );
}

/** Pick the sender's new partner from the programme's participants; the route marks the request handled. */
function RematchForm(props: { api: Api; request: QueuedRequest; participants: Participant[]; act: (action: () => Promise<unknown>) => Promise<void> }) {
  const [partnerId, setPartnerId] = useState('');
  const { request } = props;
  const candidates = props.participants.filter((p) => p.id !== request.from.id && p.id !== request.partner?.id);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!request.pairId || !partnerId) return;
    const pairId = request.pairId;
    void props.act(() => props.api.rematch(pairId, { member: request.from.id, partnerId, requestId: request.id }));
  };
  return (
    <form class="rematch-form" onSubmit={submit}>
      <select aria-label={`New partner for ${request.from.displayName}`} required value={partnerId} onChange={(e) => setPartnerId(e.currentTarget.value)}>
        <option value="">choose…</option>
        {candidates.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
      </select>{' '}
      <button type="submit" disabled={!partnerId}>Rematch</button>
    </form>
  );
}
