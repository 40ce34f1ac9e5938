// The contract as a document: GET /api/v1/openapi.json (OpenAPI 3.1, generated
// from shared/contract/routes.ts) and GET /api/v1/docs, a Swagger UI page over
// it. The page's script and stylesheet come from a pinned swagger-ui-dist on
// jsDelivr and its start-up script from this Worker, so the page runs under a
// CSP that adds only that CDN (http/security.ts, DOCS_CSP); no other page does.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { AppEnv } from '../http/context';
import { VERSION } from './health';

export const SWAGGER_UI_CDN = 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.17.14';

const INIT = `window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui' });
});`;

export function serveDocs(api: OpenAPIHono<AppEnv>) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http', scheme: 'bearer', description: 'a token of role admin, coordinator, sponsor or participant',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Twoway API',
      version: VERSION,
      description: 'Every route of the Twoway Worker, with its request and response schemas. Errors are `{error: {code, message, issues?}}`.',
    },
    servers: [{ url: '/api/v1' }],
  });
  api.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  api.get('/docs', swaggerUI({
    url: '/api/v1/openapi.json',
    title: 'Twoway API',
    manuallySwaggerUIHtml: () => `
      <div id="swagger-ui"></div>
      <link rel="stylesheet" href="${SWAGGER_UI_CDN}/swagger-ui.css" />
      <script src="${SWAGGER_UI_CDN}/swagger-ui-bundle.js" crossorigin="anonymous"></script>
      <script src="/api/v1/docs/init.js"></script>`,
  }));
}
