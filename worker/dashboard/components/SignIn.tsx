// Sign in with a token the programme team was given. Nothing here is put in a URL.
import { useState } from 'preact/hooks';
import { checkSignIn } from '../api';
import type { Credentials, Role } from '../credentials';

const ROLES: Array<[Role, string, string]> = [
  ['coordinator', 'Coordinator', 'pair health, at-risk pairs, set-up'],
  ['sponsor', 'Sponsor', 'culture metrics over the years'],
  ['admin', 'Administrator', 'create a programme'],
];

export function SignIn(props: { onSignIn: (credentials: Credentials) => void }) {
  const [role, setRole] = useState<Role>('coordinator');
  const [token, setToken] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const credentials = { role, token: token.trim(), programmeId: role === 'admin' ? '' : programmeId.trim() };
    setChecking(true);
    setRefusal(null);
    try {
      await checkSignIn(credentials);
      props.onSignIn(credentials);
    } catch (error) {
      setRefusal(error instanceof TypeError ? `Could not reach Twoway (${error.message}). Check your connection and try again.` : (error as Error).message);
      setChecking(false);
    }
  };
  return (
    <main class="sign-in card">
      <h1>Twoway</h1>
      <p>Is mentoring working, in both directions? Sign in with the token you were given.</p>
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>I am signing in as</legend>
          {ROLES.map(([value, label, what]) => (
            <label class="radio" key={value}>
              <input type="radio" name="role" value={value} checked={role === value} onChange={() => setRole(value)} /> {label}{' '}
              <span class="muted">({what})</span>
            </label>
          ))}
        </fieldset>
        {role !== 'admin' && (
          <label>
            Programme id
            <input name="programmeId" required autoComplete="off" value={programmeId} onInput={(e) => setProgrammeId(e.currentTarget.value)} />
          </label>
        )}
        <label>
          Token
          <input
            name="token"
            type="password"
            required
            autoComplete="off"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={checking}>
          {checking ? 'Checking the token…' : 'Sign in'}
        </button>
      </form>
      {refusal && (
        <p class="state error" role="alert">
          <strong>Not signed in.</strong> {refusal}
        </p>
      )}
      <p class="muted small">The token stays in this tab only and is forgotten when you close it or sign out.</p>
    </main>
  );
}
