// Where an invite link lands if someone opens it in the browser instead of the extension.
export function JoinPage(props: { code: string }) {
  return (
    <main class="sign-in card">
      <h1>Join Twoway</h1>
      <p>Open the Twoway browser extension and paste this invite link or code:</p>
      <p>
        <code>{props.code || '(the code is missing from this link)'}</code>
      </p>
      <p class="muted">The code works once. If it has been used already, ask your programme coordinator for a new link.</p>
    </main>
  );
}
