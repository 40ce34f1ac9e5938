// The analytics routes: the coordinator's dashboard and pair drill-down, the
// culture view, and their CSV exports. The numbers are defined in
// shared/metrics/README.md; these schemas fix only their shape.
import { z } from 'zod';
import {
  BOUNDARIES, CLOSING_CHANGES, FLAGS, SEGMENTATIONS, STATUSES, TOPICS,
  type Boundary, type ClosingChange, type FlagName, type PairStatus, type Topic,
} from '../vocabulary';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, PAIR_SORTS } from '../metrics/paging';
import { rate, wholeDay } from './common';

/**
 * The coordinator's pair windows (dashboard, pair detail, pairs export): whole
 * UTC days only, so that no window can be cut around one session
 * (SECURITY.md, "Participants, partners and coordinators").
 */
export const dashboardQuery = z.object({
  asOf: wholeDay.optional(),
  from: wholeDay.optional(),
  to: wholeDay.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/**
 * The dashboard's window plus one page of its pair list (README, "Dashboard paging and served
 * figures"): filters, an order and a cursor from the page before. The at-risk list is always whole.
 */
export const dashboardListQuery = dashboardQuery.extend({
  status: z.enum(STATUSES).optional(),
  flag: z.enum(FLAGS).optional(),
  cohort: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(PAIR_SORTS).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  cursor: z.string().max(2000).optional(),
});

/**
 * Query parameters of the culture view and its periods export (README, "Culture
 * query"): a range of whole periods, given by label or by period boundaries.
 */
const periodLabel = z.string().regex(/^\d{4}(-Q[1-4])?$/, 'a period is a year such as 2024 or a quarter such as 2024-Q3');
/** A whole UTC day as its midnight in milliseconds. */
const utcDay = wholeDay.transform((iso) => Date.parse(iso));
export const PERIOD_KINDS = ['year', 'quarter'] as const;
export const cultureQuery = z.object({
  asOf: utcDay.optional(),
  fromPeriod: periodLabel.optional(),
  toPeriod: periodLabel.optional(),
  from: utcDay.optional(),
  to: utcDay.optional(),
  period: z.enum(PERIOD_KINDS).optional(),
  by: z.enum(SEGMENTATIONS).optional(),
});
export type CultureQuery = z.infer<typeof cultureQuery>;

/**
 * The culture query as the route documents it: plain text fields, so that the
 * culture rules (worker/analytics/window.ts, over cultureQuery) are what refuse
 * a bad one, with a message that says what is accepted.
 */
const cultureQueryText = {
  asOf: z.string().optional().meta({ description: 'a whole UTC day' }),
  fromPeriod: z.string().optional().meta({ description: 'a year such as 2024 or a quarter such as 2024-Q3' }),
  toPeriod: z.string().optional().meta({ description: 'a year such as 2024 or a quarter such as 2024-Q3' }),
  from: z.string().optional().meta({ description: 'a period boundary, as a whole UTC day' }),
  to: z.string().optional().meta({ description: 'a period boundary, as a whole UTC day' }),
  period: z.string().optional().meta({ description: 'year or quarter' }),
  by: z.string().optional().meta({ description: SEGMENTATIONS.join(', ') }),
};
export const cultureQueryParams = z.object(cultureQueryText);

export const EXPORT_KINDS = ['pairs', 'periods'] as const;
/** The export's kind, then the query of the JSON route it mirrors (checked once the kind is known). */
export const exportQuery = z.object({
  kind: z.enum(EXPORT_KINDS),
  ...cultureQueryText,
});

const count = z.int().min(0);
const share = z.number().nullable();
const countsOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, count])) as Record<K, typeof count>);

export const analyticsWindow = z.object({ from: z.string(), to: z.string(), asOf: z.string() });

export const programmeMetrics = z.object({
  pairsEnrolled: count,
  pairsActive: count,
  participantsActive: count,
  sessionsHeld: count,
  sessionsMissed: count,
  responseRate: rate,
  health: z.object({
    mean: share, median: share, n: count, low: share, high: share, histogram: z.array(count),
  }),
  statusCounts: countsOf<PairStatus>(STATUSES),
  flagCounts: countsOf<FlagName>(FLAGS),
  mutualLearningRate: rate,
  bidirectionalPairShare: rate,
  opennessRate: rate,
  depthRate: rate,
  autonomyMean: z.object({ value: z.number(), n: count }).nullable(),
  topicCounts: countsOf<Topic>(TOPICS),
  crossBoundary: z.object(Object.fromEntries(BOUNDARIES.map((b) => [b, rate])) as Record<Boundary, typeof rate>),
}).meta({ id: 'ProgrammeMetrics' });
export type ProgrammeMetrics = z.infer<typeof programmeMetrics>;

