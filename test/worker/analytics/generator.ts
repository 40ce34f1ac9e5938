// A seeded synthetic programme for the analytics tests: people, pairs over
// about three years, and history lines in varied patterns (healthy, one-sided,
// helpline, lapsed, silent, guarded). The same seed always gives the same data.

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
export const PATTERNS = ['healthy', 'one_sided', 'helpline', 'lapsed', 'silent', 'guarded'] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface GeneratedPerson { displayName: string; email: string; function: string; region: string; generation: string }
export interface GeneratedPair {
  a: number; b: number; mentor: 'a' | 'b' | null; cohort: string; startsOn: string; endsOn: string | null;
  cadenceDays: number; pattern: Pattern;
}
export interface GeneratedResponse {
  member: 'a' | 'b'; happened: boolean; value?: number; learned?: boolean; openness?: boolean;
  autonomy?: 'did_it_for_me' | 'showed_me' | 'i_can_now'; topics?: string[];
}
export interface GeneratedSession { pair: number; eventKey: string; start: string; end: string; responses: GeneratedResponse[] }

const TOPICS = ['tools', 'ways_of_working', 'strategy', 'customers_markets', 'culture_perspectives', 'career'];

export function generateProgramme(seed: number, options: { people: number; pairs: number; from: string; asOf: string; maxSessions: number }) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const people: GeneratedPerson[] = Array.from({ length: options.people }, (_, i) => ({
    displayName: `Person ${i}`,
    email: `person${i}@gen.test`,
    function: pick(['IT', 'Sales', 'Ops', 'HR', 'Finance', '']),
    region: pick(['EU', 'US', 'APAC', '']),
    generation: pick(['Z', 'Y', 'X', 'Boomer']),
  }));
  const from = Date.parse(options.from);
  const asOf = Date.parse(options.asOf);
  const span = Math.floor((asOf - from) / DAY) - 30;
  const pairs: GeneratedPair[] = Array.from({ length: options.pairs }, () => {
    const a = Math.floor(rnd() * options.people);
    const b = (a + 1 + Math.floor(rnd() * (options.people - 1))) % options.people;
    const start = from + Math.floor(rnd() * span) * DAY;
    return {
      a, b,
      mentor: chance(0.6) ? 'a' : chance(0.5) ? 'b' : null,
      cohort: `C${new Date(start).getUTCFullYear()}`,
      startsOn: new Date(start).toISOString().slice(0, 10),
      endsOn: chance(0.5) ? new Date(start + (120 + Math.floor(rnd() * 300)) * DAY).toISOString().slice(0, 10) : null,
      cadenceDays: pick([7, 14, 14, 28]),
      pattern: pick(PATTERNS),
    };
  });
  const sessions: GeneratedSession[] = [];
  pairs.forEach((pair, index) => {
    const start = Date.parse(`${pair.startsOn}T00:00:00Z`);
    const enrolEnd = pair.endsOn ? Date.parse(`${pair.endsOn}T00:00:00Z`) + DAY : Infinity;
    const stop = pair.pattern === 'lapsed' ? start + (30 + Math.floor(rnd() * 120)) * DAY : Infinity;
    const until = Math.min(enrolEnd, stop, asOf - DAY);
    let t = start + Math.floor(rnd() * pair.cadenceDays) * DAY + (9 + Math.floor(rnd() * 8)) * 3_600_000;
    for (let i = 0; i < options.maxSessions && t < until; i++) {
      sessions.push({
        pair: index, eventKey: `ev-${index}-${i}`,
        start: new Date(t).toISOString(), end: new Date(t + 3_600_000).toISOString(),
        responses: responsesFor(pair, rnd),
      });
      t += (pair.cadenceDays + Math.floor(rnd() * 5) - 2) * DAY;
    }
  });
  return { people, pairs, sessions };
}

function responsesFor(pair: GeneratedPair, rnd: () => number): GeneratedResponse[] {
  const chance = (p: number) => rnd() < p;
  const answerRate = pair.pattern === 'silent' ? 0.12 : 0.85;
  const happened = !chance(0.08);
  const mentee = pair.mentor === 'a' ? 'b' : pair.mentor === 'b' ? 'a' : null;
  const out: GeneratedResponse[] = [];
  for (const member of ['a', 'b'] as const) {
    if (!chance(answerRate)) continue;
    // Now and then one member thinks the session did not happen while the other says it did.
    if (!happened || chance(0.03)) {
      out.push({ member, happened: false });
      continue;
    }
    const r: GeneratedResponse = { member, happened: true, value: 1 + Math.floor(rnd() * 5) };
    if (pair.pattern === 'healthy' || pair.pattern === 'lapsed' || pair.pattern === 'silent') r.value = 3 + Math.floor(rnd() * 3);
    if (pair.pattern === 'guarded') r.value = member === 'a' ? 5 : 1 + Math.floor(rnd() * 2);
    if (chance(0.85)) r.learned = pair.pattern === 'one_sided' ? (member === 'a' ? chance(0.9) : chance(0.1)) : chance(0.75);
    if (chance(0.8)) r.openness = pair.pattern === 'guarded' ? chance(0.2) : chance(0.9);
    if ((mentee === null || member === mentee) && chance(0.7)) {
      r.autonomy = pair.pattern === 'helpline' ? (chance(0.8) ? 'did_it_for_me' : 'showed_me') : (['did_it_for_me', 'showed_me', 'i_can_now'] as const)[Math.floor(rnd() * 3)]!;
    }
    if (chance(0.7)) {
      r.topics = pair.pattern === 'helpline' ? ['tools'] : TOPICS.filter(() => chance(0.3));
    }
    out.push(r);
  }
  return out;
}
