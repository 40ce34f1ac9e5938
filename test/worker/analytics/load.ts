// Loads a generated programme through the real write paths: the HTTP routes
// for programme, people and pairs, and importHistory for the sessions.
import { importHistory } from '../../../worker/domain/history';
import { ADMIN, call, db } from '../api';
import type { GeneratedPair, GeneratedPerson, GeneratedSession } from './generator';

export interface Loaded {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
  personIds: string[];
  pairIds: string[];
}

export async function loadProgramme(
  name: string,
  data: { people: GeneratedPerson[]; pairs: GeneratedPair[] },
  options: { kAnonymity?: number; weights?: Record<string, number> } = {},
): Promise<Loaded> {
  const created = await call('POST', '/programmes', ADMIN, { name, ...options });
  if (created.status !== 201) throw new Error(`programme: ${JSON.stringify(created.body)}`);
  const { id, coordinatorToken, sponsorToken } = created.body;
  const added = await call('POST', `/programmes/${id}/participants`, coordinatorToken, {
    participants: data.people.map((p) => ({ ...p, email: p.email.replace('@', `+${name.replace(/\W/g, '')}@`) })),
  });
  const personIds = (added.body.participants as { id: string }[]).map((p) => p.id);
  const pairIds: string[] = [];
  for (const pair of data.pairs) {
    const a = personIds[pair.a]!;
    const b = personIds[pair.b]!;
    const res = await call('POST', `/programmes/${id}/pairs`, coordinatorToken, {
      a, b, mentorId: pair.mentor === 'a' ? a : pair.mentor === 'b' ? b : null,
      cohort: pair.cohort, startsOn: pair.startsOn, endsOn: pair.endsOn, cadenceDays: pair.cadenceDays,
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`pair: ${JSON.stringify(res.body)}`);
    pairIds.push(res.body.id);
  }
  return { programmeId: id, coordinatorToken, sponsorToken, personIds, pairIds };
}

export async function loadSessions(loaded: Loaded, pairs: GeneratedPair[], sessions: GeneratedSession[]) {
  const lines = sessions.map((s) => {
    const pair = pairs[s.pair]!;
    return {
      pairId: loaded.pairIds[s.pair]!, eventKey: s.eventKey, start: s.start, end: s.end,
      responses: s.responses.map(({ member, ...answer }) => ({ participantId: loaded.personIds[member === 'a' ? pair.a : pair.b]!, ...answer })),
    };
  });
  const report = await importHistory(db(), loaded.programmeId, lines);
  if (report.rejected.length > 0) throw new Error(`history: ${JSON.stringify(report.rejected.slice(0, 3))}`);
  return report;
}
