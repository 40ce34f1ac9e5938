// POST /sessions: a member's extension reports that a meeting took place.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { recordSession } from '../domain/responses';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

export const report: RouteHandler<Routes['reportSession'], AppEnv> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  const session = await recordSession(c.env.DB, member, c.req.valid('json'));
  // Always 200: a 201 for the first report would tell a member whether their partner reported it.
  return c.json({ id: session.id }, 200);
};
