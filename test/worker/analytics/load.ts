// Loads a synthetic programme (worker/dev/synthetic-programme.ts) through the
// real write paths: the HTTP routes for programme, people and pairs, and
// importHistory for the sessions.
import type { SyntheticHistoryLine, SyntheticPair, SyntheticParticipant } from '../../../worker/dev/synthetic-programme';
import { importHistory } from '../../../worker/domain/history';
import { ADMIN, call, db } from '../api';

export interface Loaded {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
  /** Server id of each participant, by the generator's email. */
  personIds: Map<string, string>;
  /** Server id of each pair, in the generator's order. */
  pairIds: string[];
}

/** Emails are made unique per programme, so several programmes can share one database. */
const emailIn = (name: string, email: string) => email.replace('@', `+${name.replace(/\W/g, '')}@`);

export async function loadProgramme(
  name: string,
  data: { participants: SyntheticParticipant[]; pairs: SyntheticPair[] },
  options: { kAnonymity?: number; weights?: Record<string, number> } = {},
): Promise<Loaded> {
  const created = await call('POST', '/programmes', ADMIN, { name, ...options });
  if (created.status !== 201) throw new Error(`programme: ${JSON.stringify(created.body)}`);
  const { id, coordinatorToken, sponsorToken } = created.body;
  const added = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
    participants: data.participants.map((p) => ({ ...p, email: emailIn(name, p.email) })),
  });
  const ids = (added.body.participants as { id: string }[]).map((p) => p.id);
  const personIds = new Map(data.participants.map((p, i) => [p.email, ids[i]!]));
  const pairIds: string[] = [];
  for (const pair of data.pairs) {
    const res = await call('POST', `/programmes/${id}/pairs`, coordinatorToken, {
      a: personIds.get(pair.a), b: personIds.get(pair.b), mentorId: pair.mentor ? personIds.get(pair.mentor) : null,
      cohort: pair.cohort, startsOn: pair.startsOn, endsOn: pair.endsOn ?? null, cadenceDays: pair.cadenceDays,
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`pair: ${JSON.stringify(res.body)}`);
    pairIds.push(res.body.id);
  }
  return { programmeId: id, coordinatorToken, sponsorToken, personIds, pairIds };
}

/** The server id of one member of a generated pair. */
export const memberId = (loaded: Loaded, pair: SyntheticPair, side: 'a' | 'b') => loaded.personIds.get(pair[side])!;

export async function loadSessions(loaded: Loaded, pairs: SyntheticPair[], sessions: SyntheticHistoryLine[]) {
  const lines = sessions.map((s) => {
    const pair = pairs[s.pair]!;
    return {
      pairId: loaded.pairIds[s.pair]!, eventKey: s.eventKey, start: s.start, end: s.end,
      responses: s.responses.map(({ side, ...answer }) => ({ participantId: memberId(loaded, pair, side), ...answer })),
    };
  });
  const report = await importHistory(db(), loaded.programmeId, lines);
  if (report.rejected.length > 0) throw new Error(`history: ${JSON.stringify(report.rejected.slice(0, 3))}`);
  return report;
}
