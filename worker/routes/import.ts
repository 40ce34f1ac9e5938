// POST /programmes/:pid/import: participants and pairs from one CSV file.
import { Hono } from 'hono';
import { importCsv } from '../domain/import';
import { needInProgramme } from '../http/auth';
import { JSON_LIMIT, readText } from '../http/body';
import type { AppEnv } from '../http/context';

export const csvImport = new Hono<AppEnv>().post('/programmes/:pid/import', async (c) => {
  const pid = c.req.param('pid');
  needInProgramme(c.get('principal'), pid, 'coordinator');
  const text = await readText(c.req.raw, JSON_LIMIT);
  return c.json(await importCsv(c.env.DB, c.env, pid, text));
});
