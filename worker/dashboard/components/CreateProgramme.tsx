// Admin only: create a programme and hand over its two tokens. The Worker keeps
// only their hashes, so this is the one time they can be seen and copied.
import { useState } from 'preact/hooks';
import { createApi, type ApiError } from '../api';
import type { NewProgramme } from '../shapes';
import { CopyButton } from './CopyButton';
import { ErrorNote } from './States';

export function CreateProgramme(props: { adminToken: string; onUseCoordinator: (created: NewProgramme) => void }) {
  const [name, setName] = useState('');
  const [k, setK] = useState('5');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [created, setCreated] = useState<NewProgramme | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const api = createApi({ token: props.adminToken, programmeId: '' });
      setCreated(await api.createProgramme({ name: name.trim(), kAnonymity: Number(k) }));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a programme</h2>
      <form class="stack" onSubmit={submit}>
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
