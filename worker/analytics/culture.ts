// The culture view: per-period metrics over several years, read only from
// pair_months, pairs and participants, and k-anonymised over the programme's
// whole table (SECURITY.md, "Sponsor culture").
import { cultureReport, isCompleted, monthOf, periodAt, type CulturePeriod, type PeriodKind, type Segmentation } from '../../shared/metrics';
import { notFound } from '../domain/errors';
import type { Metered } from './dashboard';
import { readPairMonths, readProgrammeShape } from './reads';
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

export async function programmeCulture(db: D1Database, programmeId: string, range: CultureRange): Promise<Metered<CultureBody>> {
  const meter = new D1Meter();
  const shape = await readProgrammeShape(db, meter, programmeId);
  if (!shape) throw notFound('programme');
  // The whole history up to asOf: suppression is solved over all of it, whatever the range.
  const monthly = await readPairMonths(db, meter, programmeId, '0000-01', monthOf(range.asOf - 1));
  const { programme, pairs, people } = shape;
  const report = cultureReport({ pairs, people, monthly, k: programme.kAnonymity, weights: programme.weights ?? undefined, ...range });
  const toPeriod = periodAt(range.period, range.to - 1);
  return {
    body: {
      programme: { id: programme.id, name: programme.name, kAnonymity: programme.kAnonymity },
      period: range.period, by: range.by,
      range: {
        fromPeriod: periodAt(range.period, range.from).key, toPeriod: toPeriod.key, asOf: iso(range.asOf),
        latestCompleted: lastCompleted(range.period, range.asOf).key, includesOpenPeriod: !isCompleted(toPeriod, range.asOf),
      },
      window: { from: iso(range.from), to: iso(range.to), asOf: iso(range.asOf) },
      ...report,
    },
    meter,
  };
}
