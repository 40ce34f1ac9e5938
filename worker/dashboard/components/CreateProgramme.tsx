// Admin only: the programmes that exist, and a form to create one and hand over
// its two tokens. The Worker keeps only their hashes, so this is the one time
// they can be seen and copied.
import { useMemo, useState } from 'preact/hooks';
import { createApi, type ApiError } from '../api';
import { useRemote } from '../remote';
import type { NewProgramme, ProgrammeSummary } from '../../../shared/contract';
import { CopyButton } from './CopyButton';
import { Empty, ErrorNote, Loaded } from './States';
import { DataTable } from './DataTable';

const DEFAULT_K = '5';

export function CreateProgramme(props: { adminToken: string; onUseCoordinator: (created: NewProgramme) => void }) {
  const api = useMemo(() => createApi({ token: props.adminToken, programmeId: '' }), [props.adminToken]);
  const [existing, reload] = useRemote(() => api.listProgrammes(), [api]);
  const [name, setName] = useState('');
  const [k, setK] = useState(DEFAULT_K);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [created, setCreated] = useState<NewProgramme | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.createProgramme({ name: name.trim(), kAnonymity: Number(k) }));
      // A fresh form, so a second click cannot create the same programme twice.
      setName('');
      setK(DEFAULT_K);
      reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a programme</h2>
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Smallest group a sponsor may see (k)
          <input type="number" min={2} max={1000} required value={k} onInput={(e) => setK(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create programme'}
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      {created && (
        <div class="secrets" role="status">
          <p>
            <strong>Programme created.</strong> Copy these now: the tokens are not shown again.
          </p>
          <dl>
            <Secret label="Programme id" value={created.id} />
            <Secret label="Coordinator token" value={created.coordinatorToken} />
            <Secret label="Sponsor token" value={created.sponsorToken} />
          </dl>
          <button type="button" onClick={() => props.onUseCoordinator(created)}>
            Continue as coordinator to import participants
          </button>
        </div>
      )}
    </section>
    <section class="card" aria-labelledby="programmes-heading">
      <h2 id="programmes-heading">Programmes</h2>
      <Loaded remote={existing} what="programmes" retry={reload}>
        {({ programmes }) => <ProgrammeList programmes={programmes} />}
      </Loaded>
    </section>
    </>
  );
}

function ProgrammeList(props: { programmes: ProgrammeSummary[] }) {
  if (props.programmes.length === 0) return <Empty>No programmes yet.</Empty>;
  return (
    <DataTable
      rows={props.programmes}
      rowKey={(p) => p.id}
      columns={[
        { key: 'name', head: 'Name', cell: (p) => p.name },
        { key: 'created', head: 'Created', cell: (p) => p.createdAt.slice(0, 10) },
        { key: 'participants', head: 'Participants', cell: (p) => p.participants },
        { key: 'pairs', head: 'Pairs', cell: (p) => p.pairs },
        { key: 'k', head: 'k', cell: (p) => p.kAnonymity },
        { key: 'id', head: 'Id', cell: (p) => <code>{p.id}</code> },
      ]}
    />
  );
}

function Secret(props: { label: string; value: string }) {
  return (
    <div class="secret">
      <dt>{props.label}</dt>
      <dd>
        <code>{props.value}</code> <CopyButton text={props.value} label={props.label} />
      </dd>
    </div>
  );
}
