// Helpers for the route tests: call the Worker like a client would.
// Requests go straight to the Worker's exported app rather than through
// SELF.fetch, whose per-request cost grows with every request a test file makes
// (cloudflare/workers-sdk#15446); smoke.test.ts and the limits tests keep SELF.
import { env } from 'cloudflare:test';
import { routes, type RouteName } from '../../shared/contract';
import worker from '../../worker/index';

export const ADMIN = 'test-admin-token';
export const BASE = 'http://twoway.test/api/v1';

export interface Call {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(method: string, path: string, token?: string | null, body?: unknown, init: RequestInit = {}): Promise<Call> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let payload: BodyInit | undefined;
  if (typeof body === 'string') payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers.set('Content-Type', 'application/json');
  }
  const res = await worker.fetch(new Request(`${BASE}${path}`, { ...init, method, headers, body: payload }), env);
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* CSV or empty */
  }
  checkAgainstContract(method, path, res.status, parsed);
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The contract route a request goes to, by method and path (the query ignored). */
export function contractRoute(method: string, path: string): RouteName | undefined {
  const bare = path.split('?')[0] ?? '';
  return (Object.keys(routes) as RouteName[]).find((name) => {
    const route = routes[name];
    const pattern = new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
    return route.method === method.toLowerCase() && pattern.test(bare);
  });
}

/**
 * Every answer a test gets is held to the response schema the contract declares
 * for its route and status: a JSON body must parse with it, and a status the
 * contract does not list fails the test.
 */
export function checkAgainstContract(method: string, path: string, status: number, body: unknown) {
  const name = contractRoute(method, path);
  if (!name || status >= 500) return;
  const responses = routes[name].responses as Record<number, { content?: Record<string, { schema: { safeParse(v: unknown): { success: boolean; error?: unknown } } }> }>;
  const declared = responses[status];
  if (!declared) throw new Error(`${method} ${path} answered ${status}, which the contract of ${name} does not declare`);
  const schema = declared.content?.['application/json']?.schema;
  if (!schema) return;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${method} ${path} ${status} does not match the contract of ${name}: ${String(parsed.error)}`);
}

export async function newProgramme(name = 'Reverse mentoring 2026') {
  const res = await call('POST', '/programmes', ADMIN, { name });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; coordinatorToken: string; sponsorToken: string };
}

/** A programme with two invited, signed-in participants in one pair. */
/** A programme with Ana and Ben paired from `startsOn` (2026-01-01 unless a test needs older history). */
export async function pairedProgramme(name = 'Programme', startsOn = '2026-01-01') {
  const programme = await newProgramme(name);
  const added = await call('POST', `/programmes/${programme.id}/participants`, programme.coordinatorToken, {
    participants: [
      { displayName: 'Ana Lima', email: `ana@${name.toLowerCase().replace(/\W/g, '')}.test`, function: 'IT', region: 'EU', generation: 'Z' },
      { displayName: 'Ben Okafor', email: `ben@${name.toLowerCase().replace(/\W/g, '')}.test`, function: 'Sales', region: 'US', generation: 'X' },
    ],
  });
  const [ana, ben] = added.body.participants as { id: string; email: string; inviteCode: string }[];
  const pair = await call('POST', `/programmes/${programme.id}/pairs`, programme.coordinatorToken, {
    a: ana!.id, b: ben!.id, mentorId: ana!.id, cohort: '2026', startsOn,
  });
  const anaToken = (await call('POST', '/invites/redeem', null, { code: ana!.inviteCode })).body?.participantToken as string;
  const benToken = (await call('POST', '/invites/redeem', null, { code: ben!.inviteCode })).body?.participantToken as string;
  return { programme, ana: ana!, ben: ben!, pairId: pair.body.id as string, anaToken, benToken };
}

export const db = () => env.DB;
