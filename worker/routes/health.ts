// GET /health: anyone may ask whether the Worker is up.
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import type { AppEnv } from '../http/context';

export const VERSION = '0.1.0';

export const health: RouteHandler<Routes['health'], AppEnv> = (c) => c.json({ ok: true as const, version: VERSION }, 200);
