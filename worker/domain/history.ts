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

/** Lines per D1 batch: big enough to amortise round trips, small enough for D1's statement limits. */
export const HISTORY_BATCH_LINES = 500;

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
  for (let i = 0; i < accepted.length; i += HISTORY_BATCH_LINES) {
    const chunk = accepted.slice(i, i + HISTORY_BATCH_LINES);
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
