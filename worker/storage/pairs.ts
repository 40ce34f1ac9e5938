// The pairs table.

export interface PairRow {
  id: string;
  programme_id: string;
  a_id: string;
  b_id: string;
  mentor_id: string | null;
  cohort: string;
  starts_on: string;
  ends_on: string | null;
  cadence_days: number;
}

const COLUMNS = 'id, programme_id, a_id, b_id, mentor_id, cohort, starts_on, ends_on, cadence_days';

/** Rows per bulk pair insert: each binds its rows as one JSON array, well under D1's 2 MB per bound value. */
export const PAIRS_PER_STATEMENT = 1000;

/** Many pairs in as few statements as D1 allows (each ?1 is a JSON array of rows as column arrays). */
export function insertPairs(db: D1Database, pairs: readonly PairRow[], now: string): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_STATEMENT) {
    const rows = pairs.slice(i, i + PAIRS_PER_STATEMENT)
      .map((p) => [p.id, p.programme_id, p.a_id, p.b_id, p.mentor_id, p.cohort, p.starts_on, p.ends_on, p.cadence_days]);
    statements.push(db.prepare(
      `INSERT INTO pairs (id, programme_id, a_id, b_id, mentor_id, cohort, starts_on, ends_on, cadence_days, created_at)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6,
              j.value ->> 7, j.value ->> 8, ?2
       FROM json_each(?1) j`,
    ).bind(JSON.stringify(rows), now));
  }
  return statements;
}

export function findPair(db: D1Database, id: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM pairs WHERE id = ?1`).bind(id).first<PairRow>();
}

/** The same two people starting on the same day: the pair a repeated rematch would create again. */
export function findSamePair(db: D1Database, programmeId: string, a: string, b: string, startsOn: string) {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM pairs WHERE programme_id = ?1 AND starts_on = ?4
         AND ((a_id = ?2 AND b_id = ?3) OR (a_id = ?3 AND b_id = ?2))`,
    )
    .bind(programmeId, a, b, startsOn)
    .first<PairRow>();
}

/** The programme's pairs whose member a is one of `memberIds`: every pair two of them could form. */
export async function listPairsOfMembers(db: D1Database, programmeId: string, memberIds: readonly string[]) {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM pairs WHERE programme_id = ?1 AND a_id IN (SELECT value FROM json_each(?2))`)
    .bind(programmeId, JSON.stringify([...new Set(memberIds)]))
    .all<PairRow>();
  return results;
}

export async function listProgrammePairs(db: D1Database, programmeId: string) {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM pairs WHERE programme_id = ?1 ORDER BY created_at, id`)
    .bind(programmeId)
    .all<PairRow>();
  return results;
}

export interface PairWithNames extends PairRow {
  a_name: string;
  b_name: string;
  a_email: string;
  b_email: string;
}

const WITH_NAMES_WHERE = {
  programme: 'p.programme_id = ?1',
  member: '(p.a_id = ?1 OR p.b_id = ?1)',
  pair: 'p.programme_id = ?1 AND p.id = ?2',
} as const;

/** The statement of listPairsWithNames, for a batch; `pair` takes the programme's id and the pair's. */
export function pairsWithNamesStatement(db: D1Database, where: keyof typeof WITH_NAMES_WHERE, ...keys: string[]) {
  const condition = WITH_NAMES_WHERE[where];
  return db
    .prepare(
      `SELECT p.id, p.programme_id, p.a_id, p.b_id, p.mentor_id, p.cohort, p.starts_on, p.ends_on, p.cadence_days,
              a.display_name AS a_name, b.display_name AS b_name, a.email AS a_email, b.email AS b_email
       FROM pairs p JOIN participants a ON a.id = p.a_id JOIN participants b ON b.id = p.b_id
       WHERE ${condition} ORDER BY p.created_at, p.id`,
    )
    .bind(...keys);
}

export async function listPairsWithNames(db: D1Database, where: 'programme' | 'member', key: string) {
  const { results } = await pairsWithNamesStatement(db, where, key).all<PairWithNames>();
  return results;
}

export async function listMemberPairIds(db: D1Database, participantId: string) {
  const { results } = await db
    .prepare('SELECT id, programme_id FROM pairs WHERE a_id = ?1 OR b_id = ?1')
    .bind(participantId)
    .all<{ id: string; programme_id: string }>();
  return results;
}

/** Puts `replacement` wherever `memberId` stands in one pair (member or mentor). */
export function replacePairMember(db: D1Database, pairId: string, memberId: string, replacement: string) {
  return db
    .prepare(
      `UPDATE pairs SET
         a_id = CASE WHEN a_id = ?2 THEN ?3 ELSE a_id END,
         b_id = CASE WHEN b_id = ?2 THEN ?3 ELSE b_id END,
         mentor_id = CASE WHEN mentor_id = ?2 THEN ?3 ELSE mentor_id END
       WHERE id = ?1`,
    )
    .bind(pairId, memberId, replacement);
}

/** One pair with its members' names, if it belongs to the programme. */
export function findProgrammePairWithNames(db: D1Database, programmeId: string, pairId: string) {
  return pairsWithNamesStatement(db, 'pair', programmeId, pairId);
}

/** Sets the pair's end, cohort and cadence; the caller passes the current value of any it leaves alone. */
export function updatePairTerms(db: D1Database, pairId: string, terms: { endsOn: string | null; cohort: string; cadenceDays: number }) {
  return db
    .prepare('UPDATE pairs SET ends_on = ?2, cohort = ?3, cadence_days = ?4 WHERE id = ?1')
    .bind(pairId, terms.endsOn, terms.cohort, terms.cadenceDays);
}
