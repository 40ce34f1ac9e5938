// What the demo's members have sent back about their pairings (README, "What
// the pair gets back"): fit answers from both members of every pair, so the
// cohort fit rate shows in more than one cohort under the demo's k, one
// request for a new partner, and an urgent and a non-urgent request to be
// contacted, so the coordinator's Requests view has work on first start.
// Sent through the public API with each member's own token, as their extension would.
import type { FitAnswer } from '../../shared/vocabulary';
import type { SyntheticPair, SyntheticProgramme } from './synthetic-programme';
import { callApi, type ApiTarget, type ProgrammeIds } from './twoway-client';

const DAY_MS = 86_400_000;

/** How each story's members feel about the pairing: the first member's answer, then the second's (a silent pair answers nothing). */
const FIT_BY_PATTERN: Record<SyntheticPair['pattern'], [FitAnswer, FitAnswer] | null> = {
  silent: null,
  healthy: ['working', 'working'],
  lapsed: ['not_sure', 'working'],
  one_sided: ['working', 'not_sure'],
  helpline: ['working', 'not_working'],
  guarded: ['not_sure', 'not_sure'],
  diverging: ['working', 'not_sure'],
};

/** Given three weeks into the pair (or on its last day), never ahead of now. */
function answeredAt(pair: SyntheticPair, today: number): string {
  const threeWeeks = Date.parse(pair.startsOn) + 21 * DAY_MS + 12 * 3_600_000;
  const last = pair.endsOn ? Date.parse(pair.endsOn) + 12 * 3_600_000 : today;
  return new Date(Math.min(threeWeeks, last, today)).toISOString();
}

export async function loadPairLoop(target: ApiTarget, loaded: ProgrammeIds, programme: SyntheticProgramme, today = Date.now()) {
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string) => {
    const known = tokens.get(email);
    if (known) return known;
    const code = loaded.participants[email.toLowerCase()]?.inviteCode;
    const { participantToken } = await callApi<{ participantToken: string }>(target, undefined, 'POST', '/invites/redeem', { code });
    tokens.set(email, participantToken);
    return participantToken;
  };
  const send = async (email: string, path: string, body: unknown) => callApi(target, await tokenOf(email), 'PUT', `${path}/${crypto.randomUUID()}`, body);

  for (const [index, pair] of programme.pairs.entries()) {
    const pairId = loaded.pairIds[index]!;
    const fit = FIT_BY_PATTERN[pair.pattern];
    if (!fit) continue;
    const [first, second] = fit;
    const at = answeredAt(pair, today);
    await send(pair.a, '/me/checks', { kind: 'fit', pairId, fit: first, answeredAt: at });
    await send(pair.b, '/me/checks', { kind: 'fit', pairId, fit: second, answeredAt: at });
  }
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
