// Date range and as-of pickers. Days are UTC; the range's last day is included.
import { useState } from 'preact/hooks';
import type { WindowQuery } from '../api';
import { dayAfter, dayStart } from '../figures';

export interface WindowDays {
  from: string;
  to: string;
  asOf: string;
}

/** The days as the API's instants; an empty day lets the Worker choose its default. */
export function windowQuery(days: WindowDays): WindowQuery {
  return {
    from: days.from ? dayStart(days.from) : undefined,
    to: days.to ? dayAfter(days.to) : undefined,
    // "as of" a day means at the end of that day
    asOf: days.asOf ? new Date(Date.parse(dayAfter(days.asOf)) - 1).toISOString() : undefined,
  };
}

export function WindowPicker(props: { value: WindowDays; onChange: (days: WindowDays) => void; hint?: string }) {
  const [draft, setDraft] = useState(props.value);
  const invalid = draft.from && draft.to && draft.from > draft.to;
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
      {invalid ? <p class="error-text">“From” must not be after “To”.</p> : props.hint && <p class="muted hint">{props.hint}</p>}
    </form>
  );
}
