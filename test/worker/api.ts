// Helpers for the route tests: call the Worker like a client would.
// Requests go straight to the Worker's exported app rather than through
// SELF.fetch, whose per-request cost grows with every request a test file makes
// (cloudflare/workers-sdk#15446); smoke.test.ts and the limits tests keep SELF.
import { env } from 'cloudflare:test';
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
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function newProgramme(name = 'Reverse mentoring 2026') {
  const res = await call('POST', '/programmes', ADMIN, { name });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; coordinatorToken: string; sponsorToken: string };
}

/** A programme with two invited, signed-in participants in one pair. */
export async function pairedProgramme(name = 'Programme') {
  const programme = await newProgramme(name);
  const added = await call('POST', `/programmes/${programme.id}/participants`, programme.coordinatorToken, {
    participants: [
      { displayName: 'Ana Lima', email: `ana@${name.toLowerCase().replace(/\W/g, '')}.test`, function: 'IT', region: 'EU', generation: 'Z' },
      { displayName: 'Ben Okafor', email: `ben@${name.toLowerCase().replace(/\W/g, '')}.test`, function: 'Sales', region: 'US', generation: 'X' },
    ],
  });
  const [ana, ben] = added.body.participants as { id: string; email: string; inviteCode: string }[];
  const pair = await call('POST', `/programmes/${programme.id}/pairs`, programme.coordinatorToken, {
    a: ana!.id, b: ben!.id, mentorId: ana!.id, cohort: '2026', startsOn: '2026-01-01',
  });
  const anaToken = (await call('POST', '/invites/redeem', null, { code: ana!.inviteCode })).body?.participantToken as string;
  const benToken = (await call('POST', '/invites/redeem', null, { code: ben!.inviteCode })).body?.participantToken as string;
  return { programme, ana: ana!, ben: ben!, pairId: pair.body.id as string, anaToken, benToken };
}

export const db = () => env.DB;
