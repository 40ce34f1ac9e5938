// Entry point: the dashboards for signed-in staff, or the join hint for an invite link.
import { render } from 'preact';
import { App } from './components/App';
import { JoinPage } from './components/JoinPage';

const root = document.getElementById('app');
if (root) {
  const joining = location.pathname.replace(/\/+$/, '') === '/join';
  render(joining ? <JoinPage code={decodeURIComponent(location.hash.slice(1))} /> : <App />, root);
}
