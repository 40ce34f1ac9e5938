// Sample analytics answers in the agreed shapes, for rendering components without a Worker.
import type { Culture, CulturePeriod, Dashboard, DashboardPair, PairDetail, ProgrammeMetrics, Rate } from '../../shared/contract';

export const rate = (x: number, n: number, low: number, high: number): Rate => ({ value: x / n, n, low, high });

export function programmeMetrics(overrides: Partial<ProgrammeMetrics> = {}): ProgrammeMetrics {
  return {
    pairsEnrolled: 12,
    pairsActive: 9,
    participantsActive: 18,
    sessionsHeld: 40,
    sessionsMissed: 5,
    responseRate: rate(63, 90, 0.6, 0.78),
    health: { mean: 64.4, median: 66, n: 9, low: null, high: null, histogram: [0, 0, 1, 1, 1, 1, 2, 2, 1, 0] },
    statusCounts: { thriving: 3, steady: 3, at_risk: 4, insufficient_data: 2 },
    flagCounts: { lapsed: 1, one_sided: 1, helpline: 1, guarded: 1, diverging: 0, tool_tutoring: 2, silent: 0 },
    mutualLearningRate: rate(20, 32, 0.47, 0.77),
    bidirectionalPairShare: rate(6, 9, 0.35, 0.88),
    opennessRate: rate(50, 60, 0.72, 0.91),
    depthRate: rate(25, 38, 0.5, 0.79),
    autonomyMean: { value: 0.62, n: 20 },
    topicCounts: { tools: 18, ways_of_working: 9, strategy: 6, customers_markets: 3, culture_perspectives: 7, career: 2 },
    crossBoundary: { function: rate(8, 12, 0.39, 0.86), region: rate(4, 12, 0.14, 0.61), generation: rate(11, 12, 0.65, 0.99) },
    ...overrides,
  };
}

const metrics = (over: Partial<DashboardPair['metrics']> = {}): DashboardPair['metrics'] => ({
  held: 4,
  responseRate: 0.75,
  value: 0.6,
  agreement: 0.8,
  reciprocity: 0.9,
  mutualLearning: 0.5,
  openness: 0.7,
  autonomy: null,
  depth: 0.5,
  cadence: 1,
  ...over,
});

export const helplinePair: DashboardPair = {
  id: 'pair-helpline',
  withheld: {},
  cohort: '2026-spring',
  members: [
    { id: 'p1', displayName: 'Ada Senior' },
    { id: 'p2', displayName: 'Ben Junior' },
  ],
  status: 'at_risk',
  health: 41,
  metrics: metrics({ autonomy: 0.125 }),
  flags: [
    { flag: 'helpline', reason: '3 of the last 4 autonomy answers were “did it for me”' },
    { flag: 'lapsed', reason: 'No session held in the last 28 days (cadence 14 days)' },
  ],
};

export const lowHealthPair: DashboardPair = {
  id: 'pair-low',
  withheld: {},
  cohort: '',
  members: [
    { id: 'p3', displayName: 'Cleo Park' },
    { id: 'p4', displayName: 'Dev Rao' },
  ],
  status: 'at_risk',
  health: 44,
  metrics: metrics({ value: 0.2 }),
  flags: [],
};

export const thrivingPair: DashboardPair = {
  id: 'pair-good',
  withheld: {},
  cohort: '',
  members: [
    { id: 'p5', displayName: 'Eve Long' },
    { id: 'p6', displayName: 'Finn Ng' },
  ],
  status: 'thriving',
  health: 88,
  metrics: metrics(),
  flags: [],
};

