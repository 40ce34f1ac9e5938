// The programmes table.

export interface ProgrammeRow {
  id: string;
  name: string;
  k_anonymity: number;
  weights: string | null;
  min_answers_per_member: number;
}

export function insertProgramme(
  db: D1Database,
  row: { id: string; name: string; kAnonymity: number; weights: string | null; minAnswersPerMember: number },
  now: string,
) {
  return db
    .prepare('INSERT INTO programmes (id, name, k_anonymity, weights, created_at, min_answers_per_member) VALUES (?1, ?2, ?3, ?4, ?5, ?6)')
    .bind(row.id, row.name, row.kAnonymity, row.weights, now, row.minAnswersPerMember);
}

/** Changes the named settings; the others keep their value. */
export function updateProgrammeSettings(db: D1Database, id: string, changes: { name?: string | undefined; minAnswersPerMember?: number | undefined }) {
  return db
    .prepare('UPDATE programmes SET name = COALESCE(?2, name), min_answers_per_member = COALESCE(?3, min_answers_per_member) WHERE id = ?1')
    .bind(id, changes.name ?? null, changes.minAnswersPerMember ?? null);
}

export function findProgramme(db: D1Database, id: string) {
  return db
    .prepare('SELECT id, name, k_anonymity, weights, min_answers_per_member FROM programmes WHERE id = ?1')
    .bind(id)
    .first<ProgrammeRow>();
}
