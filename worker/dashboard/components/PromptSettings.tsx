// The coordinator's prompt cap: at most N prompts per pair per week, blank for
// every session. Extensions read it with GET /me; sessions not asked about are
// still reported and never count against a pair (shared/metrics/README.md, "Not asked").
import { useState } from 'preact/hooks';
import type { Api, ApiError } from '../api';
import type { Programme } from '../../../shared/contract';
import { useRemote } from '../remote';
import { ErrorNote, Loaded } from './States';

export function PromptSettings(props: { api: Api }) {
  const [remote, reload] = useRemote(() => props.api.programme(), [props.api]);
  return (
    <section class="card" aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">Prompts</h2>
      <Loaded remote={remote} what="the programme's settings" retry={reload}>
        {(programme) => <PromptCapForm api={props.api} programme={programme} />}
      </Loaded>
    </section>
  );
}

const shown = (cap: number | null) => (cap === null ? '' : String(cap));

function PromptCapForm(props: { api: Api; programme: Programme }) {
  const [saved, setSaved] = useState(props.programme.maxPromptsPerPairPerWeek);
  const [value, setValue] = useState(shown(saved));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const cap = value.trim() === '' ? null : Number(value);
      const programme = await props.api.updateProgramme({ maxPromptsPerPairPerWeek: cap });
      setSaved(programme.maxPromptsPerPairPerWeek);
      setValue(shown(programme.maxPromptsPerPairPerWeek));
      setDone(true);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack prompt-cap" onSubmit={(event) => void submit(event)}>
      <label>
        At most N prompts per pair per week (blank: every session)
        <input name="maxPromptsPerPairPerWeek" type="number" min={1} max={14} step={1} inputMode="numeric" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      </label>
      <p class="muted">
        Sessions a member is not asked about are still recorded as held, never as missed, and never lower the response rate.
      </p>
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
      {done && <p role="status">{saved === null ? 'Members are asked about every session.' : `At most ${saved} prompt${saved === 1 ? '' : 's'} per pair per week.`}</p>}
      {error && <ErrorNote error={error} />}
    </form>
  );
}
