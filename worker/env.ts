/** The bindings and variables the Worker runs with (wrangler.toml, .dev.vars). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  ADMIN_TOKEN: string;
  /** Key for deriving invite codes; defaults to one derived from ADMIN_TOKEN. */
  INVITE_SECRET?: string;
  RATE_LIMIT_PER_MINUTE?: string;
}
