// Builds the Worker's Hono app: security headers, CORS, authentication and
// rate limiting, then the route table of /api/v1 (the contract is
// shared/contract/routes.ts), the OpenAPI document, and one error handler.
import type { RouteHandler } from '@hono/zod-openapi';
import { Hono, type MiddlewareHandler } from 'hono';
import { routes, type RouteName, type Routes } from '../shared/contract';
import { ApiError } from './domain/errors';
import { AnalyticsGate, heavyAnalytics, participantsFirst } from './http/analytics-gate';
import { authenticate } from './http/auth';
import type { AppEnv } from './http/context';
import { errorResponse, onError } from './http/errors';
import { jsonRequest, jsonRequestUpTo, only, onlyIn, openApiApp } from './http/openapi';
import { BULK_JSON_LIMIT } from './http/body';
import { RateLimiter } from './http/rate-limit';
import { extensionCors, secureHeaders } from './http/security';
import * as analytics from './routes/analytics';
import { cohorts } from './routes/cohorts';
import { serveDocs } from './routes/docs';
import { health } from './routes/health';
import * as imports from './routes/imports';
import { redeem } from './routes/invites';
import { me } from './routes/me';
import * as pairs from './routes/pairs';
import * as participants from './routes/participants';
import * as programmes from './routes/programmes';
import { put as putCheck } from './routes/checks';
import * as requests from './routes/requests';
import { put as putResponse } from './routes/responses';
import { report as reportSession } from './routes/sessions';
import * as sharing from './routes/sharing';

export interface AppOptions {
  /** Overrides RATE_LIMIT_PER_MINUTE (tests use a small one). */
  rateLimitPerMinute?: number;
  limiter?: RateLimiter;
  /** Bounds concurrent heavy analytics (tests use a small one). */
  analyticsGate?: AnalyticsGate;
}

/** `GET /programmes/{pid}`: the line a route is listed under, checked against the contract by the compiler. */
type RouteLine<N extends RouteName> = `${Uppercase<Routes[N]['method']>} ${Routes[N]['path']}`;

export function createApi(options: AppOptions = {}) {
  const api = openApiApp();
  const gate = options.analyticsGate ?? new AnalyticsGate();
  const heavy = heavyAnalytics(gate);
  const participant = participantsFirst(gate);
  /** Registers a contract route: its guards run first, then validation, then the handler. */
  const on = <N extends RouteName>(name: N, _line: RouteLine<N>, handler: RouteHandler<Routes[N], AppEnv>, ...middleware: MiddlewareHandler<AppEnv>[]) => {
    api.openapi({ ...routes[name], middleware } as never, handler as never);
  };
  const body = jsonRequest;

  on('health', 'GET /health', health);

  on('createProgramme', 'POST /programmes', programmes.create, only('admin'), body);
  on('listProgrammes', 'GET /programmes', programmes.list, only('admin'));
  on('getProgramme', 'GET /programmes/{pid}', programmes.read, onlyIn('coordinator', 'sponsor'));
  on('updateProgramme', 'PATCH /programmes/{pid}', programmes.update, programmes.adminOrCoordinator, body);
  on('rotateToken', 'POST /programmes/{pid}/tokens/{role}/rotate', programmes.rotateToken, only('admin'));

  on('addParticipants', 'POST /programmes/{pid}/participants', participants.add, onlyIn('coordinator'), body);
  on('listParticipants', 'GET /programmes/{pid}/participants', participants.list, onlyIn('coordinator'));
  on('reissueInvite', 'POST /programmes/{pid}/participants/{id}/invite', participants.reissueInvite, onlyIn('coordinator'));
  on('revokeDevices', 'DELETE /programmes/{pid}/participants/{id}/tokens', participants.revokeDevices, onlyIn('coordinator'));
  on('eraseParticipant', 'DELETE /participants/{id}', participants.erase, only('coordinator'));

  on('createPair', 'POST /programmes/{pid}/pairs', pairs.create, onlyIn('coordinator'), body);
  on('listPairs', 'GET /programmes/{pid}/pairs', pairs.list, onlyIn('coordinator'));
  on('updatePair', 'PATCH /programmes/{pid}/pairs/{pairId}', pairs.update, onlyIn('coordinator'), body);
  on('rematchPair', 'POST /programmes/{pid}/pairs/{pairId}/rematch', pairs.rematch, onlyIn('coordinator'), body);
  on('listRequests', 'GET /programmes/{pid}/requests', requests.list, onlyIn('coordinator'));
  on('updateRequest', 'PATCH /programmes/{pid}/requests/{id}', requests.update, onlyIn('coordinator'), body);
  on('createPairs', 'POST /programmes/{pid}/pairs/batch', pairs.createMany, onlyIn('coordinator'), jsonRequestUpTo(BULK_JSON_LIMIT));

  on('importCsv', 'POST /programmes/{pid}/import', imports.csv, onlyIn('coordinator'));
  on('importHistory', 'POST /programmes/{pid}/history', imports.history, onlyIn('coordinator'));

  on('redeemInvite', 'POST /invites/redeem', redeem, body);
  // Participants first: heavy analytics wait while these run (http/analytics-gate.ts).
  on('me', 'GET /me', me, participant, only('participant'));
  on('reportSession', 'POST /sessions', reportSession, participant, only('participant'), body);
  on('putResponse', 'PUT /responses/{id}', putResponse, participant, only('participant'), body);
  on('submitCheck', 'PUT /me/checks/{id}', putCheck, participant, only('participant'), body);
  on('submitRequest', 'PUT /me/requests/{id}', requests.put, participant, only('participant'), body);
  on('setSharing', 'PUT /me/pairs/{pairId}/sharing', sharing.put, participant, only('participant'), body);
  on('jointSummary', 'GET /me/pairs/{pairId}/summary', sharing.summary, participant, only('participant'));

  // Analytics run a few at a time (http/analytics-gate.ts).
  on('dashboard', 'GET /programmes/{pid}/dashboard', analytics.dashboard, onlyIn('coordinator'), heavy);
  on('pairDetail', 'GET /programmes/{pid}/pairs/{pairId}', analytics.pair, onlyIn('coordinator'), heavy);
  on('culture', 'GET /programmes/{pid}/culture', analytics.culture, onlyIn('sponsor', 'coordinator'), heavy);
  on('cohorts', 'GET /programmes/{pid}/cohorts', cohorts, onlyIn('coordinator'), heavy);
  // The caller is checked before the query, so that a stranger learns nothing from a 400.
  on('exportCsv', 'GET /programmes/{pid}/export.csv', analytics.exportCsv, onlyIn('sponsor', 'coordinator'), heavy);

  serveDocs(api);
  return api;
}

export function createApp(options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const limiter = options.limiter ?? new RateLimiter();

  app.use('*', secureHeaders);
  app.use('/api/*', extensionCors);
  app.use('/api/*', authenticate(limiter, options.rateLimitPerMinute));
  app.route('/api/v1', createApi(options));

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
