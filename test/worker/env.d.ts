// The Worker's own bindings come from worker/worker-configuration.d.ts
// (`npm run cf-typegen`); the tests add the migrations vitest.config.ts reads.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
