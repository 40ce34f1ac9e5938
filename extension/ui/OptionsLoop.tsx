// The options page's part of the pair's loop (extension/README.md, "Fewer
// prompts" and "The joint summary"): the person's own prompt pacing, and the
// per-pair choice to share a joint summary with their partner.
import { useState } from 'preact/hooks';
import { update, type Account, type Pacing } from '../state/store';
import { ask } from './stored';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function PromptPacing({ pacing, cap }: { pacing: Pacing | undefined; cap: number | null | undefined }) {
  const [everyOther, setEveryOther] = useState(pacing?.everyOther ?? false);
  const [quiet, setQuiet] = useState(pacing?.quietHours !== null && pacing?.quietHours !== undefined);
  const [start, setStart] = useState(pacing?.quietHours?.start ?? 20);
  const [end, setEnd] = useState(pacing?.quietHours?.end ?? 8);
  const [saved, setSaved] = useState(false);
  const save = async (event: Event) => {
    event.preventDefault();
    const next: Pacing = { everyOther, quietHours: quiet && start !== end ? { start, end } : null };
    await update('settings', (settings) => ({ ...settings, pacing: next }));
    setSaved(true);
  };
  return (
    <section aria-labelledby="pacing">
      <h2 id="pacing">Fewer prompts</h2>
      {cap !== null && cap !== undefined && (
        <p class="muted" data-cap>Your programme asks about at most {cap} session{cap === 1 ? '' : 's'} per partner each week.</p>
      )}
      <form onSubmit={(e) => void save(e)}>
        <label>
          <input type="checkbox" checked={everyOther} onChange={(e) => setEveryOther(e.currentTarget.checked)} /> Ask me about every
          other session
        </label>
        <label>
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} /> Quiet hours: no prompts
          between
        </label>
        <div class="row">
          <select aria-label="Quiet hours start" value={start} disabled={!quiet} onChange={(e) => setStart(Number(e.currentTarget.value))}>
            {HOURS.map((hour) => <option key={hour} value={hour}>{hourText(hour)}</option>)}
          </select>
          <span>and</span>
          <select aria-label="Quiet hours end" value={end} disabled={!quiet} onChange={(e) => setEnd(Number(e.currentTarget.value))}>
            {HOURS.map((hour) => <option key={hour} value={hour}>{hourText(hour)}</option>)}
          </select>
        </div>
        <p class="muted">
          A session that ends in your quiet hours is asked about when they end. Sessions you are not asked about still count as
          held for your pair; they never count as missed.
        </p>
        <p><button class="primary" type="submit">Save</button></p>
      </form>
      {saved && <p role="status">Saved.</p>}
    </section>
  );
}

export function SharingChoices({ account }: { account: Account }) {
  const [error, setError] = useState<string>();
  const choose = async (pairId: string, on: boolean) => {
    const reply = await ask({ type: 'sharing', programmeId: account.programme.id, pairId, jointSummary: on });
    setError(reply.ok ? undefined : reply.error);
  };
  return (
    <section aria-labelledby="sharing">
      <h2 id="sharing">Joint summary</h2>
      <p class="muted">
        When you and your partner both choose it, each of you sees a monthly summary built from both your answers, such as how
        often you met and the topics you covered, and a tip when something could go better. It never says who answered what.
      </p>
      {account.pairs.map((pair) => (
        <div key={pair.id}>
          <label>
            <input
              type="checkbox"
              data-sharing={pair.id}
              checked={pair.jointSummary === 'on' || pair.jointSummary === 'waiting'}
              onChange={(e) => void choose(pair.id, e.currentTarget.checked)}
            />{' '}
            Share a joint summary with {pair.partner.displayName}
          </label>
          {pair.jointSummary === 'waiting' && <p class="muted">{pair.partner.displayName} hasn't chosen it yet.</p>}
          {pair.jointSummary === 'on' && <p class="muted">You both share it: see it in Twoway's popup.</p>}
        </div>
      ))}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
