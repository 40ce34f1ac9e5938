// DELETE /participants/:id: a coordinator erases one of their programme's participants.
import { Hono } from 'hono';
import { eraseParticipant } from '../domain/erasure';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

export const erasure = new Hono<AppEnv>().delete('/participants/:id', async (c) => {
  const coordinator = need(c.get('principal'), 'coordinator');
  // 404 for an unknown id, 403 for a participant of another programme.
  const erased = await eraseParticipant(c.env.DB, coordinator.programmeId, c.req.param('id'));
  c.get('principals').forgetParticipant(c.req.param('id'));
  return c.json(erased);
});
