// The sponsor's culture view: per-period metrics over several years, read only
// from pair_months, pairs and participants, and k-anonymised.
import {
  cultureReport, monthOf, windowEnd, type CulturePeriod, type PeriodKind, type Segmentation, type Window,
} from '../../shared/metrics';
import { notFound } from '../domain/errors';
import type { Metered } from './dashboard';
import { readPairMonths, readProgrammeShape } from './reads';
import { D1Meter } from './timing';

export interface CultureBody {
  programme: { id: string; name: string; kAnonymity: number };
  period: PeriodKind;
  by: Segmentation | null;
  window: { from: string; to: string; asOf: string };
  periods: CulturePeriod[];
  segments: CulturePeriod[];
}

export async function programmeCulture(
  db: D1Database, programmeId: string, window: Window, period: PeriodKind, by: Segmentation | null,
): Promise<Metered<CultureBody>> {
  const meter = new D1Meter();
  const shape = await readProgrammeShape(db, meter, programmeId);
  if (!shape) throw notFound('programme');
  const monthly = await readPairMonths(db, meter, programmeId, monthOf(window.from), monthOf(windowEnd(window) - 1));
  const { programme, pairs, people } = shape;
  const report = cultureReport({
    pairs, people, monthly, window, period, by, k: programme.kAnonymity, ...(programme.weights ? { weights: programme.weights } : {}),
  });
  return {
    body: {
      programme: { id: programme.id, name: programme.name, kAnonymity: programme.kAnonymity },
      period, by,
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), asOf: new Date(window.asOf).toISOString() },
      ...report,
    },
    meter,
  };
}
