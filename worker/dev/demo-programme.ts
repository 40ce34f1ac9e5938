// The demo programme's cast and stories, apart from the loader in demo.ts so
// that the Worker tests (inside workerd, without node:fs) can load it too.
import { generateProgramme, type PairPlan } from './synthetic-programme';

const DAY_MS = 86_400_000;

/** Days before `today` as YYYY-MM-DD. */
const daysAgo = (today: number, days: number) => new Date(today - days * DAY_MS).toISOString().slice(0, 10);

/** The demo's cast, by story. Current pairs have about six months of history ending today. */
export function demoPlans(today: number): PairPlan[] {
  const ago = (days: number) => daysAgo(today, days);
  const running = { endsOn: null, mentored: true };
  return [
    { ...running, pattern: 'healthy', startsOn: ago(180), cadenceDays: 14 },
    { ...running, pattern: 'healthy', startsOn: ago(720), cadenceDays: 14 },
    { ...running, pattern: 'healthy', startsOn: ago(400), cadenceDays: 7, mentored: false },
    { ...running, pattern: 'lapsed', startsOn: ago(190), cadenceDays: 14, lapsesOn: ago(75) },
    { ...running, pattern: 'one_sided', startsOn: ago(185), cadenceDays: 14 },
    { ...running, pattern: 'helpline', startsOn: ago(175), cadenceDays: 14 },
    { ...running, pattern: 'guarded', startsOn: ago(180), cadenceDays: 14 },
    { ...running, pattern: 'diverging', startsOn: ago(200), cadenceDays: 14 },
    // Finished pairs: the programme's earlier years.
    { pattern: 'healthy', startsOn: ago(1080), endsOn: ago(700), cadenceDays: 14, mentored: true },
    { pattern: 'healthy', startsOn: ago(1060), endsOn: ago(680), cadenceDays: 14, mentored: true },
    { pattern: 'one_sided', startsOn: ago(760), endsOn: ago(420), cadenceDays: 21, mentored: true },
    { pattern: 'healthy', startsOn: ago(620), endsOn: ago(260), cadenceDays: 14, mentored: true },
  ];
}

/**
 * Every date is relative to `today`, so the demo tells the same stories whatever
 * the day; the seed is one whose draws show each story on the dashboard
 * (test/e2e/synthetic-programme.test.ts checks it).
 */
export function demoProgramme(today = Date.now()) {
  return generateProgramme({
    seed: 2027,
    pairs: 12,
    startDate: daysAgo(today, 1100),
    endDate: new Date(today).toISOString(),
    name: 'Demo: reverse mentoring',
    plans: demoPlans(today),
    reuseShare: 0.25,
    emailDomain: 'demo.twoway.example',
  });
}

/** The demo is small, so its sponsor cells use k = 2 instead of the default 5 (shared/metrics/README.md, "k-anonymity"). */
export const DEMO_K = 2;

