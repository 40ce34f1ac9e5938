// Back-filling a programme's past sessions (from another tool or a spreadsheet).
// Each line is validated on its own: bad lines are reported, good ones stored.
// No 7-day rule here, and a replayed file changes nothing: session ids derive
// from (pairId, eventKey) and response ids from (session, participant).
// Live answers win: an answer given through the extension is never replaced,
// the import only fills gaps (and re-imports replace its own earlier answers).
import { historyLine, type HistoryLine } from '../../shared/schemas';
import { nameBasedUuid } from '../auth/crypto';
import { listProgrammePairs, type PairRow } from '../storage/pairs';
import { enrolmentProblem } from './session-bounds';
import { findLiveAnswersAmong, responseTuple, upsertResponses, type ResponseWrite } from '../storage/responses';
import { refreshManySessionRollups } from '../storage/rollups';
import { insertSessionsIfNew, sessionIdFor, sessionTuple, type NewSession } from '../storage/sessions';
import { storedAnswer } from './responses';
import { drainQueue, snapshotCutoff } from '../analytics/snapshots';
import { enqueueSessionPairs, invalidateCultureForSessions } from '../storage/snapshots';

/**
 * The served figures a batch of sessions changes: the snapshots of pairs with a
 * session recent enough for the default window, and the culture tables that
 * read the sessions' months.
 */
function servedFiguresTouched(db: D1Database, programmeId: string, sessionIds: string[], cutoff: string): D1PreparedStatement[] {
  return [enqueueSessionPairs(db, sessionIds, cutoff), invalidateCultureForSessions(db, programmeId, sessionIds)];
}

/**
 * Lines per D1 batch: big enough to amortise round trips (2,000 lines import
 * about 1.6× faster than 500 locally, see README "Performance"), and bounded by
 * bytes too, since each batch binds its rows as one JSON string and D1 caps a
 * bound value at 2 MB.
 */
export const HISTORY_BATCH_LINES = 2000;
export const HISTORY_BATCH_JSON_BYTES = 1_500_000;

export interface HistoryReport {
  sessions: number;
  /** Answers written or already stored as imported; skipped ones are not counted. */
  responses: number;
  rejected: { line: number; error: string }[];
  /** Answers of accepted lines that were not stored, with the reason. */
  skipped: { line: number; participantId: string; reason: string }[];
}

export const LIVE_ANSWER_KEPT = 'this participant already answered this session through the extension; the live answer is kept';

interface Accepted {
  line: number;
  session: NewSession;
  responses: ResponseWrite[];
}

type Entry = { line: number; value: unknown } | { line: number; error: string };

/** Imports history from NDJSON text (one session per line; blank lines are skipped). */
export function importHistoryNdjson(db: D1Database, programmeId: string, text: string, now?: Date) {
  return importEntries(db, programmeId, ndjsonEntries(text), now);
}

/** Imports already-parsed history lines (line numbers count from 1 in array order). */
export function importHistory(db: D1Database, programmeId: string, lines: readonly unknown[], now?: Date) {
  return importEntries(db, programmeId, lines.map((value, index) => ({ line: index + 1, value })), now);
}

/**
 * The lines of an NDJSON body, parsed one at a time. Lazily, so that a 10 MiB
 * body never exists as parsed objects all at once: two such uploads at the same
 * time used to exhaust the isolate's memory (128 MB) and restart the Worker.
 */
function* ndjsonEntries(text: string): Generator<Entry> {
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(start, end);
    start = end + 1;
    line++;
    if (raw.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(raw) };
    } catch {
      yield { line, error: 'not valid JSON' };
    }
  }
}

/**
 * An upper bound of the bytes a line adds to its batch's bound JSON (a session
 * tuple and its answers' tuples, sessionTuple and responseTuple): ids, times
 * and numbers are short and bounded, and the event key takes at most 3 bytes a
 * character. The two bound strings together stay under the bound, each under
 * D1's 2 MB.
 */
const jsonBytes = (entry: Accepted) => 3 * entry.session.eventKey.length + 160 + 160 * entry.responses.length;

