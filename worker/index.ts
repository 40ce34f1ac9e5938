import { Hono } from 'hono';
import type { Env } from './env';

const app = new Hono<{ Bindings: Env }>();
app.get('/api/v1/health', (c) => c.json({ ok: true, version: '0.1.0' }));

export default app;
