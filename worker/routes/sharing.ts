// PUT /me/pairs/:pairId/sharing and GET /me/pairs/:pairId/summary: a member's
// choice to share the pair's joint summary, and the summary itself.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { jointSummary, setSharing } from '../domain/sharing';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

export const put: RouteHandler<Routes['setSharing'], AppEnv> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  return c.json(await setSharing(c.env.DB, member, c.req.valid('param').pairId, c.req.valid('json')), 200);
};

export const summary: RouteHandler<Routes['jointSummary'], AppEnv> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  const body = await jointSummary(c.env.DB, member, c.req.valid('param').pairId, c.req.valid('query').month);
  return c.json(body, 200, { 'Cache-Control': 'no-store' });
};
