// Env is the Worker's bindings, generated from wrangler.toml by `npm run cf-typegen`
// (worker/worker-configuration.d.ts).
import type { Principal } from './principal';
import type { PrincipalCache } from './principal-cache';

/** Hono's type parameters for every route: bindings and per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal | null; principals: PrincipalCache };
}
