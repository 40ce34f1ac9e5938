// The demo's requests to the programme team (README, "What the pair gets
// back"): one request for a new partner, and an urgent and a non-urgent request
// to be contacted, so the coordinator's Requests view has work on first start.
// Sent through the public API with each sender's own token, as their extension would.
import type { SignIn } from './demo-sign-in';
import type { SyntheticPair, SyntheticProgramme } from './synthetic-programme';
import { callApi, type ApiTarget, type ProgrammeIds } from './twoway-client';

/** Sends the demo's requests, each with its sender's own token. */
export async function sendDemoRequests(
  target: ApiTarget, loaded: ProgrammeIds, programme: SyntheticProgramme, signIn: SignIn, today = Date.now(),
): Promise<void> {
  const send = async (email: string, path: string, body: unknown) => callApi(target, await signIn(email), 'PUT', `${path}/${crypto.randomUUID()}`, body);

  const running = (pattern: SyntheticPair['pattern']) => {
    const index = programme.pairs.findIndex((p) => p.pattern === pattern && !p.endsOn);
    return { pair: programme.pairs[index]!, pairId: loaded.pairIds[index]! };
  };
  const hoursAgo = (h: number) => new Date(today - h * 3_600_000).toISOString();
  const helpline = running('helpline');
  await send(helpline.pair.b, '/me/requests', {
    kind: 'rematch', pairId: helpline.pairId, sentAt: hoursAgo(50),
    message: 'Our sessions have turned into me answering questions; I would like a partner I can learn from too.',
  });
  const lapsed = running('lapsed');
  await send(lapsed.pair.a, '/me/requests', {
    kind: 'contact', pairId: lapsed.pairId, urgency: 'urgent', sentAt: hoursAgo(5),
    message: 'We have not met for weeks and I do not know how to raise it. Could someone call me?',
  });
  await send(running('guarded').pair.b, '/me/requests', {
    kind: 'contact', urgency: 'whenever', sentAt: hoursAgo(30), message: 'Is there a reading list for the programme?',
  });
}
