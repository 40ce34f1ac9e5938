// The names an answer and an assessment are made of, and the words people read
// for them: one list each, shared by the Worker, the dashboard and the
// extension. Kept free of zod so that the extension's background and popup can
// import it without the schema library.

export const TOPICS = [
  'tools',
  'ways_of_working',
  'strategy',
  'customers_markets',
  'culture_perspectives',
  'career',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
  tools: 'Tools',
  ways_of_working: 'Ways of working',
  strategy: 'Strategy',
  customers_markets: 'Customers & markets',
  culture_perspectives: 'Culture & perspectives',
  career: 'Career',
};

/** The autonomy ladder, from dependence to independence, with its score. */
export const AUTONOMY_SCORES = { did_it_for_me: 0, showed_me: 0.5, i_can_now: 1 } as const;
export type Autonomy = keyof typeof AUTONOMY_SCORES;
export const AUTONOMY_LEVELS = Object.keys(AUTONOMY_SCORES) as Autonomy[];

/**
 * The third answer a participant may give about a prompted meeting: it was no
 * mentoring session at all (shared/metrics/README.md: such a session counts nowhere).
 */
export const NOT_A_SESSION = 'not_a_session' as const;

/**
 * Answers each member of a pair must have in a window before a pair-level
 * number over it is shown (SECURITY.md, "Participants, partners and
 * coordinators"). Never below 2: with one answer a number is that answer.
 */
export const DEFAULT_MIN_ANSWERS_PER_MEMBER = 3;

/** A pair's flags (shared/metrics/README.md, "Flags"). */
export const FLAGS = ['lapsed', 'one_sided', 'helpline', 'guarded', 'diverging', 'tool_tutoring', 'silent'] as const;
export type FlagName = (typeof FLAGS)[number];

/** A pair's status (shared/metrics/README.md, "Status"). */
export const STATUSES = ['thriving', 'steady', 'at_risk', 'insufficient_data'] as const;
export type PairStatus = (typeof STATUSES)[number];

/** The attributes a pair can cross (shared/metrics/README.md, "Cross-boundary"). */
export const BOUNDARIES = ['function', 'region', 'generation'] as const;
export type Boundary = (typeof BOUNDARIES)[number];
export const SEGMENTATIONS = [...BOUNDARIES, 'cohort'] as const;
export type Segmentation = (typeof SEGMENTATIONS)[number];

/** Topics as stored: one bit per topic, in the order of TOPICS. */
export function topicsToMask(topics: readonly Topic[] | undefined): number | null {
  if (!topics) return null;
  return topics.reduce((mask, topic) => mask | (1 << TOPICS.indexOf(topic)), 0);
}

export function maskToTopics(mask: number | null | undefined): Topic[] | undefined {
  if (mask === null || mask === undefined) return undefined;
  return TOPICS.filter((_, bit) => mask & (1 << bit));
}
