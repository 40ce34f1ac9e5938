// Coordinators add and list participants, re-issue invite codes and revoke devices.
import { Hono } from 'hono';
import { addParticipants as addParticipantsBody } from '../../shared/schemas';
import { reissueInvite, revokeDevices } from '../domain/credentials';
import { addParticipants, listProgrammeParticipants } from '../domain/participants';
import { needInProgramme } from '../http/auth';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';

export const participants = new Hono<AppEnv>()
  .post('/programmes/:pid/participants', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    const input = await jsonBody(c.req.raw, addParticipantsBody);
    const added = await addParticipants(c.env.DB, c.env, pid, input.participants);
    return c.json({ participants: added.map(({ id, email, inviteCode }) => ({ id, email, inviteCode })) }, 201);
  })
  .get('/programmes/:pid/participants', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    return c.json({ participants: await listProgrammeParticipants(c.env.DB, c.env, pid) });
  })
  .post('/programmes/:pid/participants/:id/invite', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    const reissued = await reissueInvite(c.env.DB, c.env, pid, c.req.param('id'));
    c.get('principals').forgetParticipant(c.req.param('id'));
    return c.json(reissued);
  })
  // Signs the person's devices out without erasing them; they re-join with a re-issued invite.
  .delete('/programmes/:pid/participants/:id/tokens', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    const revokedDevices = await revokeDevices(c.env.DB, pid, c.req.param('id'));
    c.get('principals').forgetParticipant(c.req.param('id'));
    return c.json(revokedDevices);
  });
