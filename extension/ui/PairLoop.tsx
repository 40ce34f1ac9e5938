// The popup's part of the pair's loop (extension/README.md, "The pair's
// loop"): the relationship check and the closing question when they are due,
// the joint summary, and the requests a person may send the programme team.
// Loaded after the popup's first paint (FeedbackApp.tsx).
import { useState } from 'preact/hooks';
import { REQUEST_MESSAGE_MAX } from '../../shared/contract/answer-rules';
import type { CheckPace, CheckWorthwhile, ClosingAgain, ClosingChange, Urgency } from '../../shared/vocabulary';
import { CLOSING_CHANGE_LABELS, URGENCIES, URGENCY_LABELS } from '../../shared/vocabulary';
import type { CheckAnswer } from '../background/pair-loop';
import { checkEntry, dueChecks, requestRows, type DueCheck, type RequestRow } from '../loop/questions';
import type { Outbox } from '../outbox/machine';
import type { Account, MemberPair } from '../state/store';
import { JointSummaryView } from './JointSummary';
import { when } from './labels';
import { ask } from './stored';

const WORTHWHILE_LABELS: Record<CheckWorthwhile, string> = { yes: 'Yes', unsure: 'Not sure', no: 'No' };
const PACE_LABELS: Record<CheckPace, string> = { right: 'About right', too_little: 'Too little', too_much: 'Too much' };
const AGAIN_LABELS: Record<ClosingAgain, string> = { yes: 'Yes', maybe: 'Maybe', no: 'No' };

export function PairLoop({ account, outbox }: { account: Account; outbox: Outbox }) {
  return (
    <>
      {dueChecks(account).map((due) => (
        <CheckCard key={`${due.pairId}|${due.kind}|${due.milestone}`} account={account} outbox={outbox} due={due} />
      ))}
      {account.pairs.map((pair) => (
        <JointSummaryView key={pair.id} account={account} pair={pair} />
      ))}
      <Requests account={account} outbox={outbox} />
    </>
  );
}

function Choice<T extends string>(props: { label: string; options: Record<T, string>; value: T | undefined; onChoose: (value: T) => void }) {
  return (
    <div class="row" role="group" aria-label={props.label}>
      <span class="chip-label" aria-hidden="true">{props.label}</span>
      {(Object.keys(props.options) as T[]).map((option) => (
        <button type="button" key={option} aria-pressed={props.value === option} onClick={() => props.onChoose(option)}>
          {props.options[option]}
        </button>
      ))}
    </div>
  );
}

