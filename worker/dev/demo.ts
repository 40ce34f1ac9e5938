// The demo programme `npm start` loads on first start: a dozen pairs whose
// stories a coordinator should be able to read off the dashboard (thriving
// pairs, and pairs at risk for different reasons), plus older, finished pairs
// so the sponsor's view spans several years. It is loaded through the public
// API, history included, exactly as a real programme's migration would be.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_K, demoProgramme } from './demo-programme';
import { loadProgramme } from './synthetic-programme';
import { loadPairLoop } from './demo-loop';
import { ApiError, callApi } from './twoway-client';

export { demoPlans, demoProgramme } from './demo-programme';

export interface DemoTokens {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
}

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
  const programme = demoProgramme();
  const target = { fetch: (input: string, init?: RequestInit) => fetch(input, init), baseUrl };
  const loaded = await loadProgramme(target.fetch, baseUrl, adminToken, programme, { kAnonymity: DEMO_K });
  if (loaded.history.rejected.length > 0) {
    throw new Error(`the demo history had rejected lines: ${JSON.stringify(loaded.history.rejected.slice(0, 3))}`);
  }
  await loadPairLoop(target, loaded, programme);
  const tokens: DemoTokens = {
    programmeId: loaded.programmeId,
    coordinatorToken: loaded.coordinatorToken,
    sponsorToken: loaded.sponsorToken,
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
