// Participants with their invite links and whether they have joined yet; add one by hand, or erase one.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { ListedParticipant as Participant } from '../../../shared/contract';
import { AddParticipant } from './AddParticipant';
import { CopyButton } from './CopyButton';
import { Empty, ErrorNote } from './States';
import { DataTable } from './DataTable';

export function inviteLink(code: string, origin = location.origin): string {
  return `${origin}/join#${code}`;
}

/** What each row is asking the coordinator to confirm, if anything. */
type Pending = { kind: 'reissue' | 'erase'; id: string } | null;

export function ParticipantList(props: { api: Api; participants: Participant[]; onChanged: () => void }) {
  const [error, setError] = useState<Error | null>(null);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending>(null);
  const attempt = async (action: () => Promise<void>) => {
    setError(null);
    setPending(null);
    try {
      await action();
    } catch (err) {
      setError(err as Error);
    }
  };
  const reissue = (participant: Participant) =>
    attempt(async () => {
      const { inviteCode } = await props.api.newInvite(participant.id);
      setCodes({ ...codes, [participant.id]: inviteCode });
    });
  const erase = (participant: Participant) =>
    attempt(async () => {
      await props.api.eraseParticipant(participant.id);
      props.onChanged();
    });
  const cells = { codes, pending, setPending, reissue, erase };
  return (
    <section class="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants ({props.participants.length})</h2>
      <AddParticipant api={props.api} onAdded={props.onChanged} />
      {error && <ErrorNote error={error} />}
      {props.participants.length === 0 ? (
        <Empty>No participants yet: add one above, or import a CSV.</Empty>
      ) : (
        <DataTable
          class="participants"
          rows={props.participants}
          rowKey={(p) => p.id}
          columns={[
            { key: 'name', head: 'Name', cell: (p) => p.displayName },
            { key: 'email', head: 'Email', cell: (p) => p.email },
            { key: 'attributes', head: 'Function · region · generation', cell: (p) => [p.function, p.region, p.generation].filter(Boolean).join(' · ') || '—' },
            { key: 'joined', head: 'Joined', cell: (p) => (p.redeemed ? 'yes' : 'not yet') },
            { key: 'invite', head: 'Invite link', class: 'invite', cell: (p) => <InviteCell participant={p} {...cells} /> },
            { key: 'erase', head: 'Erase', class: 'erase', cell: (p) => <EraseCell participant={p} {...cells} /> },
          ]}
        />
      )}
    </section>
  );
}

interface CellProps {
  participant: Participant;
  codes: Record<string, string>;
  pending: Pending;
  setPending: (pending: Pending) => void;
  reissue: (participant: Participant) => Promise<void>;
  erase: (participant: Participant) => Promise<void>;
}

function InviteCell(props: CellProps) {
  const { participant: p } = props;
  // A fresh code from "New link" is shown even for someone who had joined: it is unused again.
  const fresh = props.codes[p.id];
  const code = fresh ?? (p.redeemed ? null : p.inviteCode);
  const asking = props.pending?.kind === 'reissue' && props.pending.id === p.id;
  return (
    <>
      {code ? (
        <>
          <code class="invite-link">{inviteLink(code)}</code> <CopyButton text={inviteLink(code)} label={`invite link for ${p.displayName}`} />
        </>
      ) : (
        <span class="muted">{p.redeemed ? 'joined' : 'none'}</span>
      )}{' '}
      {asking ? (
        <Confirm
          words={`${p.displayName} has joined: a new link signs them out of their Twoway extension until they join again with it.`}
          action="Sign out and make a new link"
          onConfirm={() => void props.reissue(p)}
          onCancel={() => props.setPending(null)}
        />
      ) : (
        <button
          type="button"
          class="secondary"
          onClick={() => (p.redeemed && !fresh ? props.setPending({ kind: 'reissue', id: p.id }) : void props.reissue(p))}
        >
          New link
        </button>
      )}
    </>
  );
}

function EraseCell(props: CellProps) {
  const { participant: p } = props;
  if (props.pending?.kind === 'erase' && props.pending.id === p.id) {
    return (
      <Confirm
        words={`Erasing ${p.displayName} erases their identity (name, email, attributes) and all their answers from Twoway; in their pairs an “Erased participant” takes their place. This cannot be undone.`}
        action={`Erase ${p.displayName}`}
        onConfirm={() => void props.erase(p)}
        onCancel={() => props.setPending(null)}
      />
    );
  }
  return (
    <button type="button" class="secondary danger" onClick={() => props.setPending({ kind: 'erase', id: p.id })}>
      Erase…
    </button>
  );
}

function Confirm(props: { words: string; action: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <span class="confirm" role="alertdialog" aria-label={props.action}>
      <span class="warning">{props.words}</span>{' '}
      <button type="button" class="danger" onClick={props.onConfirm}>
        {props.action}
      </button>{' '}
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </span>
  );
}
