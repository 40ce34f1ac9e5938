// Coordinators create and list pairs.
import { Hono } from 'hono';
import { newPair } from '../../shared/schemas';
import { createPair, listPairs } from '../domain/pairs';
import { needInProgramme } from '../http/auth';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';

export const pairs = new Hono<AppEnv>()
  .post('/programmes/:pid/pairs', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    const input = await jsonBody(c.req.raw, newPair);
    const pair = await createPair(c.env.DB, pid, input);
    return c.json({ id: pair.id }, pair.created ? 201 : 200);
  })
  .get('/programmes/:pid/pairs', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    return c.json({ pairs: await listPairs(c.env.DB, pid) });
  });
