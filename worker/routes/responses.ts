// PUT /responses/:id: a member answers a session; `id` is the client's UUID.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { submitResponse } from '../domain/responses';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

export const put: RouteHandler<Routes['putResponse'], AppEnv> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  const id = c.req.valid('param').id.toLowerCase();
  const { sessionId, outcome } = await submitResponse(c.env.DB, member, id, c.req.valid('json'));
  const body = { id, sessionId, outcome };
  return outcome === 'created' ? c.json(body, 201) : c.json(body, 200);
};
