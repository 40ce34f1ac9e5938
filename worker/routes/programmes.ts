// POST and GET /programmes (admin), GET /programmes/:pid (coordinator or sponsor) and
// PUT /programmes/:pid/meeting-keywords (coordinator).
import { Hono } from 'hono';
import { createProgramme as createProgrammeBody, setMeetingKeywords as setMeetingKeywordsBody } from '../../shared/schemas';
import { createProgramme, getProgramme, listProgrammeSummaries, setMeetingKeywords } from '../domain/programmes';
import { need, needInProgramme } from '../http/auth';
import { jsonBody } from '../http/body';
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
  .put('/programmes/:pid/meeting-keywords', async (c) => {
    const pid = c.req.param('pid');
    needInProgramme(c.get('principal'), pid, 'coordinator');
    const input = await jsonBody(c.req.raw, setMeetingKeywordsBody);
    return c.json(await setMeetingKeywords(c.env.DB, pid, input.meetingKeywords));
  });
