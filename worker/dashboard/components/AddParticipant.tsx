// Add one participant by hand, through the same route the CSV import's people go through.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import { ErrorNote } from './States';

const FIELDS = [
  ['displayName', 'Display name', true],
  ['email', 'Email', true],
  ['function', 'Function', false],
  ['region', 'Region', false],
  ['generation', 'Generation', false],
] as const;

type Field = (typeof FIELDS)[number][0];
const BLANK: Record<Field, string> = { displayName: '', email: '', function: '', region: '', generation: '' };

export function AddParticipant(props: { api: Api; onAdded: () => void }) {
  const [person, setPerson] = useState(BLANK);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      // Blank optional attributes are left out rather than sent as ''.
      const entries = Object.entries(person).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value !== '');
      await props.api.addParticipant(Object.fromEntries(entries) as { displayName: string; email: string });
      setAdded(person.displayName.trim());
      setPerson(BLANK);
      props.onAdded();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="participant-form" aria-label="Add a participant" onSubmit={(event) => void submit(event)}>
      {FIELDS.map(([field, label, required]) => (
        <label key={field}>
          {label}
          <input
            name={field}
            type="text"
            inputMode={field === 'email' ? 'email' : undefined}
            required={required}
            maxLength={field === 'email' ? 320 : field === 'displayName' ? 200 : 100}
            value={person[field]}
            onInput={(e) => setPerson({ ...person, [field]: e.currentTarget.value })}
          />
        </label>
      ))}
      <button type="submit" disabled={busy || !person.displayName.trim() || !person.email.trim()}>
        {busy ? 'Adding…' : 'Add participant'}
      </button>
      {added && <p role="status">{added} added; their invite link is in the list.</p>}
      {error && <ErrorNote error={error} />}
    </form>
  );
}
