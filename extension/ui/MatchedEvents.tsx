// The options page's list of meetings that matched in the last 14 days, the
// rule that matched each, and the recurring series the person ignores.
import type { MatchLogEntry } from '../state/store';
import type { Prompt } from '../prompts/rules';
import { MATCH_LOG_DAYS } from '../sessions/match-log';
import { when } from './labels';
import { ask, useStored } from './stored';

export function ruleText(entry: Pick<MatchLogEntry, 'rule' | 'keyword' | 'partnerName'>): string {
  return entry.rule === 'partner_attendee'
    ? `${entry.partnerName} is invited`
    : `nobody else is invited and the title has “${entry.keyword ?? ''}”`;
}

function statusText(prompt: Prompt | undefined): string {
  if (!prompt) return 'not asked';
  if (prompt.notASession) return 'not a mentoring session';
  if (prompt.state === 'not_asked') return prompt.selection === 'cap' ? "not asked (your programme's weekly limit)" : 'not asked (every other session)';
  return { upcoming: 'will ask', open: 'waiting for you', answered: 'answered', expired: 'expired' }[prompt.state];
}

export function MatchedEvents() {
  const log = useStored('matchLog');
  const prompts = useStored('prompts');
  const ignored = useStored('ignoredSeries');
  if (!log || !prompts || !ignored) return null;
  const since = Date.now() - MATCH_LOG_DAYS * 86_400_000;
  const rows = Object.entries(log)
    .filter(([, entry]) => Date.parse(entry.start) >= since)
    .sort(([, x], [, y]) => y.start.localeCompare(x.start));
  return (
    <section aria-labelledby="matched">
      <h2 id="matched">Meetings counted as sessions (last {MATCH_LOG_DAYS} days)</h2>
      <p class="muted">Titles are shown here only; they never leave this browser.</p>
      {rows.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <table data-matches>
          <thead>
            <tr><th scope="col">When</th><th scope="col">Meeting</th><th scope="col">Why</th><th scope="col">Status</th><th scope="col" /></tr>
          </thead>
          <tbody>
            {rows.map(([key, entry]) => (
              <tr key={key} data-match={entry.rule}>
                <td>{when(entry.start)}</td>
                <td>{entry.title || '(no title)'}</td>
                <td>{ruleText(entry)}</td>
                <td>{statusText(prompts[key])}</td>
                <td>
                  {entry.recurring && (
                    <button type="button" onClick={() => void ask({ type: 'ignore-series', seriesUid: entry.seriesUid, title: entry.title })}>
                      Ignore this series
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {Object.keys(ignored).length > 0 && (
        <>
          <h3>Recurring meetings you ignore</h3>
          <ul data-ignored>
            {Object.entries(ignored).map(([uid, series]) => (
              <li key={uid}>
                {series.title || '(no title)'}{' '}
                <button type="button" onClick={() => void ask({ type: 'unignore-series', seriesUid: uid })}>Stop ignoring</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
