// The demo's fit answers and relationship checks of earlier months, which the
// coordinator's Cohorts panel shows on first start. No route imports old
// checks (they are answered live, and the cohort rates count only answers
// received before the current month: shared/metrics/README.md, "Cohorts"), so
// these are SQL rows written into the local D1 as PUT /me/checks stores them.
// Free of Node APIs, so the Worker tests can run the same rows.
import { privateCut } from '../../shared/metrics/cohorts';
import { DAY_MS, dayStart } from '../../shared/metrics/time';
import { FIRST_CHECK_DAYS } from '../../shared/vocabulary';
import type { SyntheticPair, SyntheticProgramme } from './synthetic-programme';
import type { ProgrammeIds } from './twoway-client';

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

/** pair_checks rows for every pair whose 30-day check falls before the cohort rates' cut (the start of this month). */
export function demoCheckRows(programme: SyntheticProgramme, ids: ProgrammeIds, today: number): string[] {
  const monthStart = privateCut(today);
  return programme.pairs.flatMap((pair: SyntheticPair, i) => {
    const started = dayStart(pair.startsOn);
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
