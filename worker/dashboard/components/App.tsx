// The shell: signed-out → sign-in; signed-in → the views the token's role may use.
import { useMemo, useState } from 'preact/hooks';
import { createApi, ROLE_WORDS } from '../api';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from '../credentials';
import type { NewProgramme } from '../../../shared/contract';
import { useRemote } from '../remote';
import { CoordinatorView } from './CoordinatorView';
import { CreateProgramme } from './CreateProgramme';
import { RequestsView } from './RequestsView';
import { SetupView } from './SetupView';
import { SignIn } from './SignIn';
import { SponsorView } from './SponsorView';

type ViewName = 'health' | 'culture' | 'requests' | 'setup' | 'create';

const VIEWS: Record<Credentials['role'], Array<[ViewName, string]>> = {
  coordinator: [
    ['health', 'Pair health'],
    ['culture', 'Culture'],
    ['requests', 'Requests'],
    ['setup', 'Set-up'],
  ],
  sponsor: [['culture', 'Culture']],
  admin: [['create', 'New programme']],
};

export function App() {
  const [credentials, setCredentials] = useState<Credentials | null>(() => loadCredentials());
  const signIn = (next: Credentials) => {
    saveCredentials(next);
    setCredentials(next);
  };
  const signOut = () => {
    clearCredentials();
    setCredentials(null);
  };
  if (!credentials) return <SignIn onSignIn={signIn} />;
  return <SignedIn key={`${credentials.role}:${credentials.programmeId}:${credentials.token}`} credentials={credentials} onSignIn={signIn} onSignOut={signOut} />;
}

function SignedIn(props: { credentials: Credentials; onSignIn: (c: Credentials) => void; onSignOut: () => void }) {
  const { credentials } = props;
  const api = useMemo(() => createApi(credentials), [credentials]);
  const views = VIEWS[credentials.role];
  const [view, setView] = useState<ViewName>(views[0]![0]);
  const [programme] = useRemote(
    () => (credentials.role === 'admin' ? Promise.resolve(null) : api.programme()),
    [api],
  );
  const role = ROLE_WORDS[credentials.role];
  const title =
    credentials.role === 'admin'
      ? `Signed in as ${role}`
      : `Signed in as ${role} of ${programme.state === 'ready' && programme.data ? programme.data.name : credentials.programmeId}`;
  return (
    <>
      <header class="top">
        <div class="brand">
          <strong>Twoway</strong> <span class="muted">{title}</span>
        </div>
        <nav aria-label="Views">
          {views.map(([name, label]) => (
            <button type="button" key={name} class="tab" aria-current={view === name ? 'page' : undefined} onClick={() => setView(name)}>
              {label}
            </button>
          ))}
        </nav>
        <button type="button" class="secondary" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        {view === 'health' && <CoordinatorView api={api} />}
        {view === 'culture' && <SponsorView api={api} coordinator={credentials.role === 'coordinator'} />}
        {view === 'requests' && <RequestsView api={api} />}
        {view === 'setup' && <SetupView api={api} />}
        {view === 'create' && (
          <CreateProgramme
            adminToken={credentials.token}
            onUseCoordinator={(created: NewProgramme) =>
              props.onSignIn({ role: 'coordinator', token: created.coordinatorToken, programmeId: created.id })
            }
          />
        )}
      </main>
    </>
  );
}
