// Twoway's public HTTP API for the dev tools (the demo loader, the benchmark)
// and the tests, on the one typed client (shared/client.ts). It only calls
// routes of the contract (shared/contract/endpoints.ts), so whatever it loads
// went through the same code as real clients.
import { ApiError, twowayClient, type FetchLike, type TwowayClient } from '../../shared/client';
import { ENDPOINTS, type EndpointName } from '../../shared/contract/endpoints';

export { ApiError, type FetchLike };

export interface ApiTarget {
  fetch: FetchLike;
  baseUrl: string;
}

/** The typed client for `target`, calling as the holder of `token`. */
export function clientFor(target: ApiTarget, token?: string, timeoutMs?: number): TwowayClient {
  return twowayClient({ origin: target.baseUrl, token, fetch: target.fetch, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** A call by method and path (under /api/v1, query included), as its contract route and parts. */
export interface RouteCall {
  name: EndpointName;
  params: Record<string, string>;
  query: Record<string, string>;
}

const ROUTE_PATTERNS = Object.entries(ENDPOINTS).map(([name, { method, path }]) => ({
  name: name as EndpointName,
  method: method.toUpperCase(),
  keys: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** The contract route a method and path name; throws for one the contract does not have. */
export function routeFor(method: string, path: string): RouteCall {
  const at = path.indexOf('?');
  const [pathname, search] = at < 0 ? [path, ''] : [path.slice(0, at), path.slice(at + 1)];
  for (const route of ROUTE_PATTERNS) {
    const match = route.method === method.toUpperCase() ? route.pattern.exec(pathname) : null;
    if (!match) continue;
    const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
    return { name: route.name, params, query: Object.fromEntries(new URLSearchParams(search)) };
  }
  throw new Error(`no route of the contract is ${method} ${path}`);
}

/** Sends a call given by method and path (under /api/v1) through the typed client; the raw response. */
export function sendByPath(client: TwowayClient, method: string, path: string, body?: unknown, contentType?: string): Promise<Response> {
  const { name, params, query } = routeFor(method, path);
  // The route's parts are checked by the Worker; a test may send what the types would refuse.
  const input = { params, query, ...(body === undefined ? {} : { body }) } as never;
  return client.send(name, input, contentType);
}

/** Calls one route; a refusal throws ApiError with the error envelope's code and message. */
export async function callApi<T>(
  target: ApiTarget,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
): Promise<T> {
  const response = await sendByPath(clientFor(target, token), method, path, body, contentType);
  if (!response.ok) throw await ApiError.from(response);
  return (await bodyOf(response)) as T;
}

/** The answer's JSON, or its text when it is not JSON (the CSV export), or undefined when empty. */
export async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface PeopleSpec {
  name?: string;
  kAnonymity?: number;
  participants: Array<{ displayName: string; email: string; function?: string; region?: string; generation?: string }>;
  pairs: Array<{
    a: string /* email */;
    b: string /* email */;
    mentor?: string /* email */;
    cohort?: string;
    startsOn: string;
    endsOn?: string;
    cadenceDays?: number;
  }>;
}

export interface ProgrammeIds {
  programmeId: string;
  coordinatorToken: string;
  sponsorToken: string;
  participants: Record<string /* email */, { id: string; inviteCode: string }>;
  pairIds: string[];
}

/** The API caps one participants request at 1000 people and any JSON body at 64 KiB. */
const PARTICIPANTS_PER_REQUEST = 1000;
const JSON_BODY_BUDGET = 60 * 1024;

/** Splits people into requests that respect both caps. */
function participantBatches(people: PeopleSpec['participants']): Array<PeopleSpec['participants']> {
  const batches: Array<PeopleSpec['participants']> = [];
  let batch: PeopleSpec['participants'] = [];
  let bytes = 0;
  for (const person of people) {
    const size = JSON.stringify(person).length + 1;
    if (batch.length > 0 && (batch.length === PARTICIPANTS_PER_REQUEST || bytes + size > JSON_BODY_BUDGET)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(person);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Creates a programme, its participants and its pairs through the public API.
 * Pairs are posted `concurrency` at a time; pairIds keep the order of spec.pairs.
 */
export async function createProgrammeWithPeople(
  target: ApiTarget,
  adminToken: string,
  spec: PeopleSpec,
  concurrency = 4,
): Promise<ProgrammeIds> {
  const admin = clientFor(target, adminToken);
  const programme = await admin.call('createProgramme', {
    body: { name: spec.name ?? 'Twoway test programme', ...(spec.kAnonymity ? { kAnonymity: spec.kAnonymity } : {}) },
  });
  const coordinator = clientFor(target, programme.coordinatorToken);
  const participants: ProgrammeIds['participants'] = {};
  for (const batch of participantBatches(spec.participants)) {
    const created = await coordinator.call('addParticipants', { params: { pid: programme.id }, body: { participants: batch } });
    for (const p of created.participants) participants[p.email.toLowerCase()] = { id: p.id, inviteCode: p.inviteCode };
  }
  const idOf = (email: string) => {
    const found = participants[email.toLowerCase()];
    if (!found) throw new Error(`pair names ${email}, who is not among the participants`);
    return found.id;
  };
  const pairIds = await mapConcurrently(spec.pairs, concurrency, async (pair) => {
    const created = await coordinator.call('createPair', { params: { pid: programme.id }, body: {
      a: idOf(pair.a),
      b: idOf(pair.b),
      ...(pair.mentor ? { mentorId: idOf(pair.mentor) } : {}),
      ...(pair.cohort ? { cohort: pair.cohort } : {}),
      startsOn: pair.startsOn,
      ...(pair.endsOn ? { endsOn: pair.endsOn } : {}),
      ...(pair.cadenceDays ? { cadenceDays: pair.cadenceDays } : {}),
    } });
    return created.id;
  });
  return {
    programmeId: programme.id,
    coordinatorToken: programme.coordinatorToken,
    sponsorToken: programme.sponsorToken,
    participants,
    pairIds,
  };
}

/** Runs `work` over items with at most `limit` in flight; results keep the input order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
