// Participants with their invite links and whether they have joined yet.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { Participant } from '../shapes';
import { CopyButton } from './CopyButton';
import { Empty, ErrorNote } from './States';

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
        <div class="table-scroll">
          <table class="participants">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Function · region · generation</th>
                <th scope="col">Joined</th>
                <th scope="col">Invite link</th>
              </tr>
            </thead>
            <tbody>
              {props.participants.map((p) => {
                const code = codes[p.id] ?? p.inviteCode;
                return (
                  <tr key={p.id}>
                    <th scope="row">{p.displayName}</th>
                    <td>{p.email}</td>
                    <td>{[p.function, p.region, p.generation].filter(Boolean).join(' · ') || '—'}</td>
                    <td>{p.redeemed ? 'yes' : 'not yet'}</td>
                    <td class="invite">
                      {code ? (
                        <>
                          <code class="invite-link">{inviteLink(code)}</code> <CopyButton text={inviteLink(code)} label={`invite link for ${p.displayName}`} />
                        </>
                      ) : (
                        <span class="muted">{p.redeemed ? 'used' : 'none'}</span>
                      )}{' '}
                      <button type="button" class="secondary" onClick={() => void reissue(p)}>
                        New link
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
