// POST and GET /programmes (admin), GET /programmes/:pid (coordinator or sponsor),
// PATCH /programmes/:pid (coordinator or admin) and token rotation (admin).
import { Hono } from 'hono';
import { z } from 'zod';
import {
  createProgramme as createProgrammeBody, updateProgramme as updateProgrammeBody,
} from '../../shared/schemas';
import { rotateProgrammeToken } from '../domain/credentials';
import { createProgramme, getProgramme, listProgrammeSummaries, updateProgramme } from '../domain/programmes';
import { need, needInProgramme } from '../http/auth';
import { jsonBody, validate } from '../http/body';
import type { AppEnv } from '../http/context';

export const programmes = new Hono<AppEnv>()
  .post('/programmes', async (c) => {
    need(c.get('principal'), 'admin');
    const input = await jsonBody(c.req.raw, createProgrammeBody);
    return c.json(await createProgramme(c.env.DB, input), 201);
  })
  .get('/programmes', async (c) => {
    need(c.get('principal'), 'admin');
    return c.json(await listProgrammeSummaries(c.env.DB));
  })
  .get('/programmes/:pid', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator', 'sponsor');
    return c.json(await getProgramme(c.env.DB, pid));
  })
  .patch('/programmes/:pid', async (c) => {
    const pid = c.req.param('pid');
    if (c.get('principal')?.role !== 'admin') needInProgramme(c.get('principal'), pid, 'coordinator');
    const changes = await jsonBody(c.req.raw, updateProgrammeBody);
    return c.json(await updateProgramme(c.env.DB, pid, changes));
  })
  // A new coordinator or sponsor token, shown once; the old one answers 401 token_rotated at once.
  .post('/programmes/:pid/tokens/:role/rotate', async (c) => {
    need(c.get('principal'), 'admin');
    const { role } = validate(z.strictObject({ role: z.enum(['coordinator', 'sponsor']) }), { role: c.req.param('role') });
    return c.json(await rotateProgrammeToken(c.env.DB, c.req.param('pid'), role));
  });
