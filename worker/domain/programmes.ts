// Programmes and their two programme-wide tokens (coordinator, sponsor).
import { DEFAULT_MIN_ANSWERS_PER_MEMBER, type CreateProgramme, type HealthWeights, type UpdateProgramme } from '../../shared/schemas';
import { newId, newToken, sha256Hex } from '../auth/crypto';
import { forgetSummary } from '../storage/snapshots';
import { findProgramme, insertProgramme, listProgrammes, updateMeetingKeywords, updateProgrammeSettings, type ProgrammeRow } from '../storage/programmes';
import { insertToken } from '../storage/tokens';
import { notFound } from './errors';

export const DEFAULT_K_ANONYMITY = 5;

export async function createProgramme(db: D1Database, input: CreateProgramme, now = new Date().toISOString()) {
  const id = newId();
  const coordinatorToken = newToken();
  const sponsorToken = newToken();
  const weights = input.weights && Object.keys(input.weights).length > 0 ? JSON.stringify(input.weights) : null;
  await db.batch([
    insertProgramme(db, {
      id, name: input.name, kAnonymity: input.kAnonymity ?? DEFAULT_K_ANONYMITY, weights,
      minAnswersPerMember: input.minAnswersPerMember ?? DEFAULT_MIN_ANSWERS_PER_MEMBER, meetingKeywords: storedKeywords(input.meetingKeywords),
    }, now),
    insertToken(db, { hash: await sha256Hex(coordinatorToken), role: 'coordinator', programmeId: id }, now),
    insertToken(db, { hash: await sha256Hex(sponsorToken), role: 'sponsor', programmeId: id }, now),
  ]);
  return { id, coordinatorToken, sponsorToken };
}

export interface Programme {
  id: string;
  name: string;
  kAnonymity: number;
  /** The programme's own health weights, or null for the defaults (shared/metrics/README.md, "Health"). */
  weights: HealthWeights | null;
  /** Answers each member needs in a window before a pair number over it is shown. */
  minAnswersPerMember: number;
  /** Title words or phrases that mark a session in a meeting without other attendees; none by default. */
  meetingKeywords: string[];
}

const storedKeywords = (words: string[] | undefined) => (words && words.length > 0 ? JSON.stringify(words) : null);

/** The stored keywords, or none when the column is empty or unreadable. */
export function meetingKeywordsOf(row: Pick<ProgrammeRow, 'meeting_keywords'> | null): string[] {
  try {
    const words: unknown = row?.meeting_keywords ? JSON.parse(row.meeting_keywords) : [];
    return Array.isArray(words) ? words.filter((word): word is string => typeof word === 'string') : [];
  } catch {
    return [];
  }
}

/** What a participant's extension is told about their programme (redeem and GET /me). */
export function programmeForMembers(id: string, row: ProgrammeRow | null) {
  return {
    id,
    name: row?.name ?? '',
    meetingKeywords: meetingKeywordsOf(row),
    maxPromptsPerPairPerWeek: row?.max_prompts_per_pair_week ?? null,
  };
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
    meetingKeywords: meetingKeywordsOf(row),
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

/** Changes the given settings; new meeting keywords reach extensions with their next GET /me. */
export async function updateProgramme(db: D1Database, id: string, changes: UpdateProgramme): Promise<Programme> {
  await getProgramme(db, id);
  await db.batch([
    updateProgrammeSettings(db, id, changes),
    ...(changes.meetingKeywords ? [updateMeetingKeywords(db, id, storedKeywords(changes.meetingKeywords))] : []),
    // Every shown pair number depends on the answers-per-member setting.
    ...(changes.minAnswersPerMember !== undefined ? [forgetSummary(db, id)] : []),
  ]);
  return getProgramme(db, id);
}
