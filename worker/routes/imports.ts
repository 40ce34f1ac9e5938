// Imports: participants and pairs from one CSV file (8 MiB), and the NDJSON
// history back-fill (10 MiB). Each body is text, read under its own limit.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { importHistoryNdjson } from '../domain/history';
import { importCsv } from '../domain/import';
import { CSV_LIMIT, HISTORY_LIMIT, readText } from '../http/body';
import type { AppEnv } from '../http/context';

type Handler<N extends keyof Routes> = RouteHandler<Routes[N], AppEnv>;

export const csv: Handler<'importCsv'> = async (c) => {
  const text = await readText(c.req.raw, CSV_LIMIT);
  return c.json(await importCsv(c.env.DB, c.env, c.req.valid('param').pid, text), 200);
};

export const history: Handler<'importHistory'> = async (c) => {
  const text = await readText(c.req.raw, HISTORY_LIMIT);
  return c.json(await importHistoryNdjson(c.env.DB, c.req.valid('param').pid, text), 200);
};
