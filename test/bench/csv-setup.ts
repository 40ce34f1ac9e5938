// The benchmark's set-up through the public API: the synthetic programme's
// people and pairs as one CSV file, in one `POST /programmes/:pid/import`
// (README, "CSV import format"). People without a pair fill the file up to two
// per pair, the size of a programme where everyone is paired once.
import type { LoadedIds, SyntheticProgramme } from '../../worker/dev/synthetic-programme';
import { callApi, type ApiTarget } from '../../worker/dev/twoway-client';

const HEADER = 'type,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays';
const field = (value: string | number | undefined) => {
  const text = value === undefined ? '' : String(value);
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV of the programme: its participants, extra unpaired people up to `people`, then its pairs. */
export function programmeCsv(programme: SyntheticProgramme, people = programme.participants.length): string {
  const rows = [HEADER];
  for (const p of programme.participants) rows.push(['participant', p.displayName, p.email, p.function, p.region, p.generation, '', '', '', '', '', '', ''].map(field).join(','));
  for (let i = programme.participants.length; i < people; i++) rows.push(`participant,Unpaired ${i},unpaired-${i}@bench.twoway.example,,,,,,,,,,`);
  for (const pair of programme.pairs) {
    rows.push(['pair', '', '', '', '', '', pair.a, pair.b, pair.mentor, pair.cohort, pair.startsOn, pair.endsOn, pair.cadenceDays].map(field).join(','));
  }
  return `${rows.join('\n')}\n`;
}

interface ReportRow { line: number; type: string; status: string; id?: string; error?: string }

/** Imports the programme's CSV in one request; the ids the history loader needs, from the per-row report. */
export async function importProgrammeCsv(target: ApiTarget, ref: { programmeId: string; coordinatorToken: string }, programme: SyntheticProgramme, people: number) {
  const csv = programmeCsv(programme, people);
  const report = await callApi<{ rows: ReportRow[]; created: number; existing: number; rejected: number }>(
    target, ref.coordinatorToken, 'POST', `/programmes/${ref.programmeId}/import`, csv, 'text/csv',
  );
  if (report.rejected > 0) throw new Error(`the import rejected ${report.rejected} rows, e.g. ${JSON.stringify(report.rows.find((r) => r.status === 'rejected'))}`);
  const byLine = new Map(report.rows.map((r) => [r.line, r]));
  // Line 1 is the header; participants come first, then the padding, then the pairs.
  const participantIds: LoadedIds['participantIds'] = {};
  programme.participants.forEach((p, i) => { participantIds[p.email] = byLine.get(i + 2)!.id!; });
  const pairIds = programme.pairs.map((_, i) => byLine.get(people + i + 2)!.id!);
  return { ids: { participantIds, pairIds } satisfies LoadedIds, bytes: csv.length, rows: report.rows.length };
}
