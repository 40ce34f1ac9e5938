// Headers on every response, and CORS for the browser extension.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './context';

const cspWith = (cdn: string) => [
  "default-src 'self'",
  `script-src 'self'${cdn}`,
  `style-src 'self'${cdn}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const CSP = cspWith('');
/** The API reference page (routes/docs.ts) alone may load Swagger UI from its CDN. */
export const DOCS_PATH = '/api/v1/docs';
const DOCS_CSP = cspWith(' https://cdn.jsdelivr.net');

export const secureHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // Responses from the assets binding are immutable; copy them before editing headers.
  let response = c.res;
  try {
    response.headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    response = new Response(response.body, response);
    c.res = response;
  }
  const headers = c.res.headers;
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Content-Security-Policy', c.req.path === DOCS_PATH ? DOCS_CSP : CSP);
  if (c.req.path.startsWith('/api/')) headers.set('Cache-Control', 'no-store');
};

/** Extensions call the API cross-origin; the dashboard is same-origin and needs nothing. */
export function isExtensionOrigin(origin: string): boolean {
  return /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i.test(origin);
}

export const extensionCors = cors({
  origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type'],
  exposeHeaders: ['Retry-After'],
  maxAge: 600,
});