/** The relationship check (two one-click questions, sent once both are answered) or the closing question. */
function CheckCard({ account, outbox, due }: { account: Account; outbox: Outbox; due: DueCheck }) {
  const entry = checkEntry(outbox, account.programme.id, due);
  const given = entry?.body;
  const [worthwhile, setWorthwhile] = useState<CheckWorthwhile | undefined>(given?.kind === 'milestone' ? given.worthwhile : undefined);
  const [pace, setPace] = useState<CheckPace | undefined>(given?.kind === 'milestone' ? given.pace : undefined);
  const [error, setError] = useState<string>();
  const send = async (check: CheckAnswer) => {
    const reply = await ask({ type: 'check', programmeId: account.programme.id, check });
    setError(reply.ok ? undefined : reply.error);
  };
  const headingId = `check-${due.pairId}-${due.kind}`;
  if (due.kind === 'milestone') {
    const answer = (w: CheckWorthwhile | undefined, p: CheckPace | undefined) => {
      setWorthwhile(w);
      setPace(p);
      if (w && p) void send({ kind: 'milestone', pairId: due.pairId, milestone: due.milestone ?? 0, worthwhile: w, pace: p });
    };
    return (
      <section aria-labelledby={headingId} data-check="milestone">
        <h2 id={headingId}>A quick check on your pairing with {due.partnerName}</h2>
        <Choice label="Is this pairing worth your time?" options={WORTHWHILE_LABELS} value={worthwhile} onChoose={(w) => answer(w, pace)} />
        <Choice label="Are you meeting about as often as you'd like?" options={PACE_LABELS} value={pace} onChoose={(p) => answer(worthwhile, p)} />
        <Private />
        {entry && <CheckStatus state={entry.state} failure={entry.failure?.message} />}
        {error && <p class="error" role="alert">{error}</p>}
      </section>
    );
  }
  const closing = given?.kind === 'closing' ? given : undefined;
  const changed = closing?.changed ?? [];
  const toggle = (chip: ClosingChange) =>
    closing && void send({ ...closing, changed: changed.includes(chip) ? changed.filter((c) => c !== chip) : [...changed, chip] });
  return (
    <section aria-labelledby={headingId} data-check="closing">
      <h2 id={headingId}>Your pairing with {due.partnerName} has ended</h2>
      <Choice
        label="Would you do this again?"
        options={AGAIN_LABELS}
        value={closing?.again}
        onChoose={(again) => void send({ kind: 'closing', pairId: due.pairId, again, changed })}
      />
      {closing && (
        <div class="row" role="group" aria-label="What changed for you?">
          <span class="chip-label" aria-hidden="true">What changed for you? <span class="muted">(optional)</span></span>
          {(Object.keys(CLOSING_CHANGE_LABELS) as ClosingChange[]).map((chip) => (
            <button type="button" key={chip} aria-pressed={changed.includes(chip)} onClick={() => toggle(chip)}>
              {CLOSING_CHANGE_LABELS[chip]}
            </button>
          ))}
        </div>
      )}
      <Private />
      {entry && <CheckStatus state={entry.state} failure={entry.failure?.message} />}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

function Private() {
  return <p class="muted">Private: only counted together with others' answers, never shown as yours.</p>;
}

function CheckStatus({ state, failure }: { state: string; failure: string | undefined }) {
  if (state === 'sent') return <p class="status-sent" role="status" data-status="sent">Sent ✓</p>;
  if (state === 'failed') return <p class="status-failed" role="alert" data-status="failed">Not saved: {failure}</p>;
  return <p class="status-queued" role="status" data-status="queued">Queued: saved on this computer, sent when the server can be reached.</p>;
}

/** "Ask for a new partner" (per pair) and "I'd like someone from the programme to contact me", and what became of them. */
function Requests({ account, outbox }: { account: Account; outbox: Outbox }) {
  const [open, setOpen] = useState<string>();
  const rows = requestRows(account, outbox);
  const pairs = new Map(account.pairs.map((pair) => [pair.id, pair]));
  return (
    <section aria-labelledby="requests">
      <h2 id="requests">Your programme team</h2>
      <div class="row">
        {account.pairs.map((pair) => (
          <button type="button" key={pair.id} aria-expanded={open === pair.id} onClick={() => setOpen(open === pair.id ? undefined : pair.id)}>
            Ask for a new partner{account.pairs.length > 1 ? ` (instead of ${pair.partner.displayName})` : ''}
          </button>
        ))}
        <button type="button" aria-expanded={open === 'contact'} onClick={() => setOpen(open === 'contact' ? undefined : 'contact')}>
          I'd like someone from the programme to contact me
        </button>
      </div>
      {open && open !== 'contact' && pairs.get(open) && (
        <RematchForm account={account} pair={pairs.get(open)!} onDone={() => setOpen(undefined)} />
      )}
      {open === 'contact' && <ContactForm account={account} onDone={() => setOpen(undefined)} />}
      {rows.length > 0 && (
        <ul data-requests>
          {rows.map((row) => (
            <li key={row.id} data-request={row.id} data-request-status={row.status}>
              {requestText(row, pairs)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function requestText(row: RequestRow, pairs: Map<string, MemberPair>): string {
  const partner = row.pairId ? pairs.get(row.pairId)?.partner.displayName : undefined;
  const what = row.kind === 'rematch' ? `A new partner${partner ? ` instead of ${partner}` : ''}` : 'To be contacted';
  const status = {
    queued: 'queued on this computer, sent when the server can be reached',
    failed: `not sent: ${row.failure ?? 'the server refused it'}`,
    open: 'sent ✓, your programme team has it',
    handled: 'sent ✓, handled by your programme team',
  }[row.status];
  return `${what} (${when(row.at)}): ${status}.`;
}

function MessageField({ id }: { id: string }) {
  return (
    <>
      <label for={id}>Message <span class="muted">(optional)</span></label>
      <textarea id={id} name="message" maxLength={REQUEST_MESSAGE_MAX} rows={3} />
    </>
  );
}

/** The message as typed when the form is sent (read from the form, so a keystroke not yet rendered is not lost). */
function messageOf(event: Event): { message?: string } {
  const message = String(new FormData(event.currentTarget as HTMLFormElement).get('message') ?? '').trim();
  return message ? { message } : {};
}

function useSend(account: Account, onDone: () => void) {
  const [error, setError] = useState<string>();
  const send = async (request: Parameters<typeof ask>[0] & { type: 'request' }) => {
    const reply = await ask(request);
    if (reply.ok) onDone();
    else setError(reply.error);
  };
  return { error, send: (request: (Parameters<typeof ask>[0] & { type: 'request' })['request']) => send({ type: 'request', programmeId: account.programme.id, request }) };
}

function RematchForm({ account, pair, onDone }: { account: Account; pair: MemberPair; onDone: () => void }) {
  const { error, send } = useSend(account, onDone);
  return (
    <form
      data-form="rematch"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ kind: 'rematch', pairId: pair.id, ...messageOf(e) });
      }}
    >
      <p>
        Your programme team will see your name and your message and can find you a new partner.{' '}
        <strong>{pair.partner.displayName} is not told.</strong>
      </p>
      <MessageField id="rematch-message" />
      <p><button class="primary" type="submit">Send request</button></p>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

function ContactForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const [urgency, setUrgency] = useState<Urgency>('whenever');
  const { error, send } = useSend(account, onDone);
  return (
    <form
      data-form="contact"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ kind: 'contact', urgency, ...messageOf(e) });
      }}
    >
      <p>Your programme team will see your name and your message; your partner is not told.</p>
      <MessageField id="contact-message" />
      <div class="row" role="radiogroup" aria-label="How soon?">
        {URGENCIES.map((level) => (
          <button type="button" role="radio" key={level} aria-checked={urgency === level} onClick={() => setUrgency(level)}>
            {URGENCY_LABELS[level]}
          </button>
        ))}
      </div>
      <p><button class="primary" type="submit">Send request</button></p>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}
