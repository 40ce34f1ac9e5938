// The demo's joint summary and closing answers, its share of "What the pair gets back" (README): one pair at risk
// whose two members have both opted in to the joint summary, so each sees it
// with a tip for the pair's flag (and the coordinator's pair view says the tip
// was shown); and three pairs that ended in one quarter of the last completed
// year with their closing answers, so the sponsor's culture view shows closing
// figures under the k rules. And one pair for trying the extension: its
// partner has opted in, and its other member's invite is left for you to join
// with, so opting in on the options page shows the summary with the pair's tip.
// Staged through the public API, like the rest of the demo.
import { CLOSING_CHANGES, type ClosingAgain, type ClosingChange } from '../../shared/vocabulary';
import { redeemInvite, type SignIn } from './demo-sign-in';
import { callApi, type ApiTarget } from './twoway-client';
import type { LoadedProgramme, SyntheticProgramme } from './synthetic-programme';

export interface DemoSharing {
  pairId: string;
  /** Both members, each with the participant token the demo signed them in with. */
  members: { displayName: string; participantToken: string }[];
}

/** A member whose invite the demo leaves unused, whose partner shares the joint summary. */
export interface DemoInvitation {
  pairId: string;
  displayName: string;
  inviteCode: string;
  partner: string;
}

export interface DemoLoop {
  sharing: DemoSharing | null;
  invitation?: DemoInvitation | null;
  /** The period the closing answers belong to. */
  closing: { period: string; pairs: number };
}


/** Both members of the demo's lapsed pair opt in; one of them reads the summary, so its tip is shown. */
async function stageSharing(
  target: ApiTarget, loaded: LoadedProgramme, programme: SyntheticProgramme, signIn: SignIn,
): Promise<DemoSharing | null> {
  const pair = programme.pairs.find((p) => p.pattern === 'lapsed');
  if (!pair) return null;
  const pairId = loaded.pairIds[pair.index]!;
  const members = [];
  for (const email of [pair.a, pair.b]) {
    const participantToken = await signIn(email);
    await callApi(target, participantToken, 'PUT', `/me/pairs/${pairId}/sharing`, { jointSummary: true });
    members.push({ displayName: programme.participants.find((p) => p.email === email)!.displayName, participantToken });
  }
  await callApi(target, members[0]!.participantToken, 'GET', `/me/pairs/${pairId}/summary`);
  return { pairId, members };
}

/** The one-sided pair's second member opts in; the first member's invite stays unused, for the extension. */
async function stageInvitation(
  target: ApiTarget, loaded: LoadedProgramme, programme: SyntheticProgramme, signIn: SignIn,
): Promise<DemoInvitation | null> {
  const pair = programme.pairs.find((p) => p.pattern === 'one_sided' && !p.endsOn);
  if (!pair) return null;
  const pairId = loaded.pairIds[pair.index]!;
  await callApi(target, await signIn(pair.b), 'PUT', `/me/pairs/${pairId}/sharing`, { jointSummary: true });
  const nameOf = (email: string) => programme.participants.find((p) => p.email === email)!.displayName;
  return { pairId, displayName: nameOf(pair.a), inviteCode: loaded.participants[pair.a]!.inviteCode, partner: nameOf(pair.b) };
}

/** The third quarter of the latest year that is completed (8 days after its end) on `today`. */
function closingQuarter(today: number): { year: number; label: string } {
  const year = new Date(today - 8 * 86_400_000).getUTCFullYear() - 1;
  return { year, label: `${year}-Q3` };
}

const CLOSERS: { again: [ClosingAgain, ClosingAgain]; changed: [ClosingChange[], ClosingChange[]]; endsOn: string }[] = [
  { again: ['yes', 'yes'], changed: [['more_confident', 'new_perspective'], ['new_skills']], endsOn: '07-24' },
  { again: ['yes', 'maybe'], changed: [['new_network'], ['new_skills', 'more_confident']], endsOn: '08-14' },
  { again: ['no', 'yes'], changed: [[], ['new_perspective']], endsOn: '09-18' },
];

/**
 * Three pairs of new people that ran from February to the third quarter of the
 * last completed year, with monthly sessions, then each member's closing answer.
 */
