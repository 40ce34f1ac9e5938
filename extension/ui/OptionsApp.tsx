// Onboarding and settings: join with an invite, pick the calendar, see what leaves the browser.
import { useState } from 'preact/hooks';
import { AccessNotice } from './AccessNotice';
import { browser } from 'wxt/browser';
import { calendarProblem, serverProblem } from '../api/plain-errors';
import { parseInvite, serverUrlProblem, twowayApi } from '../api/twoway';
import { googleCalendarAvailable, googleToken, microsoftToken } from '../calendar/auth';
import { read, signOut as forgetAccount, write, type Account, type CalendarSettings } from '../state/store';
import { when } from './labels';
import { ask, useOutbox, useStored } from './stored';
import { MatchedEvents } from './MatchedEvents';
import { WhatWeSend } from './WhatWeSend';
import { PromptPacing, SharingChoices } from './OptionsLoop';

export function OptionsApp() {
  const accounts = useStored('accounts');
  const active = useStored('activeProgrammeId');
  const settings = useStored('settings');
  const pollStatus = useStored('pollStatus');
  if (!accounts || !settings) return <main aria-busy="true" />;
  const account = active ? accounts[active] : undefined;
  return (
    <main>
      <h1>Twoway settings</h1>
      {account ? <Programme account={account} accounts={accounts} /> : null}
      <Join hasAccount={!!account} />
      <CalendarForm calendar={settings.calendar} ownAddresses={settings.ownAddresses ?? []} keywords={account?.programme.meetingKeywords ?? []} />
      {pollStatus && (
        <p class={pollStatus.ok ? 'muted' : 'error'} role="status" data-poll={pollStatus.ok ? 'ok' : 'error'}>
          Calendar checked {when(new Date(pollStatus.at).toISOString())}:{' '}
          {pollStatus.ok ? `${pollStatus.matched} mentoring session(s) among ${pollStatus.events} event(s).` : pollStatus.error}
        </p>
      )}
      {account && <SharingChoices account={account} />}
      <PromptPacing pacing={settings.pacing} cap={account?.programme.maxPromptsPerPairPerWeek} />
      <MatchedEvents />
      <WhatWeSend workerUrl={account?.workerUrl} />
    </main>
  );
}

function Programme({ account, accounts }: { account: Account; accounts: Record<string, Account> }) {
  const others = Object.values(accounts).filter((a) => a.programme.id !== account.programme.id);
  const outbox = useOutbox();
  const unsent = Object.values(outbox ?? {}).filter(
    (entry) => entry.programmeId === account.programme.id && (entry.state === 'queued' || entry.state === 'sending'),
  ).length;
  const signOut = async () => {
    await forgetAccount(account.programme.id);
    await ask({ type: 'account-changed' });
  };
  const switchTo = async (id: string) => {
    await write('activeProgrammeId', id);
    await ask({ type: 'account-changed' });
  };
  return (
    <section aria-labelledby="programme">
      <h2 id="programme">{account.programme.name}</h2>
      <AccessNotice account={account} />
      <p>
        Signed in as <strong>{account.participant.displayName}</strong> ({account.participant.email}).
      </p>
      <p>Your mentoring partner{account.pairs.length === 1 ? '' : 's'}:</p>
      <ul data-partners>
        {account.pairs.map((pair) => (
          <li key={pair.id}>
            {pair.partner.displayName} <span class="muted">({pair.partner.email})</span>
          </li>
        ))}
      </ul>
      <div class="row">
        {others.map((other) => (
          <button type="button" key={other.programme.id} onClick={() => void switchTo(other.programme.id)}>
            Switch to {other.programme.name}
          </button>
        ))}
        <button type="button" onClick={() => void signOut()}>Sign out of {account.programme.name}</button>
      </div>
      {unsent > 0 && (
        <p class="error">
          {/* Answers, checks, requests, sharing changes and not-asked reports alike (the outbox carries them all). */}
          {unsent} {unsent === 1 ? 'answer or request is' : 'answers or requests are'} still waiting to be sent; signing out now would lose {unsent === 1 ? 'it' : 'them'}.
        </p>
      )}
    </section>
  );
}

