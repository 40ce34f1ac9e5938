// Programmes and their two programme-wide tokens (coordinator, sponsor).
import type { CreateProgramme, HealthWeights } from '../../shared/schemas';
import { newId, newToken, sha256Hex } from '../auth/crypto';
import { findProgramme, insertProgramme, listProgrammes } from '../storage/programmes';
import { insertToken } from '../storage/tokens';
import { notFound } from './errors';

export const DEFAULT_K_ANONYMITY = 5;

export async function createProgramme(db: D1Database, input: CreateProgramme, now = new Date().toISOString()) {
  const id = newId();
  const coordinatorToken = newToken();
  const sponsorToken = newToken();
  const weights = input.weights && Object.keys(input.weights).length > 0 ? JSON.stringify(input.weights) : null;
  await db.batch([
    insertProgramme(db, { id, name: input.name, kAnonymity: input.kAnonymity ?? DEFAULT_K_ANONYMITY, weights }, now),
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
}

export async function getProgramme(db: D1Database, id: string): Promise<Programme> {
  const row = await findProgramme(db, id);
  if (!row) throw notFound('programme');
  return {
    id: row.id,
    name: row.name,
    kAnonymity: row.k_anonymity,
    weights: row.weights ? (JSON.parse(row.weights) as HealthWeights) : null,
  };
}

/** GET /programmes, for the admin: what exists, so a programme is not created twice. No tokens, no people. */
export async function listProgrammeSummaries(db: D1Database) {
  const { results } = await listProgrammes(db);
  return {
    programmes: results.map((row) => ({
      id: row.id,
      name: row.name,
      kAnonymity: row.k_anonymity,
      createdAt: row.created_at,
      participants: row.participants,
      pairs: row.pairs,
    })),
  };
}
