// The Worker's entry point: requests are wired in app.ts; the daily Cron
// Trigger (wrangler.toml) moves every programme's dashboard snapshots to the new day.
import { slideSnapshots } from './analytics/snapshots';
import { app } from './app';

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(slideSnapshots(env.DB));
  },
} satisfies ExportedHandler<Env>;
