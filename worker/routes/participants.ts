// Participants: coordinators add and list them, re-issue invite codes, revoke
// devices and erase a person.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { reissueInvite as reissue, revokeDevices as revoke } from '../domain/credentials';
import { eraseParticipant } from '../domain/erasure';
import { addParticipants, listProgrammeParticipants } from '../domain/participants';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

type Handler<N extends keyof Routes> = RouteHandler<Routes[N], AppEnv>;

export const add: Handler<'addParticipants'> = async (c) => {
  const added = await addParticipants(c.env.DB, c.env, c.req.valid('param').pid, c.req.valid('json').participants);
  return c.json({ participants: added.map(({ id, email, inviteCode }) => ({ id, email, inviteCode })) }, 201);
};

export const list: Handler<'listParticipants'> = async (c) =>
  c.json({ participants: await listProgrammeParticipants(c.env.DB, c.env, c.req.valid('param').pid) }, 200);

export const reissueInvite: Handler<'reissueInvite'> = async (c) => {
  const { pid, id } = c.req.valid('param');
  const reissued = await reissue(c.env.DB, c.env, pid, id);
  c.get('principals').forgetParticipant(id);
  return c.json(reissued, 200);
};

// Signs the person's devices out without erasing them; they re-join with a re-issued invite.
export const revokeDevices: Handler<'revokeDevices'> = async (c) => {
  const { pid, id } = c.req.valid('param');
  const revoked = await revoke(c.env.DB, pid, id);
  c.get('principals').forgetParticipant(id);
  return c.json(revoked, 200);
};

export const erase: Handler<'eraseParticipant'> = async (c) => {
  const coordinator = need(c.get('principal'), 'coordinator');
  const { id } = c.req.valid('param');
  // 404 for an unknown id, 403 for a participant of another programme.
  const erased = await eraseParticipant(c.env.DB, coordinator.programmeId, id);
  c.get('principals').forgetParticipant(id);
  return c.json(erased, 200);
};
