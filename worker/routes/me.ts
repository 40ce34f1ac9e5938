// GET /me: a participant reads themselves, their pairs and their own answers.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { describeMe } from '../domain/invites';
import { need } from '../http/auth';
import type { AppEnv } from '../http/context';

export const me: RouteHandler<Routes['me'], AppEnv> = async (c) => {
  const member = need(c.get('principal'), 'participant');
  return c.json(await describeMe(c.env.DB, member.participantId, member.readsFrom), 200);
};
