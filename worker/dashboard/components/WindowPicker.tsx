// Date range and as-of pickers. Days are UTC; the range's last day is included.
import { useState } from 'preact/hooks';
import type { WindowQuery } from '../api';
import { dayAfter, dayStart } from '../figures';

export interface WindowDays {
  from: string;
  to: string;
  asOf: string;
}

/**
 * The days as the API's whole-day instants (midnight UTC); an empty day lets
 * the Worker choose its default. "As of" a day means at the end of that day,
 * which is the next midnight; today is not complete yet, so it is left to the
 * Worker's default (the start of today).
 */
export function windowQuery(days: WindowDays, today = new Date().toISOString().slice(0, 10)): WindowQuery {
  return {
    from: days.from ? dayStart(days.from) : undefined,
    to: days.to ? dayAfter(days.to) : undefined,
    asOf: days.asOf && days.asOf < today ? dayAfter(days.asOf) : undefined,
  };
}

/** Whole days from `from` to `to`, both included. */
const spanDays = (from: string, to: string) => (Date.parse(dayAfter(to)) - Date.parse(dayStart(from))) / 86_400_000;

export function WindowPicker(props: {
  value: WindowDays;
  onChange: (days: WindowDays) => void;
  hint?: string;
  /** Pair windows: at least this many days, and at most `maxDays`, when both ends are chosen. */
  minDays?: number;
  maxDays?: number;
}) {
  const [draft, setDraft] = useState(props.value);
  const reversed = Boolean(draft.from && draft.to && draft.from > draft.to);
  const span = draft.from && draft.to && !reversed ? spanDays(draft.from, draft.to) : null;
  const tooShort = span !== null && props.minDays !== undefined && span < props.minDays;
  const tooLong = span !== null && props.maxDays !== undefined && span > props.maxDays;
  const invalid = reversed || tooShort || tooLong;
  const problem = reversed
    ? '“From” must not be after “To”.'
    : tooShort
      ? `Choose at least ${props.minDays} days: shorter windows could single out one session’s answers.`
      : tooLong
        ? `Choose at most ${props.maxDays} days.`
        : null;
  return (
    <form
      class="window-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) props.onChange(draft);
      }}
    >
      <label>
        From <input type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
      </label>
      <label>
        To <input type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
      </label>
      <label>
        As of <input type="date" value={draft.asOf} onInput={(e) => setDraft({ ...draft, asOf: e.currentTarget.value })} />
      </label>
      <button type="submit" disabled={Boolean(invalid)}>
        Apply
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          const none = { from: '', to: '', asOf: '' };
          setDraft(none);
          props.onChange(none);
        }}
      >
        Default
      </button>
      {problem ? <p class="error-text">{problem}</p> : props.hint && <p class="muted hint">{props.hint}</p>}
    </form>
  );
}
