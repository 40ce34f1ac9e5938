// A small client for Twoway's public HTTP API (the OpenAPI document at /api/v1/openapi.json), used by the demo
// loader, the benchmark and the end-to-end tests. It only calls documented
// routes, so whatever it loads went through the same code as real clients.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} failed with ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
}

export interface ApiTarget {
  fetch: FetchLike;
  baseUrl: string;
}

/** Calls one route; a non-2xx answer throws ApiError with the parsed error envelope. */
export async function callApi<T>(
  target: ApiTarget,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await target.fetch(`${target.baseUrl}/api/v1${path}`, { method, headers, body: payload });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, parsed, `${method} ${path}`);
  return parsed as T;
}

function safeJson(text: string): unknown {
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
  const programme = await callApi<{ id: string; coordinatorToken: string; sponsorToken: string }>(
    target,
    adminToken,
    'POST',
    '/programmes',
    { name: spec.name ?? 'Twoway test programme', ...(spec.kAnonymity ? { kAnonymity: spec.kAnonymity } : {}) },
  );
  const coordinator = programme.coordinatorToken;
  const participants: ProgrammeIds['participants'] = {};
  for (const batch of participantBatches(spec.participants)) {
    const created = await callApi<{ participants: Array<{ id: string; email: string; inviteCode: string }> }>(
      target,
      coordinator,
      'POST',
      `/programmes/${programme.id}/participants`,
      { participants: batch },
    );
    for (const p of created.participants) participants[p.email.toLowerCase()] = { id: p.id, inviteCode: p.inviteCode };
  }
  const idOf = (email: string) => {
    const found = participants[email.toLowerCase()];
    if (!found) throw new Error(`pair names ${email}, who is not among the participants`);
    return found.id;
  };
  const pairIds = await mapConcurrently(spec.pairs, concurrency, async (pair) => {
    const created = await callApi<{ id: string }>(target, coordinator, 'POST', `/programmes/${programme.id}/pairs`, {
      a: idOf(pair.a),
      b: idOf(pair.b),
      ...(pair.mentor ? { mentorId: idOf(pair.mentor) } : {}),
      ...(pair.cohort ? { cohort: pair.cohort } : {}),
      startsOn: pair.startsOn,
      ...(pair.endsOn ? { endsOn: pair.endsOn } : {}),
      ...(pair.cadenceDays ? { cadenceDays: pair.cadenceDays } : {}),
    });
    return created.id;
  });
  return {
    programmeId: programme.id,
    coordinatorToken: coordinator,
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
