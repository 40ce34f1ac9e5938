// Pairs: coordinators create and list them, close or change one, and rematch a member.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { createPair, createPairs, listPairs, updatePair } from '../domain/pairs';
import { rematchPair } from '../domain/rematch';
import type { AppEnv } from '../http/context';

type Handler<N extends keyof Routes> = RouteHandler<Routes[N], AppEnv>;

export const create: Handler<'createPair'> = async (c) => {
  const pair = await createPair(c.env.DB, c.req.valid('param').pid, c.req.valid('json'));
  return pair.created ? c.json({ id: pair.id }, 201) : c.json({ id: pair.id }, 200);
};

export const list: Handler<'listPairs'> = async (c) => c.json({ pairs: await listPairs(c.env.DB, c.req.valid('param').pid) }, 200);

export const update: Handler<'updatePair'> = async (c) => {
  const { pid, pairId } = c.req.valid('param');
  return c.json(await updatePair(c.env.DB, pid, pairId, c.req.valid('json')), 200);
};

export const rematch: Handler<'rematchPair'> = async (c) => {
  const { pid, pairId } = c.req.valid('param');
  return c.json(await rematchPair(c.env.DB, pid, pairId, c.req.valid('json')), 201);
};

/** Many pairs at once: a result per pair, in order; refusing one refuses no other. */
export const createMany: Handler<'createPairs'> = async (c) => {
  const outcomes = await createPairs(c.env.DB, c.req.valid('param').pid, c.req.valid('json').pairs);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  return c.json({
    pairs: outcomes.map((o) => (o.status === 'rejected' ? { status: o.status, error: o.error } : o)),
    created: count('created'), existing: count('existing'), rejected: count('rejected'),
  }, 200);
};
