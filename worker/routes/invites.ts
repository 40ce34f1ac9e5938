// POST /invites/redeem: anyone with an invite code trades it for a participant token.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { redeemInvite } from '../domain/invites';
import type { AppEnv } from '../http/context';

export const redeem: RouteHandler<Routes['redeemInvite'], AppEnv> = async (c) =>
  c.json(await redeemInvite(c.env.DB, c.req.valid('json').code), 200);