async function stageClosing(target: ApiTarget, loaded: LoadedProgramme, programme: SyntheticProgramme, today: number): Promise<DemoLoop['closing']> {
  const { year, label } = closingQuarter(today);
  const functions = [...new Set(programme.participants.map((p) => p.function))];
  const regions = [...new Set(programme.participants.map((p) => p.region))];
  const domain = programme.participants[0]?.email.split('@')[1] ?? 'demo.twoway.example';
  const people = CLOSERS.flatMap((_, i) => ['Closing', 'Ending'].map((family, side) => ({
    displayName: `${['Ines', 'Jon', 'Kemal', 'Lea', 'Milo', 'Nora'][2 * i + side]} ${family}`,
    email: `closing-${i + 1}${side === 0 ? 'a' : 'b'}@${domain}`,
    function: functions[(i + side) % functions.length] ?? '',
    region: regions[i % regions.length] ?? '',
    generation: side === 0 ? 'Gen Z' : 'Gen X',
  })));
  const { coordinatorToken: token, programmeId: pid } = loaded;
  const added = await callApi<{ participants: { id: string; inviteCode: string }[] }>(target, token, 'POST', `/programmes/${pid}/participants`, { participants: people });
  const lines: string[] = [];
  const pairs: { id: string; members: { id: string; inviteCode: string }[] }[] = [];
  for (const [i, closer] of CLOSERS.entries()) {
    const members = [added.participants[2 * i]!, added.participants[2 * i + 1]!];
    const endsOn = `${year}-${closer.endsOn}`;
    const created = await callApi<{ id: string }>(target, token, 'POST', `/programmes/${pid}/pairs`, {
      a: members[0]!.id, b: members[1]!.id, mentorId: members[0]!.id, cohort: `${year}-H1`, startsOn: `${year}-02-03`, endsOn, cadenceDays: 28,
    });
    pairs.push({ id: created.id, members });
    for (let month = 2; `${year}-${String(month).padStart(2, '0')}-10` < endsOn; month++) {
      const day = `${year}-${String(month).padStart(2, '0')}-10`;
      lines.push(JSON.stringify({
        pairId: created.id, eventKey: `closing-demo-${i}/${day}`, start: `${day}T09:00:00.000Z`, end: `${day}T10:00:00.000Z`,
        responses: members.map((m) => ({ participantId: m.id, happened: true, value: 4, learned: true, openness: true, topics: ['career'] })),
      }));
    }
  }
  await callApi(target, token, 'POST', `/programmes/${pid}/history`, lines.join('\n'), 'application/x-ndjson');
  for (const [i, closer] of CLOSERS.entries()) {
    for (const [side, member] of pairs[i]!.members.entries()) {
      const participantToken = await redeemInvite(target, member.inviteCode);
      const changed = CLOSING_CHANGES.filter((c) => closer.changed[side]!.includes(c));
      await callApi(target, participantToken, 'PUT', `/me/checks/${crypto.randomUUID()}`, { kind: 'closing', pairId: pairs[i]!.id, again: closer.again[side], changed });
    }
  }
  return { period: label, pairs: CLOSERS.length };
}

export async function stageLoop(
  target: ApiTarget, loaded: LoadedProgramme, programme: SyntheticProgramme, signIn: SignIn, today = Date.now(),
): Promise<DemoLoop> {
  return {
    sharing: await stageSharing(target, loaded, programme, signIn),
    invitation: await stageInvitation(target, loaded, programme, signIn),
    closing: await stageClosing(target, loaded, programme, today),
  };
}

/** The lines `npm start` prints about it; `origin` is the server's, for the invite link. */
export function describeLoop(loop: DemoLoop | undefined, origin: string): string[] {
  if (!loop) return [];
  const lines: string[] = [];
  if (loop.invitation) {
    const { displayName, inviteCode, partner } = loop.invitation;
    lines.push(
      `  try the extension join as ${displayName}: ${origin}/join#${inviteCode}`,
      `                   ${partner} shares a joint summary; opt in on the options page to see it, with the pair's tip`,
    );
  }
  if (loop.sharing) {
    lines.push(`  joint summary    pair ${loop.sharing.pairId}: ${loop.sharing.members.map((m) => m.displayName).join(' & ')} have both opted in`);
    for (const m of loop.sharing.members) lines.push(`    ${m.displayName.padEnd(20)} participant token ${m.participantToken}`);
  }
  lines.push(`  closing answers  ${loop.closing.pairs} pairs ended in ${loop.closing.period} with their closing answers (sponsor view)`);
  return lines;
}
