// Shows exactly what leaves the browser, built from the next real request when there is one.
import { useStored } from './stored';

const ANSWER_FIELDS = [
  ['pairId', 'which of your pairs the session belongs to'],
  ['eventKey', "the meeting's calendar id and its originally planned start"],
  ['start, end', 'when the session started and ended'],
  ['happened', "whether it took place, or that it wasn't a mentoring session"],
  ['value', 'your 1–5 rating'],
  ['learned, openness, autonomy, topics', 'only the optional chips you click'],
  ['answeredAt', 'when you answered, so an old retry never overwrites a newer answer'],
] as const;

/** `workerUrl`: the programme's server, whose privacy policy page is linked once the person has joined. */
export function WhatWeSend({ workerUrl }: { workerUrl?: string | undefined }) {
  const prompts = useStored('prompts');
  const example = prompts && Object.values(prompts)[0];
  return (
    <section aria-labelledby="what-we-send">
      <h2 id="what-we-send">What we send</h2>
      <p>After a mentoring session, only these fields leave your browser, and only to your programme's server:</p>
      <table>
        <tbody>
          {ANSWER_FIELDS.map(([field, why]) => (
            <tr key={field}><th scope="row"><code>{field}</code></th><td>{why}</td></tr>
          ))}
        </tbody>
      </table>
      <p>Only when you choose them, and only to your programme's server:</p>
      <ul data-loop-fields>
        <li>your answers to "Is this pairing working for you?", the relationship check and the closing question: private, counted only together with others' answers;</li>
        <li>a request for a new partner, or to be contacted, with the message and urgency you give: your programme team sees your name, your partner is not told;</li>
        <li>whether you share a joint summary with your partner;</li>
        <li>for a session Twoway did not ask you about (your programme's weekly limit, or "every other session"), that it took place, with the same pairId, eventKey, start and end, and <code>asked: false</code>.</li>
      </ul>
      <p>
        Never sent: meeting titles, descriptions, locations, other attendees, or any other event in your calendar.
        Your calendar is read inside the browser.
      </p>
      {workerUrl && (
        <p>
          <a href={`${workerUrl}/privacy.html`} target="_blank" rel="noreferrer">Your programme's privacy policy</a>: who can
          see what, and how to have your data erased.
        </p>
      )}
      {example && (
        <details>
          <summary>Example from your calendar</summary>
          <pre>{JSON.stringify({ pairId: example.pairId, eventKey: example.eventKey, start: example.start, end: example.end }, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
