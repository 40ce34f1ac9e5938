// The pair's joint summary in the popup (extension/README.md, "The joint
// summary"): shown only when both members opted in, built from both sides, and
// never saying who answered what. Opting out (options page) hides it at once:
// the account's state turns 'off' before the Worker hears of it.
import { useEffect, useState } from 'preact/hooks';
import { TOPIC_LABELS, type Topic } from '../../shared/vocabulary';
import { readJointSummary, type JointSummaryAnswer } from '../api/pair-loop';
import type { Account, MemberPair } from '../state/store';

type On = Extract<JointSummaryAnswer, { jointSummary: 'on' }>;

/** "a", "a and b", "a, b and c". */
function listed(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

/** The summary's sentences, in the order the view shows them. */
export function summarySentences(summary: On): string[] {
  const sentences = [summary.met > 0 ? `You met ${times(summary.met)} this month.` : "You haven't met this month yet."];
  if (summary.bothLearned.of > 0) {
    sentences.push(`Both of you learned something in ${summary.bothLearned.sessions} of ${summary.bothLearned.of} sessions.`);
  }
  if (summary.topics.length > 0) {
    sentences.push(`You've covered ${listed(summary.topics.map((topic: Topic) => TOPIC_LABELS[topic].toLowerCase()))}.`);
  }
  return sentences;
}

export function JointSummaryView({ account, pair }: { account: Account; pair: MemberPair }) {
  const state = pair.jointSummary ?? 'off';
  const [summary, setSummary] = useState<JointSummaryAnswer>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (state !== 'on') return;
    let live = true;
    readJointSummary(account, pair.id)
      .then((answer) => live && setSummary(answer))
      .catch(async (error: unknown) => {
        const { serverProblem } = await import('../api/plain-errors');
        if (live) setProblem(serverProblem(error, new URL(account.workerUrl).origin, 'other'));
      });
    return () => {
      live = false;
    };
  }, [state, account.workerUrl, account.token, pair.id]);
  if (state === 'off') return null;
  const headingId = `summary-${pair.id}`;
  return (
    <section aria-labelledby={headingId} data-joint-summary={pair.id}>
      <h2 id={headingId}>You and {pair.partner.displayName} this month</h2>
      {state === 'waiting' && <p class="muted">{pair.partner.displayName} hasn't chosen to share a joint summary yet.</p>}
      {state === 'on' && problem && <p class="muted" role="status">{problem}</p>}
      {state === 'on' && !problem && !summary && <p class="muted">Loading…</p>}
      {state === 'on' && summary?.jointSummary === 'on' && (
        <>
          {summarySentences(summary).map((sentence) => <p key={sentence}>{sentence}</p>)}
          {summary.tips.length > 0 && (
            <>
              <h3>A tip for you both</h3>
              <ul>{summary.tips.map((tip) => <li key={tip.flag} data-tip={tip.flag}>{tip.text}</li>)}</ul>
            </>
          )}
        </>
      )}
      {state === 'on' && summary && summary.jointSummary !== 'on' && (
        <p class="muted">{pair.partner.displayName} no longer shares a joint summary.</p>
      )}
    </section>
  );
}
