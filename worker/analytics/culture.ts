// The culture view: per-period metrics over several years, read only from
// pair_months, pairs, participants and the closing answers, and k-anonymised over the programme's
// whole table (SECURITY.md, "Sponsor culture").
import { cultureReport, isCompleted, monthOf, periodAt, type CulturePeriod, type PeriodKind, type Segmentation } from '../../shared/metrics';
import { notFound } from '../domain/errors';
import type { Metered } from './dashboard';
import { readClosingAnswers, readPairQuarters, readProgrammeShape } from './reads';
import { readCulture, writeCulture } from '../storage/snapshots';
import { D1Meter } from './timing';
import { lastCompleted, type CultureRange } from './window';

export interface CultureBody {
  programme: { id: string; name: string; kAnonymity: number };
  period: PeriodKind;
  by: Segmentation | null;
  /** The periods served, and the latest one completed on asOf (later ones are still open). */
  range: { fromPeriod: string; toPeriod: string; asOf: string; latestCompleted: string; includesOpenPeriod: boolean };
  window: { from: string; to: string; asOf: string };
  periods: CulturePeriod[];
  segments: CulturePeriod[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The culture view, from the cache when the same table was computed since the
 * last write that touched its months (worker/storage/snapshots.ts: answers,
 * imports and erasures drop the tables that read a month they changed, a
 * closing answer those from its pair's last month on, and a new pair or an
 * erasure drops them all). `cached` says which it was.
 */
export async function programmeCulture(db: D1Database, programmeId: string, range: CultureRange): Promise<Metered<CultureBody> & { cached: boolean }> {
  const meter = new D1Meter();
  const request = JSON.stringify([range.period, range.by, range.from, range.to, range.asOf]);
  const [programmeRows, cachedRows] = await db.batch<unknown>([
    db.prepare('SELECT id, name, k_anonymity FROM programmes WHERE id = ?1').bind(programmeId),
    readCulture(db, programmeId, request),
  ]);
  const programme = meter.rows(programmeRows as D1Result<{ id: string; name: string; k_anonymity: number }>)[0];
  if (!programme) throw notFound('programme');
  const hit = meter.rows(cachedRows as D1Result<{ body: string }>)[0];
  if (hit) {
    // The programme's name may have changed since; the numbers have not.
    const body = { ...(JSON.parse(hit.body) as CultureBody), programme: { id: programme.id, name: programme.name, kAnonymity: programme.k_anonymity } };
    return { body, meter, cached: true };
  }
  const computed = await computeCulture(db, meter, programmeId, range);
  await writeCulture(db, programmeId, request, lastMonthRead(range), JSON.stringify(computed), new Date().toISOString()).run();
  return { body: computed, meter, cached: false };
}

/** The last month a culture table reads: the whole history up to asOf. */
const lastMonthRead = (range: CultureRange) => monthOf(range.asOf - 1);

async function computeCulture(db: D1Database, meter: D1Meter, programmeId: string, range: CultureRange): Promise<CultureBody> {
  const shape = await readProgrammeShape(db, meter, programmeId);
  if (!shape) throw notFound('programme');
  // The whole history up to asOf: suppression is solved over all of it, whatever the range.
  const monthly = await readPairQuarters(db, meter, programmeId, '0000-01', lastMonthRead(range));
  const closing = await readClosingAnswers(db, meter, programmeId);
  const { programme, pairs, people } = shape;
  const report = cultureReport({ pairs, people, monthly, closing, k: programme.kAnonymity, weights: programme.weights ?? undefined, ...range });
  const toPeriod = periodAt(range.period, range.to - 1);
  return {
    programme: { id: programme.id, name: programme.name, kAnonymity: programme.kAnonymity },
    period: range.period, by: range.by,
    range: {
      fromPeriod: periodAt(range.period, range.from).key, toPeriod: toPeriod.key, asOf: iso(range.asOf),
      latestCompleted: lastCompleted(range.period, range.asOf).key, includesOpenPeriod: !isCompleted(toPeriod, range.asOf),
    },
    window: { from: iso(range.from), to: iso(range.to), asOf: iso(range.asOf) },
    ...report,
  };
}
