import { Hono } from 'hono';
import type { AppEnv } from '../http/context';

export const VERSION = '0.1.0';

export const health = new Hono<AppEnv>().get('/health', (c) => c.json({ ok: true, version: VERSION }));
