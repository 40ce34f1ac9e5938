// The shell: signed-out → sign-in; signed-in → the views the token's role may use.
import { useMemo, useState } from 'preact/hooks';
import { createApi, ROLE_WORDS } from '../api';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from '../credentials';
import type { NewProgramme } from '../../../shared/contract';
import { useRemote } from '../remote';
import { CoordinatorView } from './CoordinatorView';
import { LazyView } from './LazyView';
import { SignIn } from './SignIn';
import { SponsorView } from './SponsorView';

// The first view of each role (pair health, culture) loads with the page; the others when first opened.
const loadRequestsView = () => import('./RequestsView').then((m) => m.RequestsView);
const loadSetupView = () => import('./SetupView').then((m) => m.SetupView);
const loadCreateProgramme = () => import('./CreateProgramme').then((m) => m.CreateProgramme);

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
        {view === 'requests' && <LazyView load={loadRequestsView} what="the requests" props={{ api }} />}
        {view === 'setup' && <LazyView load={loadSetupView} what="the set-up" props={{ api }} />}
        {view === 'create' && (
          <LazyView
            load={loadCreateProgramme}
            what="the new programme form"
            props={{
              adminToken: credentials.token,
              onUseCoordinator: (created: NewProgramme) =>
                props.onSignIn({ role: 'coordinator', token: created.coordinatorToken, programmeId: created.id }),
            }}
          />
        )}
      </main>
    </>
  );
}
