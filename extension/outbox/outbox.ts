// What the HTTP client (api/twoway.ts) and response-body.ts import from the outbox. The outbox's
// own modules are machine.ts, retry-after.ts, storage.ts and runner.ts;
// import from those directly.
export type { ResponseBody, SendOutcome } from './machine';
export { parseRetryAfter } from './retry-after';
