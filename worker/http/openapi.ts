// How a contract route (shared/contract/routes.ts) becomes a Worker route:
// who may call it is checked first, then a JSON body is read under its size
// limit, then @hono/zod-openapi validates params, query and body with the
// contract's schemas, and any zod failure becomes the 400 `invalid_input`
// envelope with its `issues`.
import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { need, needInProgramme } from './auth';
import type { Principal } from './principal';
import { invalidInput, JSON_LIMIT, parseJson, readText } from './body';
import type { AppEnv } from './context';

const throwInvalid: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw invalidInput(result.error);
};

export function openApiApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: throwInvalid });
}

type Role = Principal['role'];

/** Only these roles may call the route. */
export const only = (...roles: Role[]): MiddlewareHandler<AppEnv> => async (c, next) => {
  need(c.get('principal'), ...roles);
  await next();
};

/** Only these roles of the programme named by the `pid` parameter. */
export const onlyIn = (...roles: Array<'coordinator' | 'sponsor' | 'participant'>): MiddlewareHandler<AppEnv> => async (c, next) => {
  needInProgramme(c.get('principal'), c.req.param('pid') ?? '', ...roles);
  await next();
};

/**
 * Reads the body under the JSON limit and parses it, whatever Content-Type the
 * client sent (`invalid_json` when it is no JSON), then hands it on as
 * application/json, so the contract's validator always sees it.
 */
export const jsonRequest: MiddlewareHandler<AppEnv> = (c, next) => jsonRequestUpTo(JSON_LIMIT)(c, next);

/** jsonRequest with another size limit (a bulk route's). */
export const jsonRequestUpTo = (limit: number): MiddlewareHandler<AppEnv> => async (c, next) => {
  const text = await readText(c.req.raw, limit);
  parseJson(text);
  c.req.raw = new Request(c.req.raw.url, {
    method: c.req.raw.method,
    headers: withJsonType(c.req.raw.headers),
    body: text,
  });
  await next();
};

function withJsonType(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.set('content-type', 'application/json');
  copy.delete('content-length');
  return copy;
}
