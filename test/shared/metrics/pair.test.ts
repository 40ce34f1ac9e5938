import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS, assessPair, effectiveWeights, flagEvidence, pairFlags, pairHealth, pairMetrics, pairStatus, sessionsBetween,
  sessionTimeline, tallySessions,
  type Flag, type FlagName, type PairMetrics, type SessionRecord,
} from '../../../shared/metrics';
import { answer, at, missed, pair, session, T0, window } from './build';

// shared/metrics/README.md, "Worked example".
const worked: SessionRecord[] = [
  session(3, answer({ value: 4, learned: true, openness: true }), answer({ value: 2, learned: false, openness: false })),
  session(17, answer({ value: 5, learned: true, openness: true }), answer({ value: 3, learned: true })),
];

describe('the worked example', () => {
  const w = window(0, 28);
  const m = pairMetrics(pair(), tallySessions(worked), w);

  it('gives the published metrics', () => {
    expect(m.held).toBe(2);
    expect(m.value).toBeCloseTo(0.625, 12);
    expect(m.agreement).toBeCloseTo(0.5, 12);
    expect(m.reciprocity).toBeCloseTo(2 / 3, 12);
    expect(m.mutualLearning).toBeCloseTo(0.5, 12);
    expect(m.openness).toBeCloseTo(2 / 3, 12);
    expect(m.cadence).toBe(1);
    expect(m.autonomy).toBeNull();
    expect(m.depth).toBeNull();
    expect(m.responseRate).toBe(1);
  });

  it('scores health 71 and is steady', () => {
    const a = assessPair(pair(), tallySessions(worked), w, flagEvidence(worked, w.to));
    expect(a.health).toBe(71);
    expect(a.flags).toEqual([]);
    expect(a.status).toBe('steady');
  });

  it('lets a programme override a weight and keeps the others', () => {
    expect(pairHealth(m, effectiveWeights({ cadence: 0 }))).toBe(Math.round((100 * (0.25 * 0.625 + 0.2 * (2 / 3) + 0.15 * (2 / 3) + 0.1 * 0.5)) / 0.7));
  });
});

describe('not enough data', () => {
  it('leaves every metric but held null without sessions, and health null', () => {
    const m = pairMetrics(pair(), tallySessions([]), window(0, 90));
    expect(m).toEqual({ held: 0, responseRate: null, value: null, agreement: null, reciprocity: null, mutualLearning: null, openness: null, autonomy: null, depth: null, cadence: 0 });
    expect(pairHealth(m)).toBeNull();
  });

  it('needs two held sessions for health', () => {
    const one = pairMetrics(pair(), tallySessions([session(1, answer({ value: 5 }), null)]), window(0, 28));
    expect(one.value).toBe(1);
    expect(pairHealth(one)).toBeNull();
    expect(pairStatus([], null)).toBe('insufficient_data');
  });

  it('defines agreement and reciprocity only when both members answered', () => {
    const m = pairMetrics(pair(), tallySessions([session(1, answer({ value: 5, learned: true }), missed())]), window(0, 28));
    expect(m.agreement).toBeNull();
    expect(m.reciprocity).toBeNull();
    expect(m.mutualLearning).toBeNull();
    expect(m.responseRate).toBe(1);
  });

  it('gives reciprocity 0 when both members answered no', () => {
    const m = pairMetrics(pair(), tallySessions([session(1, answer({ learned: false }), answer({ learned: false }))]), window(0, 28));
    expect(m.reciprocity).toBe(0);
  });

  it('counts a session with only "did not happen" answers as missed, not held', () => {
    const t = tallySessions([session(1, missed(), missed()), session(2, null, null), session(3, missed(), answer())]);
    expect(t).toMatchObject({ sessions: 3, held: 1, missed: 1, responses: 4 });
  });
});

describe('cadence', () => {
  it('is undefined while the active part of the window is shorter than the cadence', () => {
    const w = window(0, 90, 13);
    expect(pairMetrics(pair(), tallySessions([]), w).cadence).toBeNull();
    expect(pairMetrics(pair(), tallySessions([]), window(0, 90, 14)).cadence).toBe(0);
  });

  it('counts only days after the pair starts and up to its end', () => {
    const p = pair({ startsOn: '2026-01-29', endsOn: '2026-02-11', cadenceDays: 7 });
    // Enrolled 14 days of the 90: two sessions due, one held.
    const m = pairMetrics(p, tallySessions([session(30, answer(), null)]), window(0, 90));
    expect(m.cadence).toBe(0.5);
  });

  it('never exceeds 1', () => {
    const m = pairMetrics(pair(), tallySessions([1, 2, 3, 4].map((d) => session(d, answer(), null))), window(0, 28));
    expect(m.cadence).toBe(1);
  });
});

