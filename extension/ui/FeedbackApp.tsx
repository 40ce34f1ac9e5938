// The feedback view: one click answers, everything after it is optional and
// edits the same response. Used by the popup and by the tab a notification opens.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { FIT_ANSWERS, FIT_LABELS, type FitAnswer } from '../../shared/vocabulary';
import type { Answer, Autonomy, SessionAnswer, Topic } from '../../shared/schemas';
import { answerBody, type Outbox, type OutboxEntry } from '../outbox/machine';
import type { Account } from '../state/store';
import { checkEntry } from '../loop/questions';
import { expiresAt, type Prompt } from '../prompts/rules';
import { AUTONOMY_LABELS, TOPIC_LABELS, VALUE_LABELS, when } from './labels';
import { ask, useOutbox, useStored } from './stored';
import { History } from './History';
import { AccessNotice } from './AccessNotice';

export function FeedbackApp({ initialKey }: { initialKey?: string | undefined }) {
  const prompts = useStored('prompts');
  const outbox = useOutbox();
  const accounts = useStored('accounts');
  const active = useStored('activeProgrammeId');
  const [selected, setSelected] = useState(initialKey);
  if (!prompts || !outbox || !accounts) return <main aria-busy="true" />;
  const account = active ? accounts[active] : undefined;
  if (!account) {
    return (
      <main>
        <h1>Twoway</h1>
        <p>Join your mentoring programme in the options page first.</p>
        <button type="button" onClick={() => void browserOpenOptions()}>Open options</button>
      </main>
    );
  }
  const visible = Object.entries(prompts)
    // A session not asked about (README, "Fewer prompts") can still be answered from here, if the person wants to.
    .filter(([, p]) => p.programmeId === account.programme.id && (p.state === 'open' || p.state === 'answered' || p.state === 'not_asked'))
    // "This wasn't a mentoring session" takes the meeting out of the view for good.
    .filter(([, p]) => !p.notASession)
    // Past the 7 days the Worker would refuse an edit, so the session is no longer offered.
    .filter(([, p]) => Date.now() < expiresAt(p))
    .sort(([, x], [, y]) => y.end.localeCompare(x.end));
  const asked = visible.filter(([, p]) => p.state !== 'not_asked');
  const current = visible.find(([key]) => key === selected) ?? asked.find(([, p]) => p.state === 'open') ?? asked[0];
  return (
    <main>
      <h1>Twoway <span class="muted">· {account.programme.name}</span></h1>
      <AccessNotice account={account} />
      {(visible.length > 1 || (visible.length === 1 && !current)) && (
        <nav aria-label="Sessions" class="row">
          {visible.map(([key, p]) => (
            <button type="button" key={key} aria-pressed={current?.[0] === key} onClick={() => setSelected(key)}>
              {p.title ? `${p.title} · ` : ''}{p.partnerName}, {when(p.start)}
            </button>
          ))}
        </nav>
      )}
      {current ? (
        <SessionCard
          promptKey={current[0]}
          prompt={current[1]}
          entry={current[1].responseId ? outbox[current[1].responseId] : undefined}
          account={account}
          outbox={outbox}
        />
      ) : (
        <p class="muted">No session is waiting for your feedback.</p>
      )}
      <PairLoopLater account={account} outbox={outbox} />
      <History account={account} outbox={outbox} />
    </main>
  );
}

type LoopProps = { account: Account; outbox: Outbox };

/**
 * The checks, requests and joint summary (PairLoop.tsx), loaded after the
 * first paint: they are not what the popup opens for, and the popup's first
 * load has a 15 KB budget.
 */
function PairLoopLater(props: LoopProps) {
  const [Loop, setLoop] = useState<ComponentType<LoopProps>>();
  useEffect(() => {
    let live = true;
    void import('./PairLoop').then((module) => live && setLoop(() => module.PairLoop));
    return () => {
      live = false;
    };
  }, []);
  return Loop ? <Loop {...props} /> : null;
}

function browserOpenOptions() {
  return import('wxt/browser').then(({ browser }) => browser.runtime.openOptionsPage());
}

