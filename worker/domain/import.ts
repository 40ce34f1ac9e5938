// CSV import of participants and pairs in one file (format: README, "CSV import format").
// Every row gets a verdict; a bad row never stops the others.
import Papa from 'papaparse';
import { newPair, newParticipant, type NewPair, type NewParticipant } from '../../shared/schemas';
import type { InviteSecrets } from '../auth/invites';
import { listParticipants } from '../storage/participants';
import { ApiError } from './errors';
import { createPairs } from './pairs';
import { addParticipants } from './participants';

export interface ImportRow {
  line: number;
  type: string;
  status: 'created' | 'existing' | 'rejected';
  id?: string;
  /** The participant's display name, or the pair's two names, so that a coordinator can read the report. */
  name?: string;
  /** Every problem of a rejected row, each naming its column, joined with '; '. */
  error?: string;
}

export interface ImportReport {
  rows: ImportRow[];
  created: number;
  existing: number;
  rejected: number;
}

type CsvRecord = Record<string, string | undefined>;

const cell = (record: CsvRecord, column: string) => record[column]?.trim() ?? '';
const optional = (value: string) => (value === '' ? undefined : value);

interface Issue {
  path: PropertyKey[];
  code: string;
  message: string;
}

/** The CSV column a schema field is read from (the pair's `mentorId` is the `mentor` column). */
const columnOf = (issue: Issue) => {
  const field = String(issue.path[0] ?? 'row');
  return field === 'mentorId' ? 'mentor' : field;
};

/**
 * One schema problem in words a coordinator understands, naming the column and what it held:
 * the schema's own messages speak of types ("expected number, received NaN"), not of a CSV.
 */
function inWords(issue: Issue, record: CsvRecord): string {
  const column = columnOf(issue);
  const raw = cell(record, column);
  const got = raw === '' ? '' : ` (got "${raw}")`;
  if (issue.code === 'custom') return column === 'mentor' ? 'mentor must be a or b of the pair' : issue.message;
  if (raw === '') return `${column} is missing`;
  switch (column) {
    case 'email':
      return `email is not a valid address${got}`;
    case 'startsOn':
    case 'endsOn':
      return `${column} must be a date like 2026-03-01${got}`;
    case 'cadenceDays':
      return /^\d+$/.test(raw) ? `cadenceDays must be between 1 and 365 days${got}` : `cadenceDays must be a whole number of days${got}`;
    default:
      return issue.code === 'too_big' ? `${column} is too long` : `${column} is not valid${got}`;
  }
}

const describe = (issues: Issue[], record: CsvRecord) => [...new Set(issues.map((issue) => inWords(issue, record)))].join('; ');

/**
 * Imports one CSV file. Papa Parse hands over one record at a time (`step`),
 * and each is kept only as its line, type and cells; people are then added in
 * one bulk write and pairs in another, whatever their number (README, "CSV import").
 */
export async function importCsv(db: D1Database, secrets: InviteSecrets, programmeId: string, text: string): Promise<ImportReport> {
  const records: Numbered[] = [];
  let fields: string[] | undefined;
  Papa.parse<CsvRecord>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
    step: (result) => {
      fields ??= result.meta.fields;
      // Line 1 is the header; records are numbered from line 2 (quoted line breaks are not supported).
      records.push({ line: records.length + 2, record: result.data, type: cell(result.data, 'type').toLowerCase() });
    },
  });
  // A file of only a header row has no record to bring its fields.
  fields ??= Papa.parse<CsvRecord>(text.replace(/^\uFEFF/, ''), { header: true, preview: 1, transformHeader: (header) => header.trim() }).meta.fields;
  if (!fields?.includes('type')) {
    throw new ApiError(400, 'invalid_input', 'the CSV needs a header row with a `type` column', [
      { path: ['type'], message: 'missing column', code: 'custom' },
    ]);
  }
  const rows: ImportRow[] = [];
  await importParticipantRows(db, secrets, programmeId, records.filter((r) => r.type === 'participant'), rows);
  await importPairRows(db, programmeId, records.filter((r) => r.type === 'pair'), rows);
  for (const { line, type } of records.filter((r) => r.type !== 'participant' && r.type !== 'pair')) {
    rows.push({ line, type, status: 'rejected', error: type === '' ? 'type is missing: participant or pair' : `type must be participant or pair (got "${type}")` });
  }
  rows.sort((x, y) => x.line - y.line);
  const count = (status: ImportRow['status']) => rows.filter((r) => r.status === status).length;
  return { rows, created: count('created'), existing: count('existing'), rejected: count('rejected') };
}