const baseMetrics: PairMetrics = { held: 4, responseRate: 1, value: 0.75, agreement: 1, reciprocity: 1, mutualLearning: 1, openness: 1, autonomy: 1, depth: 1, cadence: 1 };
const flagsOf = (sessions: SessionRecord[], w = window(0, 90), p = pair()): FlagName[] => {
  const t = tallySessions(sessions);
  return pairFlags(p, t, pairMetrics(p, t, w), w, flagEvidence(sessions, w.to)).map((f) => f.flag);
};
const days = (n: number, from = 60) => Array.from({ length: n }, (_, i) => from + 3 * i);

describe('flags at, just below and just above their thresholds', () => {
  it('one_sided: each member ≥ 3 learned answers and R < 0.5', () => {
    // a learns 1 of 3, b 3 of 3: R = 2·(1/3)/(4/3) = 0.5 → not raised; with 1 of 4 R = 0.4 → raised.
    const make = (aYes: boolean[], bYes: boolean[]) =>
      aYes.map((y, i) => session(60 + i, answer({ learned: y }), bYes[i] === undefined ? answer() : answer({ learned: bYes[i]! })));
    expect(flagsOf(make([true, false, false], [true, true, true]))).not.toContain('one_sided');
    expect(flagsOf(make([true, false, false, false], [true, true, true, true]))).toContain('one_sided');
    // Only 2 learned answers from a: not enough evidence, even with R = 0.
    expect(flagsOf(make([false, false, false], [true, true]))).not.toContain('one_sided');
  });

  it('helpline: ≥ 3 of the latest 4 autonomy answers exist and ≥ half are "did it for me"', () => {
    const auto = (scores: number[]) => scores.map((s, i) => session(60 + i, answer({ autonomy: s }), answer()));
    expect(flagsOf(auto([0, 0]))).not.toContain('helpline');
    expect(flagsOf(auto([0, 0, 1]))).toContain('helpline');
    expect(flagsOf(auto([0, 1, 1]))).not.toContain('helpline');
    expect(flagsOf(auto([0, 0, 1, 1]))).toContain('helpline');
    // Older "did it for me" answers fall out of the latest four.
    expect(flagsOf(auto([0, 0, 0, 1, 1, 0.5, 0]))).not.toContain('helpline');
  });

  it('guarded: ≥ 3 openness answers and openness < 0.5', () => {
    const open = (ys: boolean[]) => ys.map((y, i) => session(60 + i, answer({ openness: y }), null));
    expect(flagsOf(open([false, false]))).not.toContain('guarded');
    expect(flagsOf(open([true, false, false]))).toContain('guarded');
    expect(flagsOf(open([true, true, false, false]))).not.toContain('guarded');
  });

  it('diverging: each member ≥ 3 values and a gap of at least 1.5', () => {
    const rated = (as: number[], bs: number[]) => as.map((v, i) => session(60 + i, answer({ value: v }), bs[i] === undefined ? null : answer({ value: bs[i]! })));
    expect(flagsOf(rated([5, 5, 5], [4, 3, 4]))).not.toContain('diverging'); // gap 1.333
    expect(flagsOf(rated([5, 5, 4], [3, 3, 3]))).toContain('diverging'); // gap 1.667
    expect(flagsOf(rated([5, 5, 5, 5], [4, 4, 3, 3]))).toContain('diverging'); // gap exactly 1.5
    expect(flagsOf(rated([5, 5, 5], [1, 1]))).not.toContain('diverging'); // b has only 2 values
  });

  it('tool_tutoring: ≥ 4 held sessions with topics and depth < 0.25', () => {
    const tools = 0b1;
    const strategy = 0b100;
    const topics = (masks: number[]) => masks.map((m, i) => session(60 + i, answer({ topics: m }), null));
    expect(flagsOf(topics([tools, tools, tools]))).not.toContain('tool_tutoring');
    expect(flagsOf(topics([tools, tools, tools, tools]))).toContain('tool_tutoring');
    expect(flagsOf(topics([tools, tools, tools, strategy]))).not.toContain('tool_tutoring'); // depth exactly 0.25
    expect(flagsOf(topics([tools, tools, tools, tools, strategy]))).toContain('tool_tutoring'); // 0.2
  });

  it('silent: ≥ 3 sessions in the window and response rate < 0.3', () => {
    const detected = (answered: number, total: number) =>
      days(total).map((d, i) => session(d, i < answered ? answer() : null, null));
    expect(flagsOf(detected(0, 2))).not.toContain('silent');
    expect(flagsOf(detected(1, 3))).toContain('silent'); // 1/6
    expect(flagsOf(detected(3, 5))).not.toContain('silent'); // 3/10 exactly
    expect(flagsOf(detected(2, 4))).toContain('silent'); // 2/8
  });

  it('lapsed: enrolled ≥ 2 cadences and no held session in the last 2 cadences', () => {
    const w = window(0, 90);
    // Last held on day 62: 28 days before day 90 → still fine; on day 61.9 → lapsed.
    expect(flagsOf([session(62, answer(), null)], w)).not.toContain('lapsed');
    expect(flagsOf([{ pairId: 'p1', start: new Date(T0 + 61.9 * DAY_MS).toISOString(), a: answer(), b: null }], w)).toContain('lapsed');
    // A missed session does not count as held.
    expect(flagsOf([session(62, answer(), null), session(80, missed(), null)], w)).not.toContain('lapsed');
    expect(flagsOf([session(80, missed(), null)], w)).toContain('lapsed');
    // Started 27 days before the end: too new to lapse; 28 days: can lapse.
    expect(flagsOf([], w, pair({ startsOn: '2026-03-05' }))).not.toContain('lapsed');
    expect(flagsOf([], w, pair({ startsOn: '2026-03-04' }))).toContain('lapsed');
    // A pair that has ended does not lapse.
    expect(flagsOf([], w, pair({ endsOn: '2026-03-01' }))).not.toContain('lapsed');
  });

  it('explains each flag in words about the pair, without any member’s counts', () => {
    const sessions = [session(80, missed(), null), session(81, null, null), session(82, null, null)];
    const t = tallySessions(sessions);
    const w = window(0, 90);
    const flags: Flag[] = pairFlags(pair(), t, pairMetrics(pair(), t, w), w, flagEvidence(sessions, w.to));
    expect(flags.find((f) => f.flag === 'lapsed')?.reason).toBe('No session held in the last 28 days (cadence 14 days)');
    // The one response here is one member's: a count such as "1 responses for 3 sessions" would be their tally.
    expect(flags.find((f) => f.flag === 'silent')?.reason).toBe("Fewer than 30% of the answers this pair's sessions call for have come in");
    for (const f of flags) expect(f.reason).not.toMatch(/\d+ (of|responses|answers)/);
  });
});

