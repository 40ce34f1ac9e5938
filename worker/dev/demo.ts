// The demo programme `npm start` loads on first start: a dozen pairs whose
// stories a coordinator should be able to read off the dashboard (thriving
// pairs, and pairs at risk for different reasons), plus older, finished pairs
// so the sponsor's view spans several years. It is loaded through the public
// API, history included, exactly as a real programme's migration would be.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageLoop, type DemoLoop } from './demo-loop';
import { generateProgramme, loadProgramme, type PairPlan } from './synthetic-programme';
import { ApiError, callApi } from './twoway-client';

export interface DemoTokens {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
  /** The pair that shares its joint summary, and the closing answers (demo-loop.ts). */
  loop?: DemoLoop;
}

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
const DEMO_K = 2;

/**
 * Loads the demo programme unless `${persistDir}/demo.json` names one that the
 * server still knows; returns its tokens either way.
 */
export async function ensureDemo(
  baseUrl: string, adminToken: string, persistDir: string, say: (line: string) => void = () => {},
): Promise<DemoTokens & { created: boolean }> {
  const file = join(persistDir, 'demo.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DemoTokens;
    if (await stillKnown(baseUrl, saved)) return { ...saved, created: false };
    say('The saved demo programme is gone from this database; loading it again…');
  } else {
    say('Loading the demo programme…');
  }
  const today = Date.now();
  const programme = demoProgramme(today);
  const fetchLike = (input: string, init?: RequestInit) => fetch(input, init);
  const loaded = await loadProgramme(fetchLike, baseUrl, adminToken, programme, { kAnonymity: DEMO_K });
  if (loaded.history.rejected.length > 0) {
    throw new Error(`the demo history had rejected lines: ${JSON.stringify(loaded.history.rejected.slice(0, 3))}`);
  }
  const tokens: DemoTokens = {
    programmeId: loaded.programmeId,
    coordinatorToken: loaded.coordinatorToken,
    sponsorToken: loaded.sponsorToken,
    loop: await stageLoop({ fetch: fetchLike, baseUrl }, loaded, programme, today),
  };
  writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`);
  return { ...tokens, created: true };
}

/** A saved demo is stale when its database was wiped: its coordinator token no longer authenticates. */
async function stillKnown(baseUrl: string, saved: DemoTokens): Promise<boolean> {
  try {
    await callApi({ fetch: (input, init) => fetch(input, init), baseUrl }, saved.coordinatorToken, 'GET', `/programmes/${saved.programmeId}/dashboard`);
    return true;
  } catch (error) {
    return !(error instanceof ApiError && (error.status === 401 || error.status === 403));
  }
}
