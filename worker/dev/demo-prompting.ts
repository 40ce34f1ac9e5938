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
import { FIRST_CHECK_DAYS } from '../../shared/vocabulary';
import type { SyntheticPair, SyntheticProgramme } from './synthetic-programme';
import { callApi, type ApiTarget, type ProgrammeIds } from './twoway-client';
import { executeLocalSql } from './wrangler-dev';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Stories for the fit question: most pairings work, the one-sided and diverging ones less so. */
const FIT_BY_PATTERN: Record<string, [string, string]> = {
  one_sided: ['working', 'not_sure'],
  diverging: ['not_working', 'not_sure'],
  guarded: ['not_sure', 'working'],
};
const WORTHWHILE_BY_PATTERN: Record<string, [string, string]> = {
  one_sided: ['yes', 'unsure'],
  diverging: ['no', 'unsure'],
  lapsed: ['unsure', 'unsure'],
};

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** pair_checks rows for every pair that started at least a month before the start of this month. */
export function demoCheckRows(programme: SyntheticProgramme, ids: ProgrammeIds, today: number): string[] {
  const monthStart = Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth(), 1);
  return programme.pairs.flatMap((pair: SyntheticPair, i) => {
    const started = Date.parse(`${pair.startsOn}T00:00:00.000Z`);
    const checkDay = started + FIRST_CHECK_DAYS * DAY_MS;
    if (checkDay >= monthStart) return [];
    const pairId = ids.pairIds[i]!;
    const fit = FIT_BY_PATTERN[pair.pattern] ?? ['working', 'working'];
    const worthwhile = WORTHWHILE_BY_PATTERN[pair.pattern] ?? ['yes', 'yes'];
    return (['a', 'b'] as const).flatMap((side, s) => {
      const person = ids.participants[pair[side]]!.id;
      const at = (ms: number) => quote(iso(Math.min(ms, monthStart - DAY_MS)));
      const row = (kind: string, milestone: number, fitAnswer: string | null, worth: string | null, ms: number) =>
        `INSERT OR IGNORE INTO pair_checks (id, programme_id, pair_id, participant_id, kind, milestone, fit, worthwhile, pace, answered_at, received_at)
         VALUES (${quote(crypto.randomUUID())}, ${quote(ids.programmeId)}, ${quote(pairId)}, ${quote(person)}, ${quote(kind)}, ${milestone},
                 ${fitAnswer ? quote(fitAnswer) : 'NULL'}, ${worth ? quote(worth) : 'NULL'}, ${worth ? "'right'" : 'NULL'}, ${at(ms)}, ${at(ms)});`;
      return [
        row('fit', 0, fit[s]!, null, started + 15 * DAY_MS),
        row('milestone', FIRST_CHECK_DAYS, null, worthwhile[s]!, checkDay),
      ];
    });
  });
}

/** The cap, and for two running pairs a session of two days ago that one member's extension did not ask about. */
export async function addPromptingDemo(target: ApiTarget, programme: SyntheticProgramme, ids: ProgrammeIds, persistDir: string, today = Date.now()) {
  const pid = ids.programmeId;
  // A small demo: two answers per member and month are enough for the monthly trend to show.
  await callApi(target, ids.coordinatorToken, 'PATCH', `/programmes/${pid}`, { maxPromptsPerPairPerWeek: 1, minAnswersPerMember: 2 });
  const running = programme.pairs.map((pair, i) => ({ pair, i })).filter(({ pair }) => !pair.endsOn && pair.pattern === 'healthy').slice(0, 2);
  for (const [n, { pair, i }] of running.entries()) {
    const start = today - (2 + n) * DAY_MS;
    const session = { pairId: ids.pairIds[i]!, eventKey: `demo-capped-${n}@calendar/${iso(start)}`, start: iso(start), end: iso(start + 3_600_000) };
    for (const side of ['a', 'b'] as const) {
      const { participantToken } = await callApi<{ participantToken: string }>(target, undefined, 'POST', '/invites/redeem', { code: ids.participants[pair[side]]!.inviteCode });
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