export function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    programme: { id: 'prog-1', name: 'Reverse mentoring 2026', kAnonymity: 5, minAnswersPerMember: 3 },
    window: { from: '2026-08-25T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z', asOf: '2026-11-23T00:00:00.000Z' },
    summary: programmeMetrics(),
    months: [
      { month: '2026-09', ...programmeMetrics() },
      { month: '2026-10', ...programmeMetrics({ mutualLearningRate: null }) },
    ],
    pairs: [helplinePair, lowHealthPair, thrivingPair],
    atRisk: [helplinePair, lowHealthPair],
    pairsPage: { total: 3, limit: 100, sort: 'id', order: 'asc', nextCursor: null },
    served: { from: 'snapshot', computedAt: '2026-11-23T00:05:00.000Z' },
    withheldReasons: {},
    ...overrides,
  };
}

export const pairDetail: PairDetail = {
  pair: {
    ...helplinePair, mentorId: 'p2', startsOn: '2026-03-01', endsOn: null, cadenceDays: 14, n: { value: 8, autonomy: 4, responseRate: 10 },
    tipsShown: [{ flag: 'helpline', firstShownOn: '2026-10-02', lastShownOn: '2026-11-20' }],
  },
  window: dashboard().window,
  months: [
    { month: '2026-09', held: 2, missed: 0, health: 60, value: 0.6, reciprocity: 0.8, autonomy: 0.25, openness: 0.7, responseRate: 1, withheld: {} },
    { month: '2026-10', held: 0, missed: 1, health: null, value: null, reciprocity: null, autonomy: null, openness: null, responseRate: 0.5, withheld: {} },
  ],
  sessions: [
    { start: '2026-09-03T10:00:00.000Z', status: 'held' },
    { start: '2026-09-17T10:00:00.000Z', status: 'held' },
    { start: '2026-10-01T10:00:00.000Z', status: 'missed' },
    { start: '2026-10-15T10:00:00.000Z', status: 'unknown' },
  ],
};

const period = (name: string, over: Record<string, unknown> = {}): CulturePeriod => ({
  period: name,
  suppressed: false,
  pairsActive: 12,
  participantsActive: 24,
  newPairs: 4,
  mutualLearningRate: rate(30, 50, 0.46, 0.73),
  opennessRate: rate(40, 55, 0.6, 0.83),
  depthRate: rate(20, 45, 0.31, 0.59),
  healthMean: 67,
  crossBoundary: { function: 7, region: 3, generation: 10 },
  network: { peopleConnected: 24, largestComponent: 6, components: 8 },
  roleFlips: 1,
  retention: rate(15, 20, 0.53, 0.89),
  change: { mutualLearningRate: { value: 0.05, low: -0.1, high: 0.19 }, opennessRate: null, depthRate: { value: -0.02, low: -0.2, high: 0.16 } },
  closing: {
    suppressed: false,
    pairs: 6,
    again: rate(8, 11, 0.43, 0.9),
    changed: { more_confident: rate(5, 11, 0.21, 0.72), new_network: rate(3, 11, 0.1, 0.57), new_skills: rate(6, 11, 0.28, 0.79), new_perspective: rate(2, 11, 0.05, 0.48) },
  },
  ...over,
}) as CulturePeriod;

export function culture(overrides: Partial<Culture> = {}): Culture {
  return {
    programme: { id: 'prog-1', name: 'Reverse mentoring 2026', kAnonymity: 5 },
    period: 'year',
    by: 'region',
    range: { fromPeriod: '2025', toPeriod: '2026', asOf: '2027-01-01T00:00:00.000Z', latestCompleted: '2026', includesOpenPeriod: false },
    window: { from: '2025-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z', asOf: '2027-01-01T00:00:00.000Z' },
    periods: [period('2025', { retention: null, change: { mutualLearningRate: null, opennessRate: null, depthRate: null }, closing: { suppressed: true } }), period('2026')],
    segments: [
      period('2025', { segment: 'EMEA' }),
      { period: '2025', segment: 'APAC', suppressed: true },
      period('2026', { segment: 'EMEA', mutualLearningRate: rate(9, 12, 0.47, 0.91) }),
      { period: '2026', segment: 'APAC', suppressed: true },
    ],
    ...overrides,
  };
}
