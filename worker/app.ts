// Builds the Worker's Hono app: security headers, CORS, authentication and
// rate limiting, every route under /api/v1, and one error handler.
import { Hono } from 'hono';
import { ApiError } from './domain/errors';
import { AnalyticsGate, heavyAnalytics } from './http/analytics-gate';
import { authenticate } from './http/auth';
import type { AppEnv } from './http/context';
import { errorResponse, onError } from './http/errors';
import { RateLimiter } from './http/rate-limit';
import { extensionCors, secureHeaders } from './http/security';
import { culture } from './routes/culture';
import { dashboard } from './routes/dashboard';
import { erasure } from './routes/erasure';
import { csvExport } from './routes/export';
import { health } from './routes/health';
import { history } from './routes/history';
import { csvImport } from './routes/import';
import { invites } from './routes/invites';
import { pairDetailRoute } from './routes/pair-detail';
import { pairs } from './routes/pairs';
import { participants } from './routes/participants';
import { programmes } from './routes/programmes';
import { responses } from './routes/responses';

export interface AppOptions {
  /** Overrides RATE_LIMIT_PER_MINUTE (tests use a small one). */
  rateLimitPerMinute?: number;
  limiter?: RateLimiter;
  /** Bounds concurrent heavy analytics (tests use a small one). */
  analyticsGate?: AnalyticsGate;
}

export function createApp(options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const limiter = options.limiter ?? new RateLimiter();

  app.use('*', secureHeaders);
  app.use('/api/*', extensionCors);
  app.use('/api/*', authenticate(limiter, options.rateLimitPerMinute));

  const api = new Hono<AppEnv>();
  api.route('/', health);
  api.route('/', programmes);
  api.route('/', participants);
  api.route('/', pairs);
  api.route('/', invites);
  api.route('/', responses);
  api.route('/', csvImport);
  api.route('/', history);
  api.route('/', erasure);

  // Analytics: dashboard, pair drill-down, culture and the CSV exports, a few at a time.
  const heavy = heavyAnalytics(options.analyticsGate ?? new AnalyticsGate());
  for (const path of ['/programmes/:pid/dashboard', '/programmes/:pid/pairs/:pairId', '/programmes/:pid/culture', '/programmes/:pid/export.csv']) {
    api.use(path, heavy);
  }
  api.route('/', dashboard);
  api.route('/', pairDetailRoute);
  api.route('/', culture);
  api.route('/', csvExport);

  app.route('/api/v1', api);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || !c.env.ASSETS) {
      return errorResponse(new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
    }
    return c.env.ASSETS.fetch(c.req.raw);
  });
  app.onError(onError);
  return app;
}

export const app = createApp();
