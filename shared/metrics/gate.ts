// Pair numbers need both voices (shared/metrics/README.md, "Both voices"). A
// pair-level number over a window is shown only when EACH member gave at least
// m answers of the kind it is built from in that window; otherwise it reads
// "not enough answers yet", in words that never say which member is short.
// Flags and status are judged on every answer, exactly as defined; only the
// numbers are withheld.
import type { HealthWeights } from '../schemas';
import { answeredHeld, pairHealth, pairMetrics, type PairAssessment, type PairInfo, type PairMetrics, type Window } from './pair';
import { emptyTally, type MemberAnswer, type PairTally, type SessionRecord } from './tally';

/** The kinds of answer a pair number is built from. */
export const VOICES = ['responses', 'values', 'learned', 'openness', 'autonomy', 'topics'] as const;
export type Voice = (typeof VOICES)[number];

/** How many answers of each kind one member gave in a window. */
export type MemberVoices = Record<Voice, number>;
export interface PairVoices {
  a: MemberVoices;
  b: MemberVoices;
}

/** What each published pair number needs from both members. */
export const METRIC_VOICE: Record<keyof PairMetrics | 'health', Voice> = {
  held: 'responses',
  responseRate: 'responses',
  cadence: 'responses',
  health: 'responses',
  value: 'values',
  agreement: 'values',
  reciprocity: 'learned',
  mutualLearning: 'learned',
  openness: 'openness',
  autonomy: 'autonomy',
  depth: 'topics',
};

const VOICE_WORDS: Record<Voice, string> = {
  responses: 'answers',
  values: 'value ratings',
  learned: '"I learned something" answers',
  openness: '"I could speak openly" answers',
  autonomy: 'autonomy answers',
  topics: 'topic answers',
};

export const NOT_ENOUGH_ANSWERS = 'not enough answers yet';

/** The words shown instead of a withheld number: the same whichever member is short. */
export function notEnoughAnswers(voice: Voice, m: number): string {
  return `${NOT_ENOUGH_ANSWERS}: needs at least ${m} ${VOICE_WORDS[voice]} from each member`;
}

type Withholding = { withheld: Partial<Record<string, string>> };

/**
 * A list's withheld texts said once (README, "Dashboard paging and served
 * figures"): the explanation of a withheld metric is the same for every pair
 * of a programme, so each pair keeps only the short words (NOT_ENOUGH_ANSWERS)
 * and `withheldReasons` holds the full text once per metric. A text that
 * differs from the metric's first one stays in full.
 */
export function shareWithheldReasons<P extends Withholding>(pairs: readonly P[]): { pairs: P[]; withheldReasons: Record<string, string> } {
  const withheldReasons: Record<string, string> = {};
  const shared = pairs.map((pair) => {
    const withheld: Record<string, string> = {};
    for (const [metric, text] of Object.entries(pair.withheld)) {
      if (text === undefined) continue;
      withheldReasons[metric] ??= text;
      withheld[metric] = withheldReasons[metric] === text ? NOT_ENOUGH_ANSWERS : text;
    }
    return { ...pair, withheld };
  });
  return { pairs: shared, withheldReasons };
}

/** The full texts back in each pair (what shareWithheldReasons took out). */
export function withWithheldReasons<P extends Withholding>(pairs: readonly P[], reasons: Readonly<Record<string, string>>): P[] {
  return pairs.map((pair) => ({
    ...pair,
    withheld: Object.fromEntries(Object.entries(pair.withheld).map(([metric, text]) => [metric, text === NOT_ENOUGH_ANSWERS ? (reasons[metric] ?? text) : text])),
  }));
}

const noVoices = (): MemberVoices => ({ responses: 0, values: 0, learned: 0, openness: 0, autonomy: 0, topics: 0 });

function count(v: MemberVoices, answer: MemberAnswer | null): void {
  if (!answer) return;
  v.responses += 1;
  if (answer.value != null) v.values += 1;
  if (answer.learned != null) v.learned += 1;
  if (answer.openness != null) v.openness += 1;
  if (answer.autonomy != null) v.autonomy += 1;
  if (answer.topics != null) v.topics += 1;
}

/** Each member's answers of each kind among `sessions` (those of one pair in one window). */
export function pairVoices(sessions: Iterable<SessionRecord>): PairVoices {
  const voices = { a: noVoices(), b: noVoices() };
  for (const s of sessions) {
    count(voices.a, s.a);
    count(voices.b, s.b);
  }
  return voices;
}

/** THE RULE: a kind of answer may feed a shown number when each member gave at least m of it. */
export function bothVoices(voices: PairVoices, voice: Voice, m: number): boolean {
  return voices.a[voice] >= m && voices.b[voice] >= m;
}

/**
 * The tally with every part that lacks both voices emptied, so that anything
 * computed from it (pair numbers, and programme sums over pairs) can only use
 * answers the rule admits. A programme total that still held a withheld part
 * would give that part away by subtracting the shown pairs from it.
 */
export function publishedTally(t: PairTally, voices: PairVoices, m: number): PairTally {
  const open = (voice: Voice) => bothVoices(voices, voice, m);
  const out: PairTally = { ...t, topics: { ...t.topics } };
  const empty = emptyTally();
  if (!open('responses')) Object.assign(out, { sessions: 0, held: 0, missed: 0, responses: 0, heldNotAsked: 0, notAskedSlots: 0, lastHeldAt: null });
  if (!open('values')) Object.assign(out, { aValueSum: 0, aValueN: 0, bValueSum: 0, bValueN: 0 });
  if (!open('learned')) Object.assign(out, { aLearnedYes: 0, aLearnedN: 0, bLearnedYes: 0, bLearnedN: 0, mutualYes: 0, mutualN: 0 });
  if (!open('openness')) Object.assign(out, { opennessYes: 0, opennessN: 0 });
  if (!open('autonomy')) Object.assign(out, { autonomySum: 0, autonomyN: 0 });
  if (!open('topics')) Object.assign(out, { deepSessions: 0, topicSessions: 0, topics: empty.topics });
  return out;
}

export interface PublishedPair {
  /** The tally behind the shown numbers (for programme sums). */
  tally: PairTally;
  assessment: PairAssessment;
  /** Why each withheld number is not shown. */
  withheld: Partial<Record<keyof PairMetrics | 'health', string>>;
}

/**
 * What a coordinator is shown of one pair over one window: the numbers the
 * rule admits (health from the shown components only, so it cannot be solved
 * for a withheld one), and the flags and status judged on every answer.
 */
export function publishPair(
  pair: PairInfo,
  tally: PairTally,
  assessment: PairAssessment,
  voices: PairVoices,
  m: number,
  window: Window,
  weights: HealthWeights,
): PublishedPair {
  const shown = publishedTally(tally, voices, m);
  const responsesOpen = bothVoices(voices, 'responses', m);
  const computed = pairMetrics(pair, shown, window);
  const metrics: PairMetrics = responsesOpen ? computed : { ...computed, held: null, responseRate: null, cadence: null };
  const health = responsesOpen ? pairHealth(metrics, weights, answeredHeld(shown)) : null;
  const withheld: PublishedPair['withheld'] = {};
  for (const [metric, voice] of Object.entries(METRIC_VOICE) as [keyof PublishedPair['withheld'], Voice][]) {
    if (!bothVoices(voices, voice, m)) withheld[metric] = notEnoughAnswers(voice, m);
  }
  return { tally: shown, assessment: { ...assessment, metrics, health }, withheld };
}
