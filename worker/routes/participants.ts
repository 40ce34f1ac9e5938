// Coordinators add and list participants, and re-issue invite codes.
import { Hono } from 'hono';
import { addParticipants as addParticipantsBody } from '../../shared/schemas';
import { addParticipants, listProgrammeParticipants, reissueInvite } from '../domain/participants';
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
    return c.json(await reissueInvite(c.env.DB, c.env, pid, c.req.param('id')));
  });