async function importEntries(db: D1Database, programmeId: string, entries: Iterable<Entry>, now = new Date()): Promise<HistoryReport> {
  const pairs = new Map((await listProgrammePairs(db, programmeId)).map((pair) => [pair.id, pair]));
  const report: HistoryReport = { sessions: 0, responses: 0, rejected: [], skipped: [] };
  const stamp = now.toISOString();
  const cutoff = snapshotCutoff([...pairs.values()].map((p) => ({ cadenceDays: p.cadence_days })));
  let batch: Accepted[] = [];
  let bytes = 0;
  // One batch is written while the next is validated; writes stay in file order.
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const full = batch;
    batch = [];
    bytes = 0;
    await writing;
    writing = writeBatch(db, full, stamp, cutoff, report);
    // A failure surfaces at the next await of `writing`; until then it is not "unhandled".
    writing.catch(() => {});
  };
  for (const entry of entries) {
    if ('error' in entry) {
      report.rejected.push(entry);
      continue;
    }
    const accepted = acceptLine(programmeId, pairs, entry, report.rejected);
    if (!accepted) continue;
    const size = jsonBytes(accepted);
    if (batch.length > 0 && (batch.length === HISTORY_BATCH_LINES || bytes + size > HISTORY_BATCH_JSON_BYTES)) await flush();
    batch.push(accepted);
    bytes += size;
    report.sessions++;
    report.responses += accepted.responses.length;
  }
  if (batch.length > 0) await flush();
  await writing;
  await drainQueue(db, programmeId);
  report.rejected.sort((x, y) => x.line - y.line);
  report.skipped.sort((x, y) => x.line - y.line);
  return report;
}

/** The line's writes, or null after recording why it was rejected. */
function acceptLine(
  programmeId: string,
  pairs: Map<string, PairRow>,
  { line, value }: { line: number; value: unknown },
  rejected: HistoryReport['rejected'],
): Accepted | null {
  const parsed = historyLine.safeParse(value);
  if (!parsed.success) {
    rejected.push({ line, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') });
    return null;
  }
  const problem = checkMembership(parsed.data, pairs.get(parsed.data.pairId));
  if (problem) {
    rejected.push({ line, error: problem });
    return null;
  }
  return toWrites(programmeId, line, parsed.data);
}

/**
 * Sessions, answers and their rollups for one batch of lines, in one D1 batch
 * (all or nothing). Its first statement finds the live answers the upsert will
 * keep, and those are reported as skipped.
 */
async function writeBatch(db: D1Database, batch: Accepted[], stamp: string, cutoff: string, report: HistoryReport) {
  const responses = batch.flatMap((entry) => entry.responses);
  // Encoded once: the live-answer check and the upsert read the same rows.
  const responsesJson = JSON.stringify(responses.map(responseTuple));
  const answers = responses.length > 0 ? [findLiveAnswersAmong(db, responsesJson), upsertResponses(db, responsesJson)] : [];
  const results = await db.batch([
    insertSessionsIfNew(db, JSON.stringify(batch.map((entry) => sessionTuple(entry.session))), stamp),
    ...answers,
    ...refreshManySessionRollups(db, batch.map((entry) => entry.session.id)),
    // Appended last: the indices above are read below.
    ...servedFiguresTouched(db, batch[0]!.session.programmeId, batch.map((entry) => entry.session.id), cutoff),
  ]);
  if (answers.length === 0) return;
  const lineOf = new Map(batch.map((entry) => [entry.session.id, entry.line]));
  const kept = (results[1]?.results ?? []) as { session_id: string; participant_id: string }[];
  for (const live of kept) {
    report.skipped.push({ line: lineOf.get(live.session_id)!, participantId: live.participant_id, reason: LIVE_ANSWER_KEPT });
  }
  report.responses -= kept.length;
}

/** Why a line cannot be this programme's: an unknown pair, a stranger's answer, or a session outside the pair's enrolment. */
function checkMembership(line: HistoryLine, pair: PairRow | undefined): string | null {
  if (!pair) return `pair ${line.pairId} is not in this programme`;
  const outsider = line.responses.find((r) => r.participantId !== pair.a_id && r.participantId !== pair.b_id);
  if (outsider) return `participant ${outsider.participantId} is not a member of pair ${pair.id}`;
  return enrolmentProblem(pair, line.start);
}

function toWrites(programmeId: string, lineNumber: number, line: HistoryLine): Accepted {
  const sessionId = sessionIdFor(line.pairId, line.eventKey);
  const responses = line.responses.map((response) => ({
    id: nameBasedUuid(`history:${sessionId}:${response.participantId}`),
    sessionId,
    participantId: response.participantId,
    // History has no answer time; the end of the session is the closest honest stand-in.
    answeredAt: line.end,
    ...storedAnswer(response),
  }));
  return {
    line: lineNumber,
    session: { id: sessionId, programmeId, pairId: line.pairId, eventKey: line.eventKey, start: line.start, end: line.end },
    responses,
  };
}
