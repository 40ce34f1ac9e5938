// Requests to the programme team: members send them, coordinators work the queue.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { listRequests, submitRequest, updateRequest } from '../domain/requests';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

type Handler<N extends keyof Routes> = RouteHandler<Routes[N], AppEnv>;

export const put: Handler<'submitRequest'> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  const id = c.req.valid('param').id.toLowerCase();
  const { request, created } = await submitRequest(c.env.DB, member, id, c.req.valid('json'));
  return created ? c.json(request, 201) : c.json(request, 200);
};

export const list: Handler<'listRequests'> = async (c) =>
  c.json({ requests: await listRequests(c.env.DB, c.req.valid('param').pid, c.req.valid('query')) }, 200);

export const update: Handler<'updateRequest'> = async (c) => {
  const { pid, id } = c.req.valid('param');
  return c.json(await updateRequest(c.env.DB, pid, id.toLowerCase(), c.req.valid('json').status), 200);
};
