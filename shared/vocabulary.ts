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

// The pair's loop (README, "What the pair gets back"): the private questions
// asked beside session prompts, the requests a person may send the programme
// team, and the tips a pair sees when a flag is raised.

/** "Is this pairing working for you?", asked once, with a person's first held session of a pair. */
export const FIT_ANSWERS = ['working', 'not_sure', 'not_working'] as const;
export type FitAnswer = (typeof FIT_ANSWERS)[number];
export const FIT_LABELS: Record<FitAnswer, string> = {
  working: 'Working',
  not_sure: 'Not sure yet',
  not_working: 'Not working',
};

/** The relationship check's two one-click questions, at 30 days and then every 90 days. */
export const CHECK_WORTHWHILE = ['yes', 'unsure', 'no'] as const;
export type CheckWorthwhile = (typeof CHECK_WORTHWHILE)[number];
export const CHECK_PACE = ['right', 'too_little', 'too_much'] as const;
export type CheckPace = (typeof CHECK_PACE)[number];
export const FIRST_CHECK_DAYS = 30;
export const CHECK_INTERVAL_DAYS = 90;

/** The closing question, when a pair ends: "Would you do this again?" and "What changed for you?". */
export const CLOSING_AGAIN = ['yes', 'maybe', 'no'] as const;
export type ClosingAgain = (typeof CLOSING_AGAIN)[number];
export const CLOSING_CHANGES = ['more_confident', 'new_network', 'new_skills', 'new_perspective'] as const;
export type ClosingChange = (typeof CLOSING_CHANGES)[number];
export const CLOSING_CHANGE_LABELS: Record<ClosingChange, string> = {
  more_confident: 'More confident',
  new_network: 'New network',
  new_skills: 'New skills',
  new_perspective: 'New perspective',
};

/** What a person may ask the programme team for, and how soon. */
export const REQUEST_KINDS = ['rematch', 'contact'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const URGENCIES = ['whenever', 'this_week', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  whenever: 'Whenever suits',
  this_week: 'This week',
  urgent: 'Urgent',
};
export const REQUEST_STATUSES = ['open', 'handled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A short private tip for the pair, one per flag, shown with their joint summary. */
export const FLAG_TIPS: Record<FlagName, string> = {
  lapsed: 'It has been a while: put your next session in the calendar before you close this.',
  one_sided: 'Each of you name one thing you could teach the other, and start the next session with it.',
  helpline: 'Next time, try "show me" rather than "do it for me": the one asking drives the keyboard.',
  guarded: 'Agree that what is said in your sessions stays there, and start with something that went wrong this month.',
  diverging: 'Ask each other what would make the next session worth the time, and plan it around both answers.',
  tool_tutoring: 'Beyond the tools: pick a topic such as strategy, customers or career for your next session.',
  silent: 'A one-click answer after each session keeps your summary and your programme team up to date.',
};
