// Creating mentoring pairs between two participants of one programme.
import type { NewPair } from '../../shared/schemas';
import type { PairRow as PairRowView, UpdatePair } from '../../shared/contract/pairs';
import { drainQueue } from '../analytics/snapshots';
import { newId } from '../auth/crypto';
import { findParticipant } from '../storage/participants';
import {
  findProgrammePairWithNames, findSamePair, insertPair, listPairsWithNames, updatePairTerms, type PairWithNames,
} from '../storage/pairs';
import { enqueuePairs, invalidateAllCulture } from '../storage/snapshots';
import { invalid, notFound } from './errors';

export const DEFAULT_CADENCE_DAYS = 14;

/** A new pair shows in the default window and in every culture period from its start. */
export function newPairTouches(db: D1Database, programmeId: string, pairIds: string[]): D1PreparedStatement[] {
  return [enqueuePairs(db, programmeId, pairIds), invalidateAllCulture(db, programmeId)];
}

/** Creates the pair, or returns the existing one with the same members and start day (so imports can be replayed). */
export async function createPair(db: D1Database, programmeId: string, input: NewPair, now = new Date().toISOString()) {
  for (const side of ['a', 'b'] as const) {
    const member = await findParticipant(db, input[side]);
    if (!member || member.programme_id !== programmeId) {
      throw invalid([side], `${side} is not a participant of this programme`);
    }
  }
  const existing = await findSamePair(db, programmeId, input.a, input.b, input.startsOn);
  if (existing) return { id: existing.id, created: false };
  const id = newId();
  await db.batch([insertPair(
    db,
    {
      id,
      programme_id: programmeId,
      a_id: input.a,
      b_id: input.b,
      mentor_id: input.mentorId ?? null,
      cohort: input.cohort ?? '',
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      cadence_days: input.cadenceDays ?? DEFAULT_CADENCE_DAYS,
    },
    now,
  ), ...newPairTouches(db, programmeId, [id])]);
  return { id, created: true };
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
