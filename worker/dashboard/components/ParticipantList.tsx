// Participants with their invite links and whether they have joined yet.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { ListedParticipant as Participant } from '../../../shared/contract';
import { CopyButton } from './CopyButton';
import { Empty, ErrorNote } from './States';
import { DataTable } from './DataTable';

export function inviteLink(code: string, origin = location.origin): string {
  return `${origin}/join#${code}`;
}

export function ParticipantList(props: { api: Api; participants: Participant[]; onChanged: () => void }) {
  const [error, setError] = useState<Error | null>(null);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const reissue = async (participant: Participant) => {
    setError(null);
    try {
      const { inviteCode } = await props.api.newInvite(participant.id);
      setCodes({ ...codes, [participant.id]: inviteCode });
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <section class="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants ({props.participants.length})</h2>
      {error && <ErrorNote error={error} />}
      {props.participants.length === 0 ? (
        <Empty>No participants yet: import a CSV above.</Empty>
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
            { key: 'invite', head: 'Invite link', class: 'invite', cell: (p) => <InviteCell participant={p} code={codes[p.id] ?? p.inviteCode} reissue={reissue} /> },
          ]}
        />
      )}
    </section>
  );
}

function InviteCell(props: { participant: Participant; code: string | null | undefined; reissue: (participant: Participant) => Promise<void> }) {
  const { participant: p, code } = props;
  return (
    <>
      {code ? (
        <>
          <code class="invite-link">{inviteLink(code)}</code> <CopyButton text={inviteLink(code)} label={`invite link for ${p.displayName}`} />
        </>
      ) : (
        <span class="muted">{p.redeemed ? 'used' : 'none'}</span>
      )}{' '}
      <button type="button" class="secondary" onClick={() => void props.reissue(p)}>
        New link
      </button>
    </>
  );
}
