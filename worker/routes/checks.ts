// PUT /me/checks/:id: a member answers the fit question, a relationship check or the closing question.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { submitCheck } from '../domain/checks';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

export const put: RouteHandler<Routes['submitCheck'], AppEnv> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  const id = c.req.valid('param').id.toLowerCase();
  const outcome = await submitCheck(c.env.DB, member, id, c.req.valid('json'));
  return outcome === 'created' ? c.json({ id, outcome }, 201) : c.json({ id, outcome }, 200);
};
