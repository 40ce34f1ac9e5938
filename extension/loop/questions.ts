// What the pair's loop asks and shows, as pure functions over the account
// (GET /me's fields) and the outbox, shared by the background and the popup.
import type { CheckBody, Outbox, OutboxEntry, RequestBody } from '../outbox/machine';
import type { Account, MemberPair } from '../state/store';
import type { OwnRequest } from '../../shared/contract/requests';

export interface DueCheck {
  pairId: string;
  partnerName: string;
  kind: 'milestone' | 'closing';
  /** The relationship check's day after the pair's start; null for the closing question. */
  milestone: number | null;
}

/** The relationship checks and closing questions GET /me says are due for the account's pairs. */
export function dueChecks(account: Account): DueCheck[] {
  return account.pairs.flatMap((pair) => {
    const name = pair.partner.displayName;
    const closing: DueCheck[] = pair.questions?.closing ? [{ pairId: pair.id, partnerName: name, kind: 'closing', milestone: null }] : [];
    const milestone = pair.questions?.milestone;
    const check: DueCheck[] = milestone ? [{ pairId: pair.id, partnerName: name, kind: 'milestone', milestone }] : [];
    return [...closing, ...check];
  });
}

export type CheckEntry = OutboxEntry & { kind: 'check'; body: CheckBody };

/** Whether any of the person's programmes has a check due (answered here or not). */
export function hasDueChecks(accounts: Record<string, Account>): boolean {
  return Object.values(accounts).some((account) => !account.accessLost && dueChecks(account).length > 0);
}

/** The checks due across the person's programmes that were not answered here yet (they count in the badge). */
export function waitingChecks(accounts: Record<string, Account>, outbox: Outbox): number {
  return Object.values(accounts)
    .filter((account) => !account.accessLost)
    .reduce((count, account) => count + dueChecks(account).filter((due) => !checkEntry(outbox, account.programme.id, due)).length, 0);
}

/** The outbox entry of one check (a pair's fit, one relationship check, or its closing), if answered here. */
export function checkEntry(
  outbox: Outbox,
  programmeId: string,
  check: { pairId: string; kind: CheckBody['kind']; milestone?: number | null },
): CheckEntry | undefined {
  return Object.values(outbox).find(
    (entry): entry is CheckEntry =>
      entry.kind === 'check' &&
      entry.programmeId === programmeId &&
      entry.body.pairId === check.pairId &&
      entry.body.kind === check.kind &&
      (entry.body.kind !== 'milestone' || entry.body.milestone === check.milestone),
  );
}

export interface RequestRow {
  id: string;
  kind: RequestBody['kind'];
  pairId: string | null;
  /** queued, sending and failed: still in this browser's outbox; open and handled: as the programme team left it. */
  status: 'queued' | 'failed' | 'open' | 'handled';
  at: string;
  failure?: string;
}

/**
 * The person's requests: what GET /me lists (or the Worker answered when it
 * took one), and those still in the outbox. A request the Worker has is shown
 * with its status there.
 */
export function requestRows(account: Account, outbox: Outbox): RequestRow[] {
  const known = new Map<string, OwnRequest>((account.requests ?? []).map((request) => [request.id, request]));
  const rows: RequestRow[] = [...known.values()].map((request) => ({
    id: request.id, kind: request.kind, pairId: request.pairId, status: request.status, at: request.createdAt,
  }));
  for (const entry of Object.values(outbox)) {
    if (entry.kind !== 'request' || entry.programmeId !== account.programme.id || known.has(entry.id)) continue;
    const status = entry.state === 'failed' ? 'failed' : entry.state === 'sent' ? 'open' : 'queued';
    rows.push({
      id: entry.id,
      kind: entry.body.kind,
      pairId: entry.body.pairId ?? null,
      status,
      at: entry.body.sentAt,
      ...(entry.failure ? { failure: entry.failure.message } : {}),
    });
  }
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * The pairs as GET /me described them, with a sharing change still in the
 * outbox applied on top: the Worker has not heard of it yet, and an opt-out
 * must keep the summary hidden however often GET /me is read meanwhile.
 */
export function withPendingSharing(pairs: MemberPair[], outbox: Outbox, programmeId: string): MemberPair[] {
  return pairs.map((pair) => {
    const pending = outbox[`sharing:${pair.id}`];
    if (pending?.kind !== 'sharing' || pending.programmeId !== programmeId || pending.state === 'sent') return pair;
    if (!pending.body.jointSummary) return { ...pair, jointSummary: 'off' };
    return pair.jointSummary === 'on' ? pair : { ...pair, jointSummary: 'waiting' };
  });
}
