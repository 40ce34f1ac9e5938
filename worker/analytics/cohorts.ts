// GET /programmes/:pid/cohorts (shared/metrics/README.md, "Cohorts"): the
// programme's pairs, its fit and relationship-check answers, and the session
// rows of the trend's months, in one batch after the programme's shape.
import { cohortReport, monthStart, privateCut, trendMonths, type CheckAnswer } from '../../shared/metrics';
import { DEFAULT_MIN_ANSWERS_PER_MEMBER, type Cohorts } from '../../shared/schemas';
import { invalid, notFound } from '../domain/errors';
import type { Metered } from './dashboard';
import { iso, readProgrammeShape, readWindowRows } from './reads';
import { D1Meter } from './timing';

const DAY_MS = 86_400_000;

interface CheckRow {
  pair_id: string; participant_id: string; kind: 'fit' | 'milestone'; milestone: number;
  fit: string | null; worthwhile: string | null; received_at: string;
}
// Closing answers are the sponsor's culture metrics, not these rates.
const PROGRAMME_CHECKS = `SELECT pair_id, participant_id, kind, milestone, fit, worthwhile, received_at FROM pair_checks
  WHERE programme_id = ?1 AND kind IN ('fit', 'milestone') AND received_at < ?2`;

const FIRST_COHORTS = 'SELECT id, first_cohort FROM pairs WHERE programme_id = ?1 AND first_cohort IS NOT NULL';

/** asOf: a whole UTC day, the start of today unless given, never after today (a later one would move the private cut). */
export function cohortsAsOf(asOf: string | undefined, now = new Date()): number {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const day = asOf === undefined ? today : Date.parse(asOf);
  if (day > today) throw invalid(['asOf'], `asOf must not be after today (${iso(today).slice(0, 10)})`);
  return day;
}

export async function programmeCohorts(db: D1Database, programmeId: string, asOf: number): Promise<Metered<Cohorts>> {
  const meter = new D1Meter();
  const shape = await readProgrammeShape(db, meter, programmeId);
  if (!shape) throw notFound('programme');
  const months = trendMonths(asOf);
  const [{ sessions }, [checks, firsts]] = await Promise.all([
    readWindowRows(db, meter, { programmeId }, { from: monthStart(months[0]!), to: asOf }, null),
    db.batch<CheckRow | { id: string; first_cohort: string }>([
      db.prepare(PROGRAMME_CHECKS).bind(programmeId, iso(privateCut(asOf))),
      db.prepare(FIRST_COHORTS).bind(programmeId),
    ]),
  ]);
  const firstCohorts = new Map(meter.rows(firsts as D1Result<{ id: string; first_cohort: string }>).map((r) => [r.id, r.first_cohort]));
  const answers: CheckAnswer[] = meter.rows(checks as D1Result<CheckRow>).map((r) => ({
    pairId: r.pair_id, participantId: r.participant_id, kind: r.kind, milestone: r.milestone,
    fit: r.fit, worthwhile: r.worthwhile, receivedAt: r.received_at,
  }));
  const { programme } = shape;
  const report = cohortReport({
    programme: { ...programme, minAnswersPerMember: programme.minAnswersPerMember ?? DEFAULT_MIN_ANSWERS_PER_MEMBER },
    pairs: shape.pairs, firstCohorts, checks: answers, sessions, asOf,
  });
  return {
    body: { programme: { id: programme.id, name: programme.name, kAnonymity: programme.kAnonymity }, asOf: iso(asOf), ...report },
    meter,
  };
}
