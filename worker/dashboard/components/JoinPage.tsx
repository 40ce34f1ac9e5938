// Where an invite link lands if someone opens it in the browser instead of the
// extension: how to get the extension, and the link to paste into it. The whole
// link is offered for copying, since it also tells the extension which server to use.
import { CopyButton } from './CopyButton';

const STORES = [
  ['Chrome, Edge and other Chromium browsers', 'https://chromewebstore.google.com/search/Twoway'],
  ['Firefox', 'https://addons.mozilla.org/firefox/search/?q=Twoway'],
] as const;

export function JoinPage(props: { code: string; link?: string }) {
  const link = props.link ?? location.href;
  return (
    <main class="sign-in card join">
      <h1>Join Twoway</h1>
      {props.code ? (
        <>
          <p>Your invite link:</p>
          <p class="invite">
            <code class="invite-link">{link}</code> <CopyButton text={link} label="invite link" />
          </p>
        </>
      ) : (
        <p class="error" role="alert">This link has no invite code in it. Ask your programme coordinator for a new one.</p>
      )}
      <ol class="steps">
        <li>
          Install the Twoway browser extension:{' '}
          {STORES.map(([browser, url], i) => (
            <span key={url}>
              {i > 0 && ' or '}
              <a href={url} target="_blank" rel="noreferrer">{browser}</a>
            </span>
          ))}
          . If your organisation provides its own copy, use that one.
        </li>
        <li>Click the Twoway icon in the toolbar and choose <strong>Open options</strong>.</li>
        <li>Paste the invite link under <strong>Join your mentoring programme</strong> and choose <strong>Join</strong>.</li>
        <li>Connect your calendar, so Twoway can ask you about each session with your partner right after it ends.</li>
      </ol>
      <p class="muted">
        The link works once. If it has been used already, ask your programme coordinator for a new one.{' '}
        <a href="/privacy.html">Who can see your answers</a>.
      </p>
    </main>
  );
}
