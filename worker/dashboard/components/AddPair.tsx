// Pair two participants by hand, and list the pairs the programme has.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { PairRow, ListedParticipant as Participant } from '../../../shared/contract';
import { Empty, ErrorNote } from './States';
import { DataTable } from './DataTable';

const today = () => new Date().toISOString().slice(0, 10);

export function AddPair(props: { api: Api; participants: Participant[]; pairs: PairRow[]; onAdded: () => void }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [mentor, setMentor] = useState<'' | 'a' | 'b'>('');
  const [cohort, setCohort] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [cadence, setCadence] = useState('14');
  const [error, setError] = useState<Error | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setAdded(null);
    try {
      const { id } = await props.api.addPair({
        a,
        b,
        mentorId: mentor === 'a' ? a : mentor === 'b' ? b : null,
        ...(cohort.trim() ? { cohort: cohort.trim() } : {}),
        startsOn,
        cadenceDays: Number(cadence),
      });
      setAdded(id);
      props.onAdded();
    } catch (err) {
      setError(err as Error);
    }
  };
  const nameOf = (id: string) => props.participants.find((p) => p.id === id)?.displayName ?? 'first person';
  const options = props.participants.map((p) => (
    <option key={p.id} value={p.id}>
      {p.displayName} ({p.email})
    </option>
  ));
  return (
    <section class="card" aria-labelledby="pairs-setup-heading">
      <h2 id="pairs-setup-heading">Pairs ({props.pairs.length})</h2>
      <form class="pair-form" onSubmit={(event) => void submit(event)}>
        <label>
          First person
          <select required value={a} onChange={(e) => setA(e.currentTarget.value)}>
            <option value="">choose…</option>
            {options}
          </select>
        </label>
        <label>
          Second person
          <select required value={b} onChange={(e) => setB(e.currentTarget.value)}>
            <option value="">choose…</option>
            {options}
          </select>
        </label>
        <label>
          Mentor
          <select value={mentor} onChange={(e) => setMentor(e.currentTarget.value as '' | 'a' | 'b')}>
            <option value="">none: they learn from each other</option>
            <option value="a">{a ? nameOf(a) : 'first person'}</option>
            <option value="b">{b ? nameOf(b) : 'second person'}</option>
          </select>
        </label>
        <label>
          Cohort <input value={cohort} maxLength={100} onInput={(e) => setCohort(e.currentTarget.value)} />
        </label>
        <label>
          Starts on <input type="date" required value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        </label>
        <label>
          Meets every (days) <input type="number" min={1} max={365} required value={cadence} onInput={(e) => setCadence(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!a || !b || a === b}>
          Add pair
        </button>
      </form>
      {a && a === b && <p class="error-text">Choose two different people.</p>}
      {added && <p role="status">Pair added.</p>}
      {error && <ErrorNote error={error} />}
      {props.pairs.length === 0 ? (
        <Empty>No pairs yet.</Empty>
      ) : (
        <DataTable
          rows={props.pairs}
          rowKey={(pair) => pair.id}
          columns={[
            { key: 'pair', head: 'Pair', cell: (pair) => <>{pair.a.displayName} &amp; {pair.b.displayName}</> },
            { key: 'mentor', head: 'Mentor', cell: (pair) => (pair.mentorId === pair.a.id ? pair.a.displayName : pair.mentorId === pair.b.id ? pair.b.displayName : 'none') },
            { key: 'cohort', head: 'Cohort', cell: (pair) => pair.cohort || '—' },
            { key: 'dates', head: 'Dates', cell: (pair) => <>{pair.startsOn}{pair.endsOn ? ` – ${pair.endsOn}` : ''}</> },
            { key: 'every', head: 'Every', class: 'num', cell: (pair) => `${pair.cadenceDays} days` },
          ]}
        />
      )}
    </section>
  );
}
