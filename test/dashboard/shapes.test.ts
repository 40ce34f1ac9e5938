// The dashboard declares the JSON it reads in worker/dashboard/shapes.ts; the
// Worker builds it from shared/metrics. These assignments fail to type-check
// (npx tsc -p worker/dashboard/tsconfig.json) if the two drift apart.
import { describe, expect, it } from 'vitest';
import type { CulturePeriod as SentPeriod, DashboardReport, PairDetailReport } from '../../shared/metrics';
import type { CulturePeriod, Dashboard, PairDetail } from '../../worker/dashboard/shapes';

const readsDashboard = (sent: DashboardReport): Dashboard => sent;
const readsPairDetail = (sent: PairDetailReport): PairDetail => sent;
const readsCulturePeriod = (sent: SentPeriod): CulturePeriod => sent;

describe('shapes the dashboard reads', () => {
  it('accept what the Worker sends (checked by the compiler)', () => {
    expect([readsDashboard, readsPairDetail, readsCulturePeriod].every((f) => typeof f === 'function')).toBe(true);
  });
});
