// Back-filling a programme's past sessions (from another tool or a spreadsheet).
// Each line is validated on its own: bad lines are reported, good ones stored.
// No 7-day rule here, and a replayed file changes nothing: session ids derive
// from (pairId, eventKey) and response ids from (session, participant).
import { historyLine, type HistoryLine } from '../../shared/schemas';
import { nameBasedUuid } from '../auth/crypto';
import { listProgrammePairs, type PairRow } from '../storage/pairs';
import { upsertResponses, type ResponseWrite } from '../storage/responses';
import { refreshManySessionRollups } from '../storage/rollups';
import { insertSessionsIfNew, sessionIdFor, type NewSession } from '../storage/sessions';
import { storedAnswer } from './responses';

/**
 * Lines per D1 batch: big enough to amortise round trips (2,000 lines import
 * about 1.6× faster than 500 locally, see README "Performance"), and bounded by
 * bytes too, since each batch binds its rows as one JSON string and D1 caps a
 * bound value at 2 MB.
 */
export const HISTORY_BATCH_LINES = 2000;
export const HISTORY_BATCH_JSON_BYTES = 1_000_000;

/** Splits accepted lines into batches within both bounds (sizes are estimated from the free-text fields). */
function batches(accepted: Accepted[]): Accepted[][] {
  const result: Accepted[][] = [];
  let batch: Accepted[] = [];
  let bytes = 0;
  for (const entry of accepted) {
    // Everything but the event key is short and bounded; 400 bytes per row covers it.
    const size = entry.session.eventKey.length + 400 * (1 + entry.responses.length);
    if (batch.length > 0 && (batch.length === HISTORY_BATCH_LINES || bytes + size > HISTORY_BATCH_JSON_BYTES)) {
      result.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) result.push(batch);
  return result;
}

export interface HistoryReport {
  sessions: number;
  responses: number;
  rejected: { line: number; error: string }[];
}

interface Accepted {
  session: NewSession;
  responses: ResponseWrite[];
}

/** Imports history from NDJSON text (one session per line; blank lines are skipped). */
export function importHistoryNdjson(db: D1Database, programmeId: string, text: string, now?: Date) {
  const entries: { line: number; value: unknown }[] = [];
  const rejected: HistoryReport['rejected'] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      entries.push({ line: index + 1, value: JSON.parse(raw) });
    } catch {
      rejected.push({ line: index + 1, error: 'not valid JSON' });
    }
  });
  return importEntries(db, programmeId, entries, rejected, now);
}

/** Imports already-parsed history lines (line numbers count from 1 in array order). */
export function importHistory(db: D1Database, programmeId: string, lines: readonly unknown[], now?: Date) {
  return importEntries(db, programmeId, lines.map((value, index) => ({ line: index + 1, value })), [], now);
}

async function importEntries(
  db: D1Database,
  programmeId: string,
  entries: { line: number; value: unknown }[],
  rejected: HistoryReport['rejected'],
  now = new Date(),
): Promise<HistoryReport> {
  const pairs = new Map((await listProgrammePairs(db, programmeId)).map((pair) => [pair.id, pair]));
  const accepted: Accepted[] = [];
  for (const { line, value } of entries) {
    const parsed = historyLine.safeParse(value);
    if (!parsed.success) {
      rejected.push({ line, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') });
      continue;
    }
    const problem = checkMembership(parsed.data, pairs.get(parsed.data.pairId));
    if (problem) {
      rejected.push({ line, error: problem });
      continue;
    }
    accepted.push(await toWrites(programmeId, parsed.data));
  }
  const stamp = now.toISOString();
  for (const chunk of batches(accepted)) {
    const responses = chunk.flatMap((entry) => entry.responses);
    await db.batch([
      insertSessionsIfNew(db, chunk.map((entry) => entry.session), stamp),
      ...(responses.length > 0 ? [upsertResponses(db, responses)] : []),
      ...refreshManySessionRollups(db, chunk.map((entry) => entry.session.id)),
    ]);
  }
  rejected.sort((x, y) => x.line - y.line);
  return {
    sessions: accepted.length,
    responses: accepted.reduce((sum, entry) => sum + entry.responses.length, 0),
    rejected,
  };
}

function checkMembership(line: HistoryLine, pair: PairRow | undefined): string | null {
  if (!pair) return `pair ${line.pairId} is not in this programme`;
  const outsider = line.responses.find((r) => r.participantId !== pair.a_id && r.participantId !== pair.b_id);
  return outsider ? `participant ${outsider.participantId} is not a member of pair ${pair.id}` : null;
}

async function toWrites(programmeId: string, line: HistoryLine): Promise<Accepted> {
  const sessionId = await sessionIdFor(line.pairId, line.eventKey);
  const responses = await Promise.all(
    line.responses.map(async (response) => ({
      id: await nameBasedUuid(`history:${sessionId}:${response.participantId}`),
      sessionId,
      participantId: response.participantId,
      // History has no answer time; the end of the session is the closest honest stand-in.
      answeredAt: line.end,
      ...storedAnswer(response),
    })),
  );
  return {
    session: { id: sessionId, programmeId, pairId: line.pairId, eventKey: line.eventKey, start: line.start, end: line.end },
    responses,
  };
}
