// The demo's prompting and cohort data: a prompt cap of one a week, a few
// recent sessions reported as not asked about (through POST /sessions, as the
// extension does), and the fit answers and relationship checks of earlier
// months that the Cohorts panel shows. No route imports old checks (they are
// answered live), so those rows are written into the local D1 directly, as
// PUT /me/checks stores them, received before this month so they count now
// (shared/metrics/README.md, "Cohorts").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyntheticProgramme } from './synthetic-programme';
import { demoCheckRows } from './demo-checks';
import type { SignIn } from './demo-sign-in';
import { callApi, type ApiTarget, type ProgrammeIds } from './twoway-client';
import { executeLocalSql } from './wrangler-dev';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The cap, and for two running pairs a session of two days ago that one member's extension did not ask about. */
export async function addPromptingDemo(
  target: ApiTarget, programme: SyntheticProgramme, ids: ProgrammeIds, persistDir: string, signIn: SignIn, today = Date.now(),
) {
  const pid = ids.programmeId;
  // A small demo: two answers per member and month are enough for the monthly trend to show.
  await callApi(target, ids.coordinatorToken, 'PATCH', `/programmes/${pid}`, { maxPromptsPerPairPerWeek: 1, minAnswersPerMember: 2 });
  const running = programme.pairs.map((pair, i) => ({ pair, i })).filter(({ pair }) => !pair.endsOn && pair.pattern === 'healthy').slice(0, 2);
  for (const [n, { pair, i }] of running.entries()) {
    const start = today - (2 + n) * DAY_MS;
    const session = { pairId: ids.pairIds[i]!, eventKey: `demo-capped-${n}@calendar/${iso(start)}`, start: iso(start), end: iso(start + 3_600_000) };
    for (const side of ['a', 'b'] as const) {
      const participantToken = await signIn(pair[side]);
      // Member a was over the cap; member b was asked, and answered on the first one.
      await callApi(target, participantToken, 'POST', '/sessions', { ...session, ...(side === 'a' ? { asked: false } : {}) });
      if (side === 'b' && n === 0) {
        await callApi(target, participantToken, 'PUT', `/responses/${crypto.randomUUID()}`, { ...session, happened: true, value: 4, learned: true });
      }
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'twoway-demo-'));
  try {
    const file = join(dir, 'checks.sql');
    writeFileSync(file, demoCheckRows(programme, ids, today).join('\n'));
    await executeLocalSql(persistDir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
