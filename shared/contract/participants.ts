// Participants: adding and listing them, re-issuing invites, revoking devices, erasure.
import { z } from 'zod';
import { shortText, shownText } from './common';

export const newParticipant = z.strictObject({
  displayName: shownText().min(1).max(200),
  email: z.email().max(320).transform((email) => email.toLowerCase()),
  function: shortText.optional(),
  region: shortText.optional(),
  generation: shortText.optional(),
});
export type NewParticipant = z.infer<typeof newParticipant>;

export const addParticipants = z.strictObject({
  participants: z.array(newParticipant).min(1).max(1000),
});

export const addedParticipants = z.object({
  participants: z.array(z.object({ id: z.string(), email: z.string(), inviteCode: z.string() })),
});

/** A participant as their programme knows them; blank attributes are ''. */
export const participant = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  function: z.string(),
  region: z.string(),
  generation: z.string(),
});

export const listedParticipant = participant.extend({ inviteCode: z.string(), redeemed: z.boolean() });
export type ListedParticipant = z.infer<typeof listedParticipant>;
export const participantList = z.object({ participants: z.array(listedParticipant) });

export const reissuedInvite = z.object({ inviteCode: z.string() });
export const revokedDevices = z.object({ revoked: z.int() });
export const erasedParticipant = z.object({ erased: z.literal(true), pairs: z.int(), responses: z.int() });
