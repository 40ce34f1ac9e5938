// The programmes table.

export interface ProgrammeRow {
  id: string;
  name: string;
  k_anonymity: number;
  weights: string | null;
  /** A JSON array of lower-case words or phrases, or null. */
  meeting_keywords: string | null;
  min_answers_per_member: number;
  /** Prompts per pair per week (README, "Programme settings"); null: every session. */
  max_prompts_per_pair_week: number | null;
}

export function insertProgramme(
  db: D1Database,
  row: {
    id: string; name: string; kAnonymity: number; weights: string | null; minAnswersPerMember: number;
    meetingKeywords?: string | null; maxPromptsPerPairPerWeek?: number | null;
  },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO programmes (id, name, k_anonymity, weights, created_at, min_answers_per_member, meeting_keywords, max_prompts_per_pair_week)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(row.id, row.name, row.kAnonymity, row.weights, now, row.minAnswersPerMember, row.meetingKeywords ?? null, row.maxPromptsPerPairPerWeek ?? null);
}

/** Changes the named settings; the others keep their value. */
export function updateProgrammeSettings(db: D1Database, id: string, changes: { name?: string | undefined; minAnswersPerMember?: number | undefined }) {
  return db
    .prepare('UPDATE programmes SET name = COALESCE(?2, name), min_answers_per_member = COALESCE(?3, min_answers_per_member) WHERE id = ?1')
    .bind(id, changes.name ?? null, changes.minAnswersPerMember ?? null);
}

/** The programme a participant belongs to, as one statement for a batch. */
/** The columns of a ProgrammeRow: one list, so that every read of a programme has each setting. */
const PROGRAMME_COLUMNS = 'id, name, k_anonymity, weights, min_answers_per_member, meeting_keywords, max_prompts_per_pair_week';

export function programmeOfParticipantStatement(db: D1Database, participantId: string) {
  return db
    .prepare(`SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE id = (SELECT programme_id FROM participants WHERE id = ?1)`)
    .bind(participantId);
}

export function findProgramme(db: D1Database, id: string) {
  return db
    .prepare(`SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE id = ?1`)
    .bind(id)
    .first<ProgrammeRow>();
}

export function updateMeetingKeywords(db: D1Database, id: string, keywords: string | null) {
  return db.prepare('UPDATE programmes SET meeting_keywords = ?2 WHERE id = ?1').bind(id, keywords);
}

/** Sets the prompt cap; null lifts it (every session is asked about). */
export function updatePromptCap(db: D1Database, id: string, cap: number | null) {
  return db.prepare('UPDATE programmes SET max_prompts_per_pair_week = ?2 WHERE id = ?1').bind(id, cap);
}

export interface ProgrammeSummaryRow {
  id: string;
  name: string;
  k_anonymity: number;
  created_at: string;
  participants: number;
  pairs: number;
}

/** Every programme, newest first, with how many participants (not erased) and pairs it has. */
export function listProgrammes(db: D1Database) {
  return db
    .prepare(
      `SELECT p.id, p.name, p.k_anonymity, p.created_at,
              (SELECT COUNT(*) FROM participants WHERE programme_id = p.id AND erased_at IS NULL) AS participants,
              (SELECT COUNT(*) FROM pairs WHERE programme_id = p.id) AS pairs
         FROM programmes p ORDER BY p.created_at DESC, p.id`,
    )
    .all<ProgrammeSummaryRow>();
}
