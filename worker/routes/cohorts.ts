// GET /programmes/:pid/cohorts: fit, relationship checks and the response-rate
// trend per cohort, for the programme's coordinator (shared/metrics/README.md, "Cohorts").
import type { RouteHandler } from '@hono/zod-openapi';
import type { Routes } from '../../shared/contract';
import { cohortsAsOf, programmeCohorts } from '../analytics/cohorts';
import type { AppEnv } from '../http/context';

export const cohorts: RouteHandler<Routes['cohorts'], AppEnv> = async (c) => {
  const { body, meter } = await programmeCohorts(c.env.DB, c.req.valid('param').pid, cohortsAsOf(c.req.valid('query').asOf));
  return c.json(body, 200, { 'Server-Timing': meter.header(), 'Cache-Control': 'no-store' });
};