export const PAIR_METRICS = [
  'held', 'responseRate', 'value', 'agreement', 'reciprocity', 'mutualLearning', 'openness', 'autonomy', 'depth', 'cadence',
] as const;
export const pairMetrics = z.object(Object.fromEntries(PAIR_METRICS.map((m) => [m, share])) as Record<(typeof PAIR_METRICS)[number], typeof share>);
export type PairMetrics = z.infer<typeof pairMetrics>;

/** Numbers withheld for want of both members' answers, each with its "not enough answers yet: …" text. */
const withheld = z.record(z.string(), z.string());

export const dashboardPair = z.object({
  id: z.string(),
  cohort: z.string(),
  members: z.array(z.object({ id: z.string(), displayName: z.string() })),
  status: z.enum(STATUSES),
  health: share,
  metrics: pairMetrics,
  flags: z.array(z.object({ flag: z.enum(FLAGS), reason: z.string() })),
  withheld,
}).meta({ id: 'DashboardPair' });
export type DashboardPair = z.infer<typeof dashboardPair>;

/**
 * An entry of the at-risk list: what the coordinator's to-do list shows (who,
 * how healthy, and each flag with its reason). The pair's numbers are in the
 * pair list and the drill-down; leaving them out keeps the complete list small
 * for a programme of thousands of pairs.
 */
export const atRiskPair = dashboardPair.pick({ id: true, cohort: true, members: true, status: true, health: true, flags: true })
  .meta({ id: 'AtRiskPair' });
export type AtRiskPair = z.infer<typeof atRiskPair>;

const analyticsProgramme = z.object({ id: z.string(), name: z.string(), kAnonymity: z.int(), minAnswersPerMember: z.int() });

export const dashboard = z.object({
  programme: analyticsProgramme,
  window: analyticsWindow,
  summary: programmeMetrics,
  months: z.array(programmeMetrics.extend({ month: z.string() })),
  /** One page of the window's pairs (see pairsPage). */
  pairs: z.array(dashboardPair),
  /** Every at-risk pair, whatever the page, each with what the at-risk list shows. */
  atRisk: z.array(atRiskPair),
  /**
   * The full "not enough answers yet: …" text of each metric withheld on this page, said once:
   * a pair's `withheld` holds "not enough answers yet" where its text is this one.
   */
  withheldReasons: z.record(z.string(), z.string()),
  pairsPage: z.object({
    total: z.int(),
    limit: z.int(),
    sort: z.enum(PAIR_SORTS),
    order: z.enum(['asc', 'desc']),
    nextCursor: z.string().nullable(),
  }),
  /** The default window is served from per-pair snapshots; any other window is computed for the request. */
  served: z.object({ from: z.enum(['snapshot', 'computed']), computedAt: z.string().nullable() }),
});
export type Dashboard = z.infer<typeof dashboard>;

export const SESSION_STATUSES = ['held', 'missed', 'unknown'] as const;
export const pairDetail = z.object({
  pair: dashboardPair.extend({
    mentorId: z.string().nullable(), startsOn: z.string(), endsOn: z.string().nullable(), cadenceDays: z.int(),
    /** Answers (or sessions) behind each shown number, pooled over both members; none for a withheld number. */
    n: z.record(z.string(), z.int()),
    /** The tips the pair's members were shown for raised flags (sharing.ts), first and last day shown. */
    tipsShown: z.array(z.object({ flag: z.enum(FLAGS), firstShownOn: z.string(), lastShownOn: z.string() })),
  }),
  window: analyticsWindow,
  months: z.array(z.object({
    month: z.string(),
    held: share, missed: share, health: share, value: share, reciprocity: share, autonomy: share, openness: share, responseRate: share,
    withheld,
  })),
  /** status is null while either member has too few answers in the window for it to be shown. */
  sessions: z.array(z.object({ start: z.string(), status: z.enum(SESSION_STATUSES).nullable() })),
});
export type PairDetail = z.infer<typeof pairDetail>;

