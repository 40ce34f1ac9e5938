// The programmes table.

export interface ProgrammeRow {
  id: string;
  name: string;
  k_anonymity: number;
  weights: string | null;
}

export function insertProgramme(
  db: D1Database,
  row: { id: string; name: string; kAnonymity: number; weights: string | null },
  now: string,
) {
  return db
    .prepare('INSERT INTO programmes (id, name, k_anonymity, weights, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(row.id, row.name, row.kAnonymity, row.weights, now);
}

export function findProgramme(db: D1Database, id: string) {
  return db.prepare('SELECT id, name, k_anonymity, weights FROM programmes WHERE id = ?1').bind(id).first<ProgrammeRow>();
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
