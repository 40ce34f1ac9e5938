// Programmes: the admin creates and lists them; coordinators and sponsors read
// theirs; coordinators (or the admin) change settings; the admin rotates tokens.
import type { RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Routes } from '../../shared/contract';
import { rotateProgrammeToken } from '../domain/credentials';
import { createProgramme, getProgramme, listProgrammeSummaries, updateProgramme } from '../domain/programmes';
import { needInProgramme } from '../http/auth';
import type { AppEnv } from '../http/context';

type Handler<N extends keyof Routes> = RouteHandler<Routes[N], AppEnv>;

export const create: Handler<'createProgramme'> = async (c) =>
  c.json(await createProgramme(c.env.DB, c.req.valid('json')), 201);

export const list: Handler<'listProgrammes'> = async (c) => c.json(await listProgrammeSummaries(c.env.DB), 200);

export const read: Handler<'getProgramme'> = async (c) => c.json(await getProgramme(c.env.DB, c.req.valid('param').pid), 200);

export const update: Handler<'updateProgramme'> = async (c) => {
  const { pid } = c.req.valid('param');
  return c.json(await updateProgramme(c.env.DB, pid, c.req.valid('json')), 200);
};

/** The admin, or the programme's own coordinator, may change its settings. */
export const adminOrCoordinator: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('principal')?.role !== 'admin') needInProgramme(c.get('principal'), c.req.param('pid') ?? '', 'coordinator');
  await next();
};

// A new coordinator or sponsor token, shown once; the old one answers 401 token_rotated at once.
export const rotateToken: Handler<'rotateToken'> = async (c) => {
  const { pid, role } = c.req.valid('param');
  return c.json(await rotateProgrammeToken(c.env.DB, pid, role), 200);
};