interface Numbered {
  line: number;
  record: CsvRecord;
  type: string;
}

async function importParticipantRows(db: D1Database, secrets: InviteSecrets, programmeId: string, records: Numbered[], rows: ImportRow[]) {
  const valid: { line: number; person: NewParticipant }[] = [];
  for (const { line, record } of records) {
    const person = newParticipant.safeParse({
      displayName: cell(record, 'displayName'),
      email: cell(record, 'email'),
      function: optional(cell(record, 'function')),
      region: optional(cell(record, 'region')),
      generation: optional(cell(record, 'generation')),
    });
    if (person.success) valid.push({ line, person: person.data });
    else rows.push({ line, type: 'participant', status: 'rejected', name: optional(cell(record, 'displayName')), error: describe(person.error.issues, record) });
  }
  if (valid.length === 0) return;
  const added = await addParticipants(db, secrets, programmeId, valid.map((v) => v.person));
  const seen = new Set<string>();
  valid.forEach(({ line, person }, index) => {
    const result = added[index]!;
    const created = result.created && !seen.has(person.email);
    seen.add(person.email);
    rows.push({ line, type: 'participant', status: created ? 'created' : 'existing', id: result.id, name: person.displayName });
  });
}

async function importPairRows(db: D1Database, programmeId: string, records: Numbered[], rows: ImportRow[]) {
  if (records.length === 0) return;
  const people = await listParticipants(db, programmeId);
  const byEmail = new Map(people.map((p) => [p.email, p.id]));
  const nameById = new Map(people.map((p) => [p.id, p.display_name]));
  // Members may be named by email (as in the participant rows) or by participant id.
  const resolve = (reference: string) =>
    reference.includes('@') ? (byEmail.get(reference.toLowerCase()) ?? reference) : reference;
  const accepted: { line: number; name: string | undefined; pair: NewPair }[] = [];
  for (const { line, record } of records) {
    const cadence = cell(record, 'cadenceDays');
    const members = { a: resolve(cell(record, 'a')), b: resolve(cell(record, 'b')), mentor: resolve(cell(record, 'mentor')) };
    const pair = newPair.safeParse({
      a: members.a,
      b: members.b,
      mentorId: optional(members.mentor),
      cohort: optional(cell(record, 'cohort')),
      startsOn: cell(record, 'startsOn'),
      endsOn: optional(cell(record, 'endsOn')),
      cadenceDays: cadence === '' ? undefined : Number(cadence),
    });
    // Strangers are reported along with the schema's problems, so that one pass shows them all.
    const strangers = (['a', 'b', 'mentor'] as const)
      .filter((column) => members[column] !== '' && !nameById.has(members[column]))
      .map((column) => `${column}: ${cell(record, column)} is not a participant of this programme`);
    const problems = [...(pair.success ? [] : [describe(pair.error.issues, record)]), ...strangers];
    const names = [nameById.get(members.a), nameById.get(members.b)].filter(Boolean);
    const name = names.length > 0 ? names.join(' & ') : undefined;
    if (!pair.success || problems.length > 0) rows.push({ line, type: 'pair', status: 'rejected', name, error: problems.join('; ') });
    else accepted.push({ line, name, pair: pair.data });
  }
  const outcomes = await createPairs(db, programmeId, accepted.map((a) => a.pair));
  accepted.forEach(({ line, name }, index) => {
    const outcome = outcomes[index]!;
    rows.push(outcome.status === 'rejected'
      ? { line, type: 'pair', status: 'rejected', name, error: outcome.error }
      : { line, type: 'pair', status: outcome.status, id: outcome.id, name });
  });
}
