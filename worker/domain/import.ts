// CSV import of participants and pairs in one file (format: README, "CSV import format").
// Every row gets a verdict; a bad row never stops the others.
import Papa from 'papaparse';
import { newPair, newParticipant, type NewParticipant } from '../../shared/schemas';
import type { InviteSecrets } from '../auth/invites';
import { listParticipants } from '../storage/participants';
import { ApiError } from './errors';
import { createPair } from './pairs';
import { addParticipants } from './participants';

export interface ImportRow {
  line: number;
  type: string;
  status: 'created' | 'existing' | 'rejected';
  id?: string;
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
const describe = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`).join('; ');

export async function importCsv(db: D1Database, secrets: InviteSecrets, programmeId: string, text: string): Promise<ImportReport> {
  const parsed = Papa.parse<CsvRecord>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  });
  if (!parsed.meta.fields?.includes('type')) {
    throw new ApiError(400, 'invalid_input', 'the CSV needs a header row with a `type` column', [
      { path: ['type'], message: 'missing column', code: 'custom' },
    ]);
  }
  // Line 1 is the header; records are numbered from line 2 (quoted line breaks are not supported).
  const records = parsed.data.map((record, index) => ({ line: index + 2, record, type: cell(record, 'type').toLowerCase() }));
  const rows: ImportRow[] = [];
  await importParticipantRows(db, secrets, programmeId, records.filter((r) => r.type === 'participant'), rows);
  await importPairRows(db, programmeId, records.filter((r) => r.type === 'pair'), rows);
  for (const { line, type } of records.filter((r) => r.type !== 'participant' && r.type !== 'pair')) {
    rows.push({ line, type, status: 'rejected', error: 'type must be participant or pair' });
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
    else rows.push({ line, type: 'participant', status: 'rejected', error: describe(person.error.issues) });
  }
  if (valid.length === 0) return;
  const added = await addParticipants(db, secrets, programmeId, valid.map((v) => v.person));
  const seen = new Set<string>();
  valid.forEach(({ line, person }, index) => {
    const result = added[index]!;
    const created = result.created && !seen.has(person.email);
    seen.add(person.email);
    rows.push({ line, type: 'participant', status: created ? 'created' : 'existing', id: result.id });
  });
}

async function importPairRows(db: D1Database, programmeId: string, records: Numbered[], rows: ImportRow[]) {
  if (records.length === 0) return;
  const people = await listParticipants(db, programmeId);
  const byEmail = new Map(people.map((p) => [p.email, p.id]));
  // Members may be named by email (as in the participant rows) or by participant id;
  // createPair rejects anyone who is not in the programme.
  const resolve = (reference: string) =>
    reference.includes('@') ? (byEmail.get(reference.toLowerCase()) ?? reference) : reference;
  for (const { line, record } of records) {
    const cadence = cell(record, 'cadenceDays');
    const pair = newPair.safeParse({
      a: resolve(cell(record, 'a')),
      b: resolve(cell(record, 'b')),
      mentorId: optional(resolve(cell(record, 'mentor'))),
      cohort: optional(cell(record, 'cohort')),
      startsOn: cell(record, 'startsOn'),
      endsOn: optional(cell(record, 'endsOn')),
      cadenceDays: cadence === '' ? undefined : Number(cadence),
    });
    if (!pair.success) {
      rows.push({ line, type: 'pair', status: 'rejected', error: describe(pair.error.issues) });
      continue;
    }
    try {
      const result = await createPair(db, programmeId, pair.data);
      rows.push({ line, type: 'pair', status: result.created ? 'created' : 'existing', id: result.id });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      rows.push({ line, type: 'pair', status: 'rejected', error: error.message });
    }
  }
}