/** A change between two periods' rates, with its 95% interval; null when either rate is missing. */
export const change = z.object({ value: z.number(), low: z.number(), high: z.number() }).nullable();
export type Change = z.infer<typeof change>;

const cultureStats = {
  pairsActive: count,
  participantsActive: count,
  newPairs: count,
  mutualLearningRate: rate,
  opennessRate: rate,
  depthRate: rate,
  healthMean: share,
  crossBoundary: z.object(Object.fromEntries(BOUNDARIES.map((b) => [b, z.number()])) as Record<Boundary, z.ZodNumber>),
  network: z.object({ peopleConnected: count, largestComponent: count, components: count }),
  roleFlips: count,
  /** null: no earlier period. suppressed: the period before is hidden, so retention and change are withheld. */
  previous: z.object({ period: z.string(), suppressed: z.boolean() }).nullable(),
  retention: rate,
  change: z.object({ mutualLearningRate: change, opennessRate: change, depthRate: change }),
  /**
   * The closing answers of pairs that ended in the period: hidden unless at
   * least k pairs gave one, and solved for subtraction over the whole table on
   * its own (SECURITY.md, "Sponsor culture").
   */
  closing: z.discriminatedUnion('suppressed', [
    z.object({ suppressed: z.literal(true) }),
    z.object({
      suppressed: z.literal(false),
      pairs: count,
      /** Share of closing answers saying they would do it again. */
      again: rate,
      changed: z.object(Object.fromEntries(CLOSING_CHANGES.map((c) => [c, rate])) as Record<ClosingChange, typeof rate>),
    }),
  ]),
};
const where = { period: z.string(), segment: z.string().optional() };
/** One period (or one segment of it): hidden as a whole when too few people are in it (SECURITY.md, "Sponsor culture"). */
export const culturePeriod = z.discriminatedUnion('suppressed', [
  z.object({ ...where, suppressed: z.literal(true) }),
  z.object({ ...where, suppressed: z.literal(false), ...cultureStats }),
]).meta({ id: 'CulturePeriod' });
export type CulturePeriod = z.infer<typeof culturePeriod>;

export const culture = z.object({
  programme: z.object({ id: z.string(), name: z.string(), kAnonymity: z.int() }),
  period: z.enum(PERIOD_KINDS),
  by: z.enum(SEGMENTATIONS).nullable(),
  /** The periods served, and the latest one completed on asOf (later ones are still open). */
  range: z.object({
    fromPeriod: z.string(), toPeriod: z.string(), asOf: z.string(), latestCompleted: z.string(), includesOpenPeriod: z.boolean(),
  }),
  window: analyticsWindow,
  periods: z.array(culturePeriod),
  segments: z.array(culturePeriod),
});
export type Culture = z.infer<typeof culture>;

/** GET /programmes/:pid/cohorts: how each cohort's pairs are doing with the programme itself. */
export const cohortsQuery = z.object({ asOf: wholeDay.optional() });

/** A private aggregate: shown only over at least k pairs, and never solvable by subtraction (SECURITY.md). */
const privateRate = z.discriminatedUnion('suppressed', [
  z.object({ suppressed: z.literal(true) }),
  z.object({ suppressed: z.literal(false), pairs: count, rate }),
]);

export const cohortRow = z.object({
  /** The cohort's name; null for the programme as a whole. */
  cohort: z.string().nullable(),
  pairsEnrolled: count,
  /** Share of fit answers saying "working" (one per member and pair). */
  fit: privateRate,
  /** Share of the latest relationship checks saying the pairing is worth their time. */
  worthwhile: privateRate,
  /**
   * Response rate per calendar month, the latest last, pooled over the pairs
   * whose own monthly response rate is shown (shared/metrics/README.md, "Cohorts").
   */
  responseRate: z.array(z.object({ month: z.string(), pairs: count, rate })),
}).meta({ id: 'CohortRow' });
export type CohortRow = z.infer<typeof cohortRow>;

export const cohorts = z.object({
  programme: z.object({ id: z.string(), name: z.string(), kAnonymity: z.int() }),
  asOf: z.string(),
  overall: cohortRow,
  cohorts: z.array(cohortRow),
});
export type Cohorts = z.infer<typeof cohorts>;

/** The CSV exports: one header row, then one row per pair or per period (README, "Exports"). */
export const csvText = z.string().meta({ description: 'CSV, UTF-8, with a header row' });
