// POST /programmes/:pid/history: NDJSON back-fill, up to 10 MiB.
import { Hono } from 'hono';
import { importHistoryNdjson } from '../domain/history';
import { needInProgramme } from '../http/auth';
import { HISTORY_LIMIT, readText } from '../http/body';
import type { AppEnv } from '../http/context';

export const history = new Hono<AppEnv>().post('/programmes/:pid/history', async (c) => {
  const pid = c.req.param('pid');
  needInProgramme(c.get('principal'), pid, 'coordinator');
  const text = await readText(c.req.raw, HISTORY_LIMIT);
  return c.json(await importHistoryNdjson(c.env.DB, pid, text));
});
