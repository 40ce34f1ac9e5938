// Adding participants and handing out their invite codes.
import type { NewParticipant } from '../../shared/schemas';
import { newId } from '../auth/crypto';
import { inviteCode, inviteCodeAndHash, type InviteSecrets } from '../auth/invites';
import {
  findParticipant,
  findParticipantsByEmail,
  insertParticipantsIfNew,
  listParticipants,
  type ParticipantRow,
} from '../storage/participants';
import { forbidden, notFound } from './errors';

export interface AddedParticipant {
  id: string;
  email: string;
  inviteCode: string;
  /** False when the email was already in the programme. */
  created: boolean;
}

/** Adds people by email; an email already in the programme returns that person and their current code. */
export async function addParticipants(
  db: D1Database,
  secrets: InviteSecrets,
  programmeId: string,
  people: NewParticipant[],
  now = new Date().toISOString(),
): Promise<AddedParticipant[]> {
  const emails = [...new Set(people.map((p) => p.email))];
  const before = new Set((await findParticipantsByEmail(db, programmeId, emails)).map((p) => p.email));
  // The codes of new people are derived once, for their hash and for the answer.
  const codes = new Map<string, string>();
  const fresh = await Promise.all(
    people
      .filter((p) => !before.has(p.email))
      .map(async (p) => {
        const id = newId();
        const { code, hash } = await inviteCodeAndHash(secrets, id, 1);
        codes.set(`${id}:1`, code);
        return {
          id,
          displayName: p.displayName,
          email: p.email,
          function: p.function ?? '',
          region: p.region ?? '',
          generation: p.generation ?? '',
          inviteHash: hash,
        };
      }),
  );
  if (fresh.length > 0) await db.batch(insertParticipantsIfNew(db, programmeId, fresh, now));
  const rows = new Map((await findParticipantsByEmail(db, programmeId, emails)).map((row) => [row.email, row]));
  return Promise.all(
    people.map(async (p) => {
      const row = rows.get(p.email)!;
      return {
        id: row.id,
        email: row.email,
        inviteCode: codes.get(`${row.id}:${row.invite_version}`) ?? await inviteCode(secrets, row.id, row.invite_version),
        created: !before.has(p.email),
      };
    }),
  );
}

export async function listProgrammeParticipants(db: D1Database, secrets: InviteSecrets, programmeId: string) {
  const rows = await listParticipants(db, programmeId);
  return Promise.all(
    rows.map(async (row) => ({
      ...describeParticipant(row),
      inviteCode: await inviteCode(secrets, row.id, row.invite_version),
      redeemed: row.redeemed_at !== null,
    })),
  );
}

export function describeParticipant(row: ParticipantRow) {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    function: row.function,
    region: row.region,
    generation: row.generation,
  };
}

/** A participant of `programmeId`: 404 when nobody has that id, 403 when they belong elsewhere. */
export async function participantOf(db: D1Database, programmeId: string, participantId: string) {
  const row = await findParticipant(db, participantId);
  if (!row) throw notFound('participant');
  if (row.programme_id !== programmeId) throw forbidden('this participant belongs to another programme');
  return row;
}
