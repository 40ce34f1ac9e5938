// Participants sign in with their invite code and read their own data.
import { Hono } from 'hono';
import { redeemInvite as redeemInviteBody } from '../../shared/schemas';
import { describeMe, redeemInvite } from '../domain/invites';
import { need } from '../http/auth';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';

export const invites = new Hono<AppEnv>()
  .post('/invites/redeem', async (c) => {
    const input = await jsonBody(c.req.raw, redeemInviteBody);
    return c.json(await redeemInvite(c.env.DB, input.code));
  })
  .get('/me', async (c) => {
    const member = need(c.get('principal'), 'participant');
    return c.json(await describeMe(c.env.DB, member.participantId, member.readsFrom));
  });
