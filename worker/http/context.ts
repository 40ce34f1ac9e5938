import type { Env } from '../env';
import type { Principal } from './principal';
import type { PrincipalCache } from './principal-cache';

/** Hono's type parameters for every route: bindings and per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal | null; principals: PrincipalCache };
}
