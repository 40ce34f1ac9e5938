// Creating mentoring pairs between two participants of one programme.
import type { NewPair } from '../../shared/schemas';
import type { PairRow as PairRowView, UpdatePair } from '../../shared/contract/pairs';
import { drainQueue } from '../analytics/snapshots';
import { newId } from '../auth/crypto';
import { findMemberIds } from '../storage/participants';
import {
  findProgrammePairWithNames, insertPairs, listPairsOfMembers, listPairsWithNames, updatePairTerms, type PairRow, type PairWithNames,
} from '../storage/pairs';
import { enqueuePairs, invalidateAllCulture } from '../storage/snapshots';
import { invalid, notFound } from './errors';

export const DEFAULT_CADENCE_DAYS = 14;

/** A new pair shows in the default window and in every culture period from its start. */
export function newPairTouches(db: D1Database, programmeId: string, pairIds: string[]): D1PreparedStatement[] {
  return [enqueuePairs(db, programmeId, pairIds), invalidateAllCulture(db, programmeId)];
}

/** One pair of a bulk create: its id, new or already there, or why it was refused. */
export type PairOutcome =
  | { status: 'created' | 'existing'; id: string }
  | { status: 'rejected'; path: string[]; error: string };

/** Two people starting on one day, whichever is a and which b: the pair a re-import would create again. */
const sameness = (a: string, b: string, startsOn: string) => `${a < b ? a : b}\n${a < b ? b : a}\n${startsOn}`;

/**
 * Creates many pairs with a handful of statements whatever their number: one read of
 * the members, one of the pairs they are already in, then one batch of inserts. A pair
 * already there (the same members and start day, also earlier in the same call)
 * is returned as existing, so an import can be replayed.
 */
export async function createPairs(db: D1Database, programmeId: string, inputs: readonly NewPair[], now = new Date().toISOString()): Promise<PairOutcome[]> {
  if (inputs.length === 0) return [];
  const memberIds = inputs.flatMap((p) => [p.a, p.b]);
  const [members, pairs] = await Promise.all([findMemberIds(db, programmeId, memberIds), listPairsOfMembers(db, programmeId, memberIds)]);
  const known = new Map(pairs.map((p) => [sameness(p.a_id, p.b_id, p.starts_on), p.id]));
  const fresh: PairRow[] = [];
  const outcomes = inputs.map((input): PairOutcome => {
    const stranger = (['a', 'b'] as const).find((side) => !members.has(input[side]));
    if (stranger) return { status: 'rejected', path: [stranger], error: `${stranger} is not a participant of this programme` };
    const key = sameness(input.a, input.b, input.startsOn);
    const existing = known.get(key);
    if (existing) return { status: 'existing', id: existing };
    const id = newId();
    known.set(key, id);
    fresh.push({
      id, programme_id: programmeId, a_id: input.a, b_id: input.b, mentor_id: input.mentorId ?? null, cohort: input.cohort ?? '',
      starts_on: input.startsOn, ends_on: input.endsOn ?? null, cadence_days: input.cadenceDays ?? DEFAULT_CADENCE_DAYS,
    });
    return { status: 'created', id };
  });
  if (fresh.length > 0) await db.batch([...insertPairs(db, fresh, now), ...newPairTouches(db, programmeId, fresh.map((p) => p.id))]);
  return outcomes;
}

/** Creates the pair, or returns the existing one with the same members and start day (so imports can be replayed). */
export async function createPair(db: D1Database, programmeId: string, input: NewPair, now = new Date().toISOString()) {
  const outcome = (await createPairs(db, programmeId, [input], now))[0]!;
  if (outcome.status === 'rejected') throw invalid(outcome.path, outcome.error);
  return { id: outcome.id, created: outcome.status === 'created' };
}

export async function listPairs(db: D1Database, programmeId: string) {
  const rows = await listPairsWithNames(db, 'programme', programmeId);
  return rows.map(pairRowOf);
}

/** A pair as coordinators see it (the contract's pairRow). */
export function pairRowOf(row: PairWithNames): PairRowView {
  return {
    id: row.id,
    a: { id: row.a_id, displayName: row.a_name },
    b: { id: row.b_id, displayName: row.b_name },
    mentorId: row.mentor_id,
    cohort: row.cohort,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    cadenceDays: row.cadence_days,
  };
}

/** The programme's pair with its members' names: 404 when the programme has no such pair. */
export async function programmePair(db: D1Database, programmeId: string, pairId: string): Promise<PairWithNames> {
  const pair = await findProgrammePairWithNames(db, programmeId, pairId).first<PairWithNames>();
  if (!pair) throw notFound('pair');
  return pair;
}

/**
 * Closes a pair (endsOn), reopens it (null), or changes its cohort or cadence.
 * Every figure of the pair depends on these, so its snapshot is refreshed and
 * the culture tables are rebuilt on their next read.
 */
export async function updatePair(db: D1Database, programmeId: string, pairId: string, input: UpdatePair) {
  const pair = await programmePair(db, programmeId, pairId);
  const endsOn = input.endsOn === undefined ? pair.ends_on : input.endsOn;
  if (endsOn !== null && endsOn < pair.starts_on) throw invalid(['endsOn'], 'endsOn must not be before the pair\'s startsOn');
  await db.batch([
    updatePairTerms(db, pair.id, { endsOn, cohort: input.cohort ?? pair.cohort, cadenceDays: input.cadenceDays ?? pair.cadence_days }),
    ...newPairTouches(db, programmeId, [pair.id]),
  ]);
  await drainQueue(db, programmeId);
  return pairRowOf(await programmePair(db, programmeId, pairId));
}
