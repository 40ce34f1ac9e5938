// Creating mentoring pairs between two participants of one programme.
import type { NewPair } from '../../shared/schemas';
import { newId } from '../auth/crypto';
import { findParticipant } from '../storage/participants';
import { findSamePair, insertPair, listPairsWithNames } from '../storage/pairs';
import { enqueuePairs, invalidateAllCulture } from '../storage/snapshots';
import { invalid } from './errors';

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
  return rows.map((row) => ({
    id: row.id,
    a: { id: row.a_id, displayName: row.a_name },
    b: { id: row.b_id, displayName: row.b_name },
    mentorId: row.mentor_id,
    cohort: row.cohort,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    cadenceDays: row.cadence_days,
  }));
}
