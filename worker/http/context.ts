import type { Env } from '../env';
import type { Principal } from './auth';

/** Hono's type parameters for every route: bindings and per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal | null };
}
