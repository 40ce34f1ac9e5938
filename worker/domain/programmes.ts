// Programmes and their two programme-wide tokens (coordinator, sponsor).
import { DEFAULT_MIN_ANSWERS_PER_MEMBER, type CreateProgramme, type HealthWeights, type UpdateProgramme } from '../../shared/schemas';
import { newId, newToken, sha256Hex } from '../auth/crypto';
import { findProgramme, insertProgramme, updateProgrammeSettings } from '../storage/programmes';
import { insertToken } from '../storage/tokens';
import { notFound } from './errors';

export const DEFAULT_K_ANONYMITY = 5;

export async function createProgramme(db: D1Database, input: CreateProgramme, now = new Date().toISOString()) {
  const id = newId();
  const coordinatorToken = newToken();
  const sponsorToken = newToken();
  const weights = input.weights && Object.keys(input.weights).length > 0 ? JSON.stringify(input.weights) : null;
  await db.batch([
    insertProgramme(db, { id, name: input.name, kAnonymity: input.kAnonymity ?? DEFAULT_K_ANONYMITY, weights, minAnswersPerMember: input.minAnswersPerMember ?? DEFAULT_MIN_ANSWERS_PER_MEMBER }, now),
    insertToken(db, { hash: await sha256Hex(coordinatorToken), role: 'coordinator', programmeId: id }, now),
    insertToken(db, { hash: await sha256Hex(sponsorToken), role: 'sponsor', programmeId: id }, now),
  ]);
  return { id, coordinatorToken, sponsorToken };
}

export interface Programme {
  id: string;
  name: string;
  kAnonymity: number;
  /** The programme's own health weights, or null for METRICS.md's defaults. */
  weights: HealthWeights | null;
  /** Answers each member needs in a window before a pair number over it is shown. */
  minAnswersPerMember: number;
}

export async function getProgramme(db: D1Database, id: string): Promise<Programme> {
  const row = await findProgramme(db, id);
  if (!row) throw notFound('programme');
  return {
    id: row.id,
    name: row.name,
    kAnonymity: row.k_anonymity,
    weights: row.weights ? (JSON.parse(row.weights) as HealthWeights) : null,
    minAnswersPerMember: row.min_answers_per_member,
  };
}

export async function updateProgramme(db: D1Database, id: string, changes: UpdateProgramme): Promise<Programme> {
  await getProgramme(db, id);
  await updateProgrammeSettings(db, id, changes).run();
  return getProgramme(db, id);
}
