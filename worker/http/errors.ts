// The error envelope `{error: {code, message, issues?}}` (the OpenAPI document at
// /api/v1/openapi.json declares it on every route), for every failure the Worker can produce.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from '../domain/errors';

export function errorResponse(error: ApiError): Response {
  const body = {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

export function onError(error: Error, _c: Context): Response {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse(new ApiError(400, 'invalid_input', error.message || 'bad request'));
  }
  // Log the kind of failure only: requests may carry tokens and personal data.
  console.error('unhandled error:', error.name, error.message);
  return errorResponse(new ApiError(500, 'internal', 'something went wrong on our side'));
}
