// A client for Twoway's HTTP API that behaves like a patient extension:
// it retries network errors, 5xx and 429 (honouring Retry-After) with capped
// exponential backoff until the Worker confirms, and counts what it did.
// Every call goes through the one typed client (shared/client.ts, by way of
// the dev tools' worker/dev/twoway-client.ts). It uses only fetch and timers,
// so it runs in Node and inside workerd alike.
import { API_PATH, type FetchLike } from '../../shared/client';
import { bodyOf, clientFor, createProgrammeWithPeople, mapConcurrently, routeFor, sendByPath } from '../../worker/dev/twoway-client';

export { mapConcurrently };

export type Fetcher = FetchLike;

export interface ApiReply {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A route of the contract, `/api/v1/...`, query included. */
  path: string;
  token?: string;
  /** Sent as JSON unless `contentType` says otherwise (then it must be a string). */
  body?: unknown;
  contentType?: string;
}

export interface ApiClientOptions {
  baseUrl: string;
  fetcher?: Fetcher;
  /** Per-attempt timeout. */
  timeoutMs?: number;
}

/** The request as one attempt, ready to send again; throws at once for a path the contract does not have. */
function attempt(options: ApiClientOptions, request: ApiRequest): () => Promise<ApiReply> {
  if (!request.path.startsWith(`${API_PATH}/`)) throw new Error(`${request.path} is not under ${API_PATH}`);
  const path = request.path.slice(API_PATH.length);
  routeFor(request.method, path);
  const fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
  return async () => {
    const client = clientFor({ baseUrl: options.baseUrl, fetch: fetcher }, request.token, options.timeoutMs);
    const response = await sendByPath(client, request.method, path, request.body, request.contentType);
    // An empty body reads as null, as it always has here.
    return { status: response.status, headers: response.headers, body: (await bodyOf(response)) ?? null };
  };
}

/** One HTTP call, no retries; the JSON body is parsed when there is one. */
export async function callApi(options: ApiClientOptions, request: ApiRequest): Promise<ApiReply> {
  return attempt(options, request)();
}

/** Throws unless the reply has the expected status; for set-up steps where anything else is a bug. */
export async function expectStatus(options: ApiClientOptions, request: ApiRequest, ...statuses: number[]): Promise<ApiReply> {
  const reply = await callApi(options, request);
  if (!statuses.includes(reply.status)) {
    throw new Error(`${request.method} ${request.path}: expected ${statuses.join('/')} but got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return reply;
}

export interface RetryPolicy {
  /** Give up after this long (the test then fails loudly rather than hanging). */
  deadlineMs: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface DeliveryStats {
  attempts: number;
  networkErrors: number;
  serverErrors: number;
  throttled: number;
}

export function emptyStats(): DeliveryStats {
  return { attempts: 0, networkErrors: 0, serverErrors: 0, throttled: 0 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Worth retrying: the Worker is down, overloaded, or asked us to slow down. */
function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Sends the request until the Worker gives a final answer (any status that is
 * not 429 or 5xx). Safe only for idempotent requests, which is every write of
 * the API: PUT /responses/:id, POST /sessions and the set-up routes.
 */
export async function deliver(
  options: ApiClientOptions,
  request: ApiRequest,
  policy: RetryPolicy,
  stats: DeliveryStats = emptyStats(),
): Promise<ApiReply> {
  const send = attempt(options, request);
  const deadline = Date.now() + policy.deadlineMs;
  const base = policy.baseDelayMs ?? 50;
  const cap = policy.maxDelayMs ?? 2000;
  for (let attempt = 0; ; attempt += 1) {
    stats.attempts += 1;
    let wait = Math.min(cap, base * 2 ** Math.min(attempt, 10));
    wait = wait / 2 + Math.random() * (wait / 2); // jitter, so retrying clients do not stampede together
    try {
      const reply = await send();
      if (!retryable(reply.status)) return reply;
      if (reply.status === 429) {
        stats.throttled += 1;
        const retryAfter = Number(reply.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.min(retryAfter * 1000, cap * 5);
      } else {
        stats.serverErrors += 1;
      }
    } catch {
      stats.networkErrors += 1;
    }
    if (Date.now() + wait > deadline) {
      throw new Error(`${request.method} ${request.path} not confirmed within ${policy.deadlineMs} ms (${attempt + 1} attempts)`);
    }
    await sleep(wait);
  }
}

export interface EnrolledMember {
  id: string;
  email: string;
  displayName: string;
  token: string;
}

export interface EnrolledProgramme {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
  pairs: Array<{ id: string; members: [EnrolledMember, EnrolledMember] }>;
}

/**
 * Creates a programme with `pairCount` pairs through the public API (the
 * shared set-up), then redeems every invite so each member holds a participant
 * token. Works with any fetcher: SELF.fetch inside workerd, or global fetch
 * against wrangler dev.
 */
export async function enrolProgramme(
  options: ApiClientOptions,
  adminToken: string,
  pairCount: number,
  spec: { name?: string; startsOn?: string; label?: string } = {},
): Promise<EnrolledProgramme> {
  const label = spec.label ?? 'p';
  const people = Array.from({ length: pairCount * 2 }, (_, i) => ({
    displayName: `${label} Person ${i}`,
    email: `${label}.person${i}@example.org`,
    function: i % 2 ? 'Sales' : 'Engineering',
    region: i % 3 ? 'EMEA' : 'APAC',
  }));
  const startsOn = spec.startsOn ?? new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const target = { fetch: options.fetcher ?? ((input: string, init?: RequestInit) => fetch(input, init)), baseUrl: options.baseUrl };
  const setup = await createProgrammeWithPeople(target, adminToken, {
    name: spec.name ?? 'Load programme',
    participants: people,
    pairs: Array.from({ length: pairCount }, (_, p) => ({
      a: people[2 * p]!.email, b: people[2 * p + 1]!.email, mentor: people[2 * p]!.email, cohort: '2026', startsOn, cadenceDays: 7,
    })),
  });
  const members = await mapConcurrently(people, 8, async (person) => {
    const { id, inviteCode } = setup.participants[person.email]!;
    const redeemed = await clientFor(target).call('redeemInvite', { body: { code: inviteCode } });
    return { id, email: person.email, displayName: person.displayName, token: redeemed.participantToken };
  });
  return {
    programmeId: setup.programmeId,
    coordinatorToken: setup.coordinatorToken,
    sponsorToken: setup.sponsorToken,
    pairs: setup.pairIds.map((id, p) => ({ id, members: [members[2 * p]!, members[2 * p + 1]!] })),
  };
}