describe('status', () => {
  const flag = (name: FlagName): Flag => ({ flag: name, reason: '' });
  it.each([
    [[], 75, 'thriving'],
    [[], 74, 'steady'],
    [[], 50, 'steady'],
    [[], 49, 'at_risk'],
    [[flag('diverging')], 90, 'steady'],
    [[flag('silent')], null, 'insufficient_data'],
    [[flag('lapsed')], null, 'at_risk'],
    [[flag('one_sided')], 95, 'at_risk'],
    [[flag('helpline')], 95, 'at_risk'],
    [[flag('guarded')], 95, 'at_risk'],
  ] as const)('%j with health %s is %s', (flags, health, status) => {
    expect(pairStatus(flags, health)).toBe(status);
  });

  it('is at_risk when health is below 50 even with no flags', () => {
    const health = pairHealth({ ...baseMetrics, value: 0, reciprocity: 0, cadence: 0, openness: 0, agreement: 0, autonomy: 1 });
    expect(health).toBe(10);
    expect(pairStatus([], health)).toBe('at_risk');
  });
});

describe('flag evidence', () => {
  it('takes the latest held start and the latest autonomy answers before the end, newest first', () => {
    const ss = [
      session(10, answer({ autonomy: 1 }), answer({ autonomy: 0 })),
      session(20, missed(), null),
      session(5, answer({ autonomy: 0.5 }), null),
      session(95, answer({ autonomy: 0 }), null),
    ];
    expect(flagEvidence(ss, T0 + 90 * DAY_MS)).toEqual({ lastHeldStart: at(10), latestAutonomy: [0, 1, 0.5] });
  });

  // The definition, spelled out naively: every session before the end, newest first
  // (ties in their given order); the first held one; the window's autonomy answers, b before a.
  const byDefinition = (ss: SessionRecord[], end: number, from: number) => {
    const before = ss.filter((s) => Date.parse(s.start) < end).sort((x, y) => (x.start < y.start ? 1 : x.start > y.start ? -1 : 0));
    return {
      lastHeldStart: before.find((s) => s.a?.happened || s.b?.happened)?.start ?? null,
      latestAutonomy: before
        .filter((s) => Date.parse(s.start) >= from)
        .flatMap((s) => [s.b?.autonomy, s.a?.autonomy])
        .filter((x): x is number => x != null)
        .slice(0, 4),
    };
  };
  const member = fc.option(
    fc.record({ happened: fc.boolean(), autonomy: fc.constantFrom(null, 0, 0.5, 1) }).map(({ happened, autonomy }) =>
      happened ? answer({ autonomy }) : missed(),
    ),
  );
  const sessions = fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), member, member).map(([day, a, b]) => session(day, a, b)), { maxLength: 30 });

  it('walks the timeline to the same evidence as the definition, and slices the same windows', () => {
    fc.assert(
      fc.property(sessions, fc.integer({ min: -5, max: 65 }), fc.integer({ min: 0, max: 30 }), (ss, endDay, span) => {
        const end = T0 + endDay * DAY_MS;
        const from = end - span * DAY_MS;
        expect(flagEvidence(ss, end, from)).toEqual(byDefinition(ss, end, from));
        const inWindow = ss.filter((s) => Date.parse(s.start) >= from && Date.parse(s.start) < end);
        expect(new Set(sessionsBetween(sessionTimeline(ss), from, end))).toEqual(new Set(inWindow));
      }),
      { numRuns: 300 },
    );
  });
});
