// A member's extension reports sessions and answers.
import { Hono } from 'hono';
import { z } from 'zod';
import { reportSession, responseId, submitResponse as submitResponseBody } from '../../shared/schemas';
import { recordSession, submitResponse } from '../domain/responses';
import { need } from '../http/auth';
import { jsonBody, validate } from '../http/body';
import type { AppEnv } from '../http/context';

export const responses = new Hono<AppEnv>()
  .post('/sessions', async (c) => {
    const member = need(c.get('principal'), 'participant');
    const input = await jsonBody(c.req.raw, reportSession);
    const session = await recordSession(c.env.DB, member, input);
    // Always 200: a 201 for the first report would tell a member whether their partner reported it.
    return c.json({ id: session.id }, 200);
  })
  .put('/responses/:id', async (c) => {
    const member = need(c.get('principal'), 'participant');
    const { id } = validate(z.strictObject({ id: responseId }), { id: c.req.param('id') });
    const input = await jsonBody(c.req.raw, submitResponseBody);
    const { sessionId, outcome } = await submitResponse(c.env.DB, member, id.toLowerCase(), input);
    return c.json({ id: id.toLowerCase(), sessionId, outcome }, outcome === 'created' ? 201 : 200);
  });