interface CardProps {
  promptKey: string;
  prompt: Prompt;
  entry: OutboxEntry | undefined;
  account: Account;
  outbox: Outbox;
}

function SessionCard({ promptKey, prompt, entry, account, outbox }: CardProps) {
  const [error, setError] = useState<string>();
  // A not-a-session answer is never shown here (the view drops that prompt), so the body is an Answer.
  const body = answerBody(entry);
  const answer = body && body.happened !== 'not_a_session' ? (body as Answer) : undefined;
  const send = async (next: SessionAnswer) => {
    const reply = await ask({ type: 'answer', key: promptKey, answer: next });
    setError(reply.ok ? undefined : reply.error);
  };
  const headingId = `q-${promptKey}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>How was your session with {prompt.partnerName}?</h2>
      <p class="muted">
        {prompt.title && <><span data-title>{prompt.title}</span> · </>}
        {when(prompt.start)}
      </p>
      <div class="row scale" role="group" aria-label="How valuable was this session for you? 1 to 5">
        {VALUE_LABELS.map((label, i) => (
          <button
            type="button"
            key={label}
            aria-pressed={answer?.value === i + 1}
            aria-label={`${i + 1} of 5: ${label}`}
            title={label}
            onClick={() => void send({ ...keepOptional(answer), happened: true, value: i + 1 })}
          >
            {i + 1}
          </button>
        ))}
      </div>
      <p class="muted" aria-hidden="true">1 = {VALUE_LABELS[0]}, 5 = {VALUE_LABELS[4]}</p>
      <div class="row">
        <button type="button" aria-pressed={answer?.happened === false} onClick={() => void send({ happened: false })}>
          It didn't happen
        </button>
        {prompt.state === 'open' && (
          <button type="button" onClick={() => void ask({ type: 'snooze', key: promptKey })}>
            {prompt.snoozedUntil ? 'Snoozed' : 'Ask me in an hour'}
          </button>
        )}
      </div>
      {!answer && (
        <div class="row">
          <button type="button" onClick={() => void send({ happened: 'not_a_session' })}>
            This wasn't a mentoring session
          </button>
          {prompt.recurring && (
            <button
              type="button"
              onClick={() => void ask({ type: 'ignore-series', seriesUid: prompt.seriesUid, title: prompt.title })}
            >
              Ignore this recurring meeting
            </button>
          )}
        </div>
      )}
      {answer?.happened && <FitQuestion account={account} prompt={prompt} outbox={outbox} />}
      {answer?.happened && <Chips answer={answer} partner={prompt.partnerName} onChange={send} />}
      {entry && <SendStatus entry={entry} />}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

/**
 * "Is this pairing working for you?", with the held session that was
 * answered while GET /me had the pair's fit question open (the person's
 * first held session): the background marks that prompt `fitOffered`.
 */
function FitQuestion({ account, prompt, outbox }: { account: Account; prompt: Prompt; outbox: Outbox }) {
  const [error, setError] = useState<string>();
  const pairId = prompt.pairId;
  const given = checkEntry(outbox, account.programme.id, { pairId, kind: 'fit' });
  const chosen = given?.body.kind === 'fit' ? given.body.fit : undefined;
  const open = prompt.fitOffered ?? account.pairs.find((pair) => pair.id === pairId)?.questions?.fit ?? false;
  if (!open) return null;
  const choose = async (fit: FitAnswer) => {
    const reply = await ask({ type: 'check', programmeId: account.programme.id, check: { kind: 'fit', pairId, fit } });
    setError(reply.ok ? undefined : reply.error);
  };
  return (
    <div>
      <div class="row" role="group" aria-label="Is this pairing working for you?">
        <span class="chip-label">Is this pairing working for you? <span class="muted">(optional, private)</span></span>
        {FIT_ANSWERS.map((fit) => (
          <button type="button" key={fit} aria-pressed={chosen === fit} onClick={() => void choose(fit)}>{FIT_LABELS[fit]}</button>
        ))}
      </div>
      <p class="muted">Only counted with others' answers; never shown as yours, and your partner is not told.</p>
      {given && given.state === 'failed' && <p class="status-failed" role="alert">Not saved: {given.failure?.message}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}

function keepOptional(answer: Answer | undefined): Omit<Answer, 'happened' | 'value'> {
  if (!answer?.happened) return {};
  const { happened: _h, value: _v, ...rest } = answer;
  return rest;
}

function Chips({ answer, partner, onChange }: { answer: Answer; partner: string; onChange: (a: Answer) => Promise<void> }) {
  const [helped, setHelped] = useState(answer.autonomy !== undefined);
  useEffect(() => setHelped((h) => h || answer.autonomy !== undefined), [answer.autonomy]);
  // Yes and No are both real answers (No feeds reciprocity and the guarded flag); pressing the
  // chosen one again takes the answer back.
  const choose = (field: 'learned' | 'openness', value: boolean) =>
    onChange({ ...answer, [field]: answer[field] === value ? undefined : value });
  // Autonomy is only for someone who got help, so un-pressing "I got help" withdraws it.
  const toggleHelped = async () => {
    setHelped(!helped);
    if (helped && answer.autonomy !== undefined) await onChange({ ...answer, autonomy: undefined });
  };
  const setAutonomy = (level: Autonomy) => onChange({ ...answer, autonomy: answer.autonomy === level ? undefined : level });
  const toggleTopic = (topic: Topic) => {
    const topics = new Set(answer.topics ?? []);
    if (topics.has(topic)) topics.delete(topic);
    else topics.add(topic);
    return onChange({ ...answer, topics: topics.size ? [...topics] : undefined });
  };
  return (
    <div>
      <h2>Anything else? <span class="muted">(optional)</span></h2>
      <YesNo label={`I learned something from ${partner}`} value={answer.learned} onChoose={(v) => void choose('learned', v)} />
      <YesNo label="I could speak openly" value={answer.openness} onChoose={(v) => void choose('openness', v)} />
      <div class="row">
        <button type="button" aria-pressed={helped} aria-expanded={helped} onClick={() => void toggleHelped()}>
          I got help
        </button>
      </div>
      {helped && (
        <div class="row" role="group" aria-label="How did the help go?">
          <span class="muted">The help:</span>
          {(Object.keys(AUTONOMY_LABELS) as Autonomy[]).map((level) => (
            <button type="button" key={level} aria-pressed={answer.autonomy === level} onClick={() => void setAutonomy(level)}>
              {AUTONOMY_LABELS[level]}
            </button>
          ))}
        </div>
      )}
      <h3 id="topics-label">Topics we talked about</h3>
      <div class="row" role="group" aria-labelledby="topics-label">
        {(Object.keys(TOPIC_LABELS) as Topic[]).map((topic) => (
          <button type="button" key={topic} aria-pressed={answer.topics?.includes(topic) ?? false} onClick={() => void toggleTopic(topic)}>
            {TOPIC_LABELS[topic]}
          </button>
        ))}
      </div>
    </div>
  );
}

function YesNo({ label, value, onChoose }: { label: string; value: boolean | undefined; onChoose: (value: boolean) => void }) {
  return (
    <div class="row" role="group" aria-label={label}>
      <span class="chip-label" aria-hidden="true">{label}</span>
      <button type="button" aria-pressed={value === true} onClick={() => onChoose(true)}>Yes</button>
      <button type="button" aria-pressed={value === false} onClick={() => onChoose(false)}>No</button>
    </div>
  );
}

function SendStatus({ entry }: { entry: OutboxEntry }) {
  if (entry.state === 'sent') return <p class="status-sent" role="status" data-status="sent">Sent ✓</p>;
  if (entry.state === 'failed') {
    return (
      <p class="status-failed" role="alert" data-status="failed">
        Not saved: {entry.failure?.message}
      </p>
    );
  }
  return (
    <p class="status-queued" role="status" data-status="queued">
      Queued: saved on this computer.{' '}
      {/* lastError is already plain words (api/plain-errors.ts): what happened and that the answer is kept. */}
      {entry.lastError ?? 'It will be sent when the server can be reached.'}{' '}
      <button type="button" onClick={() => void ask({ type: 'flush-outbox', now: true })}>Try again now</button>
    </p>
  );
}
