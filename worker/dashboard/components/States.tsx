// The states every card can be in besides "here are the numbers".
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import type { Remote } from '../remote';

export function Loading(props: { what: string }) {
  return (
    <p class="state loading" role="status" aria-live="polite">
      Loading {props.what}…
    </p>
  );
}

export function ErrorNote(props: { error: Error; retry?: () => void }) {
  const { error } = props;
  const hint =
    error instanceof ApiError && error.status === 401
      ? 'The token was not accepted. Sign out and sign in again.'
      : error instanceof ApiError && error.status === 403
        ? 'This token may not see this page or programme.'
        : error instanceof ApiError && error.status === 404
          ? 'Not found: check the programme id, or the Worker may not offer this yet.'
          : '';
  return (
    <div class="state error" role="alert">
      <p>
        <strong>Could not load this.</strong> {error.message}
      </p>
      {hint && <p>{hint}</p>}
      {error instanceof ApiError && error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue, i) => (
            <li key={i}>{issueText(issue)}</li>
          ))}
        </ul>
      )}
      {props.retry && (
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      )}
    </div>
  );
}

function issueText(issue: unknown): string {
  if (issue && typeof issue === 'object' && 'message' in issue) {
    const path = 'path' in issue && Array.isArray(issue.path) ? issue.path.join('.') : '';
    return path ? `${path}: ${String(issue.message)}` : String(issue.message);
  }
  return JSON.stringify(issue);
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="state empty">{props.children}</p>;
}

/** A chart's card when there is nothing to draw yet: its title and why. */
export function EmptyChartCard(props: { title: string; children: ComponentChildren }) {
  return (
    <div class="card">
      <h3>{props.title}</h3>
      <Empty>{props.children}</Empty>
    </div>
  );
}

/** Renders the children with the data once it is there, and the right state before. */
export function Loaded<T>(props: { remote: Remote<T>; what: string; retry?: () => void; children: (data: T) => ComponentChildren }) {
  const { remote } = props;
  if (remote.state === 'loading') return <Loading what={props.what} />;
  if (remote.state === 'error') return <ErrorNote error={remote.error} retry={props.retry} />;
  return (
    <>
      {remote.updating && (
        <p class="state updating" role="status">
          Updating {props.what}…
        </p>
      )}
      {props.children(remote.data)}
    </>
  );
}