function Join({ hasAccount }: { hasAccount: boolean }) {
  const [invite, setInvite] = useState('');
  const [workerUrl, setWorkerUrl] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const onInvite = (value: string) => {
    setInvite(value);
    const parsed = parseInvite(value);
    if (parsed.workerUrl && !workerUrl) setWorkerUrl(parsed.workerUrl);
  };
  const join = async (event: Event) => {
    event.preventDefault();
    const { code } = parseInvite(invite);
    const problem = serverUrlProblem(workerUrl);
    if (problem) {
      setMessage({ error: true, text: problem });
      return;
    }
    const origin = new URL(workerUrl).origin;
    // Asked from the click itself: browsers allow permission prompts only in a user gesture.
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) {
      setMessage({ error: true, text: 'Twoway needs permission to talk to your programme server.' });
      return;
    }
    try {
      const redeemed = await twowayApi(origin).redeem({ code });
      const account: Account = {
        workerUrl: origin,
        token: redeemed.participantToken,
        participant: redeemed.participant,
        programme: redeemed.programme,
        pairs: redeemed.pairs,
        refreshedAt: Date.now(),
      };
      await write('accounts', { ...(await read('accounts')), [account.programme.id]: account });
      await write('activeProgrammeId', account.programme.id);
      setInvite('');
      setMessage({ error: false, text: `Joined ${account.programme.name}.` });
      await ask({ type: 'account-changed' });
    } catch (error) {
      setMessage({ error: true, text: serverProblem(error, origin, 'join') });
    }
  };
  return (
    <section aria-labelledby="join">
      <h2 id="join">{hasAccount ? 'Join another programme' : 'Join your mentoring programme'}</h2>
      <form onSubmit={(e) => void join(e)}>
        <label for="invite">Invite link or code</label>
        <input id="invite" type="text" autocomplete="off" value={invite} onInput={(e) => onInvite(e.currentTarget.value)} required />
        <label for="worker">Programme server</label>
        <input id="worker" type="url" placeholder="https://twoway.example.org" value={workerUrl} onInput={(e) => setWorkerUrl(e.currentTarget.value)} required />
        <p><button class="primary" type="submit">Join</button></p>
      </form>
      {message && <p class={message.error ? 'error' : 'status-sent'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
    </section>
  );
}

const CALENDAR_ORIGINS = { google: 'https://www.googleapis.com/*', microsoft: 'https://graph.microsoft.com/*' };

function CalendarForm({ calendar, ownAddresses, keywords }: { calendar: CalendarSettings; ownAddresses: string[]; keywords: string[] }) {
  const [kind, setKind] = useState<CalendarSettings['kind']>(calendar.kind);
  const [icsUrl, setIcsUrl] = useState(calendar.kind === 'ics' ? calendar.url : '');
  const [clientId, setClientId] = useState(calendar.kind === 'microsoft' ? calendar.clientId : '');
  const [tenant, setTenant] = useState(calendar.kind === 'microsoft' ? calendar.tenant : 'common');
  const [aliases, setAliases] = useState(ownAddresses.join(', '));
  const [message, setMessage] = useState<string>();
  const save = async (event: Event) => {
    event.preventDefault();
    const next: CalendarSettings =
      kind === 'ics' ? { kind, url: icsUrl.trim() }
      : kind === 'microsoft' ? { kind, clientId: clientId.trim(), tenant: tenant.trim() || 'common' }
      : kind === 'google' ? { kind }
      : { kind: 'none' };
    const origin = next.kind === 'ics' ? `${new URL(next.url.replace(/^webcal:/i, 'https:')).origin}/*`
      : next.kind === 'none' ? null : CALENDAR_ORIGINS[next.kind];
    // Google and Microsoft sign in through `identity`, which is only asked for when one of them is chosen.
    const signsIn = next.kind === 'google' || next.kind === 'microsoft';
    if (origin && !(await browser.permissions.request({ origins: [origin], ...(signsIn ? { permissions: ['identity'] } : {}) }))) {
      setMessage('Twoway needs permission to read that calendar.');
      return;
    }
    try {
      // Consent happens here, in the page the person is looking at; polls later run silently.
      if (next.kind === 'google') await googleToken(true);
      if (next.kind === 'microsoft') await microsoftToken(next, true);
    } catch (error) {
      setMessage(calendarProblem(error, next.kind === 'google' ? 'google' : 'microsoft'));
      return;
    }
    const addresses = aliases.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@'));
    // The rest of the settings (prompt pacing) stays as it is.
    await write('settings', { ...(await read('settings')), calendar: next, ownAddresses: addresses });
    setMessage('Saved. Checking your calendar…');
    const reply = await ask({ type: 'poll-now' });
    // The poll keeps its own error (already in plain words); say it here too, next to the button pressed.
    const status = await read('pollStatus');
    setMessage(!reply.ok ? reply.error : status && !status.ok ? `Saved, but: ${status.error}` : 'Saved.');
  };
  return (
    <section aria-labelledby="calendar">
      <h2 id="calendar">Calendar</h2>
      <form onSubmit={(e) => void save(e)}>
        <label for="source">Where your meetings are</label>
        <select id="source" value={kind} onChange={(e) => setKind(e.currentTarget.value as CalendarSettings['kind'])}>
          <option value="none">Not connected</option>
          <option value="ics">Calendar feed (ICS link)</option>
          {(googleCalendarAvailable() || kind === 'google') && <option value="google">Google Calendar</option>}
          <option value="microsoft">Microsoft 365</option>
        </select>
        {kind === 'ics' && (
          <>
            <label for="ics">Secret address in iCal format</label>
            <input id="ics" type="url" value={icsUrl} onInput={(e) => setIcsUrl(e.currentTarget.value)} required />
          </>
        )}
        {kind === 'microsoft' && (
          <>
            <label for="client">Application (client) id from your IT team</label>
            <input id="client" type="text" value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} required />
            <label for="tenant">Tenant</label>
            <input id="tenant" type="text" value={tenant} onInput={(e) => setTenant(e.currentTarget.value)} />
          </>
        )}
        <label for="aliases">Your other calendar addresses (optional)</label>
        <input id="aliases" type="text" placeholder="you@other.example.org" value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
        <p class="muted" data-rules>
          A meeting counts as a mentoring session when your partner is invited, whatever its title.
          {keywords.length > 0
            ? ` A meeting nobody else is invited to counts too when its title has the whole word or phrase ${keywords.map((k) => `“${k}”`).join(' or ')} (set by your programme).`
            : ' Titles alone never count: your programme has set no title words.'}{' '}
          Meetings you declined never count.
        </p>
        <p><button class="primary" type="submit">Save calendar settings</button></p>
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
