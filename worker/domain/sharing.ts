// The pair's joint summary (README, "What the pair gets back"): each member
// opts in per pair; only when both have does either see the month's summary,
// built from both sides and identical for both, with a tip for each flag
// raised on the pair today (SECURITY.md, "The joint summary").
import type { JointSummary, SharingState } from '../../shared/contract/sharing';
import { isoDay, jointNumbers, monthOf, monthStart, nextMonthStart } from '../../shared/metrics';
import { FLAG_TIPS } from '../../shared/vocabulary';
import { pairFlagsToday } from '../analytics/dashboard';
import { readWindowRows } from '../analytics/reads';
import { D1Meter } from '../analytics/timing';
import { dashboardWindow } from '../analytics/window';
import type { PairRow } from '../storage/pairs';
import { readSharing, recordTipsShown, type SharingRow, upsertSharing } from '../storage/sharing';
import { ownPair } from './checks';

type State = SharingState['jointSummary'];

/** The participant as the caller of a pair's sharing routes. */
export interface Member {
  programmeId: string;
  participantId: string;
  /** Server time from which the caller's token may read answers (a re-issued invite); null = all. */
  readsFrom: string | null;
}

/**
 * off until the caller opts in; then waiting until the partner has too. The
 * caller never learns the partner's choice while their own is off.
 */
export function sharingState(rows: readonly SharingRow[], pair: { id: string; a_id: string; b_id: string }, me: string): State {
  const partner = pair.a_id === me ? pair.b_id : pair.a_id;
  const on = (id: string) => rows.some((r) => r.pair_id === pair.id && r.participant_id === id && r.joint_summary === 1);
  if (!on(me)) return 'off';
  return on(partner) ? 'on' : 'waiting';
}

async function stateOf(db: D1Database, pair: PairRow, me: string): Promise<State> {
  const { results } = await readSharing(db, pair.id).all<SharingRow>();
  return sharingState(results, pair, me);
}

/**
 * PUT /me/pairs/:pairId/sharing. The latest change wins; a changedAt ahead of
 * the server's clock counts as now, so that a skewed clock can never hold a
 * choice in place against a later opt-out.
 */
export async function setSharing(
  db: D1Database, member: Member, pairId: string, input: { jointSummary: boolean; changedAt?: string | undefined }, now = new Date(),
): Promise<{ jointSummary: State }> {
  const pair = await ownPair(db, member, pairId);
  const serverNow = now.toISOString();
  const changedAt = input.changedAt === undefined || input.changedAt > serverNow ? serverNow : input.changedAt;
  await upsertSharing(db, pair.id, member.participantId, input.jointSummary, changedAt).run();
  return { jointSummary: await stateOf(db, pair, member.participantId) };
}

/**
 * GET /me/pairs/:pairId/summary. Off or waiting carry nothing. A token from a
 * re-issued invite reads only sessions that started after it was issued, and
 * gets tips only once the flags' window lies wholly after that (SECURITY.md).
 */
export async function jointSummary(db: D1Database, member: Member, pairId: string, month: string | undefined, now = new Date()): Promise<JointSummary> {
  const pair = await ownPair(db, member, pairId);
  const state = await stateOf(db, pair, member.participantId);
  if (state !== 'on') return { jointSummary: state };
  const shown = month ?? monthOf(now.getTime());
  const readsFrom = member.readsFrom === null ? -Infinity : Date.parse(member.readsFrom);
  const from = Math.max(monthStart(shown), readsFrom);
  const { sessions } = await readWindowRows(
    db, new D1Meter(), { programmeId: pair.programme_id, pairId: pair.id }, { from, to: nextMonthStart(shown) }, null,
  );
  const window = dashboardWindow({}, now);
  const flags = readsFrom <= window.from ? await pairFlagsToday(db, pair.programme_id, pair.id, window) : [];
  if (flags.length > 0) await recordTipsShown(db, pair.id, flags, isoDay(now.getTime())).run();
  return {
    jointSummary: 'on',
    month: shown,
    ...jointNumbers(sessions),
    tips: flags.map((flag) => ({ flag, text: FLAG_TIPS[flag] })),
  };
}
