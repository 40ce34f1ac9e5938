// The JSON the dashboards read from the Worker (API.md plus the analytics
// shapes agreed with the analytics engineer). Types only: nothing here runs.

/** A Wilson 95% rate; null when nothing was counted (n = 0). */
export type Rate = { value: number; n: number; low: number; high: number } | null;

export type PairStatus = 'thriving' | 'steady' | 'at_risk' | 'insufficient_data';
export const FLAGS = ['lapsed', 'one_sided', 'helpline', 'guarded', 'diverging', 'tool_tutoring', 'silent'] as const;
export type Flag = (typeof FLAGS)[number];
export const TOPIC_NAMES = ['tools', 'ways_of_working', 'strategy', 'customers_markets', 'culture_perspectives', 'career'] as const;
export type TopicName = (typeof TOPIC_NAMES)[number];

export interface ProgrammeMetrics {
  pairsEnrolled: number;
  pairsActive: number;
  participantsActive: number;
  sessionsHeld: number;
  sessionsMissed: number;
  responseRate: Rate;
  /** low/high are read when the Worker sends them; the agreed shape has only mean, median and n. */
  health: { mean: number | null; median: number | null; n: number; histogram: number[]; low?: number | null; high?: number | null };
  statusCounts: Record<PairStatus, number>;
  flagCounts: Record<Flag, number>;
  mutualLearningRate: Rate;
  bidirectionalPairShare: Rate;
  opennessRate: Rate;
  depthRate: Rate;
  autonomyMean: { value: number; n: number } | null;
  topicCounts: Record<TopicName, number>;
  crossBoundary: { function: Rate; region: Rate; generation: Rate };
}

export interface PairMetrics {
  held: number | null;
  responseRate: number | null;
  value: number | null;
  agreement: number | null;
  reciprocity: number | null;
  mutualLearning: number | null;
  openness: number | null;
  autonomy: number | null;
  depth: number | null;
  cadence: number | null;
}

export interface DashboardPair {
  id: string;
  cohort?: string | null;
  members: Array<{ id: string; displayName: string }>;
  status: PairStatus;
  health: number | null;
  metrics: PairMetrics;
  flags: Array<{ flag: Flag | string; reason: string }>;
  /** Numbers withheld for want of both members' answers, each with its "not enough answers yet: …" text. */
  withheld?: Partial<Record<keyof PairMetrics | 'health', string>>;
}

export interface AnalyticsWindow {
  from: string;
  to: string;
  asOf: string;
}

export interface ProgrammeRef {
  id: string;
  name: string;
  kAnonymity: number;
  minAnswersPerMember?: number;
}

export interface Dashboard {
  programme: ProgrammeRef;
  window: AnalyticsWindow;
  summary: ProgrammeMetrics;
  months: Array<ProgrammeMetrics & { month: string }>;
  pairs: DashboardPair[];
  atRisk: DashboardPair[];
}

export interface PairDetail {
  pair: DashboardPair & { mentorId: string | null; startsOn: string; endsOn: string | null; cadenceDays: number };
  window: AnalyticsWindow;
  months: Array<{
    month: string;
    held: number | null;
    missed: number | null;
    health: number | null;
    value: number | null;
    reciprocity: number | null;
    autonomy: number | null;
    openness: number | null;
    responseRate: number | null;
    withheld?: Partial<Record<string, string>>;
  }>;
  /** status is null while either member has too few answers in the window for it to be shown. */
  sessions: Array<{ start: string; status: 'held' | 'missed' | 'unknown' | null }>;
}

export type Change = { value: number; low: number; high: number } | null;

export interface CulturePeriod {
  period: string;
  segment?: string;
  suppressed: boolean;
  pairsActive?: number;
  participantsActive?: number;
  newPairs?: number;
  mutualLearningRate?: Rate;
  opennessRate?: Rate;
  depthRate?: Rate;
  healthMean?: number | null;
  crossBoundary?: { function: number; region: number; generation: number };
  network?: { peopleConnected: number; largestComponent: number; components: number };
  roleFlips?: number;
  /** null: no earlier period. suppressed: the period before is hidden, so retention and change are withheld. */
  previous?: { period: string; suppressed: boolean } | null;
  retention?: Rate | null;
  change?: { mutualLearningRate: Change; opennessRate: Change; depthRate: Change };
}

export type Segmentation = 'function' | 'region' | 'generation' | 'cohort';

export interface Culture {
  programme: ProgrammeRef;
  period: 'year' | 'quarter';
  by: Segmentation | null;
  range?: { fromPeriod: string; toPeriod: string; asOf: string; latestCompleted: string; includesOpenPeriod: boolean };
  periods: CulturePeriod[];
  segments: CulturePeriod[];
}

/** One row of the admin's programme list (GET /programmes). */
export interface ProgrammeSummary extends ProgrammeRef {
  createdAt: string;
  participants: number;
  pairs: number;
}

export interface Programme extends ProgrammeRef {
  weights?: Record<string, number>;
}

export interface Participant {
  id: string;
  displayName: string;
  email: string;
  function?: string | null;
  region?: string | null;
  generation?: string | null;
  inviteCode?: string | null;
  redeemed: boolean;
}

export interface PairRow {
  id: string;
  a: { id: string; displayName: string };
  b: { id: string; displayName: string };
  mentorId: string | null;
  cohort: string | null;
  startsOn: string;
  endsOn: string | null;
  cadenceDays: number;
}

export interface ImportReport {
  rows: Array<{ line: number; type: string; status: 'created' | 'existing' | 'rejected'; id?: string; error?: string }>;
  created: number;
  rejected: number;
}

export interface NewProgramme {
  id: string;
  coordinatorToken: string;
  sponsorToken: string;
}
