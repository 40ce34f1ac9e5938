// Who is calling: resolves the bearer token to a principal, and applies the
// rate limit per token (or per client address when there is none). Failed
// authentications also count against the address, so guessing is throttled;
// the throttle refuses failing attempts only, so a valid token always gets
// through (SECURITY.md, "Integrity and abuse" argues why that is no oracle).
import type { MiddlewareHandler } from 'hono';
import { isAdminToken, sha256Hex } from '../auth/crypto';
import { ApiError, forbidden, revoked, unauthorized } from '../domain/errors';
import { findTokenByHash, type RevocationReason, type TokenLookup } from '../storage/tokens';
import type { AppEnv } from './context';
import type { Principal } from './principal';
import { PrincipalCache } from './principal-cache';
import { rateLimitFrom, type RateLimiter } from './rate-limit';


/**
 * Only a live answer (PUT /responses/:id) may take its principal from the
 * per-isolate cache, because its write batch checks again that the token still
 * exists (worker/storage/answer-admission.ts). Every other request looks the
 * token up, so a revoked or rotated token stops working at once in every isolate.
 */
export const trustsCachedPrincipal = (method: string, path: string) =>
  method === 'PUT' && /^\/api\/v1\/responses\/[^/]+$/.test(path);

function bearer(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export function authenticate(limiter: RateLimiter, limitOverride?: number, principals = new PrincipalCache()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principals', principals);
    const limit = limitOverride ?? rateLimitFrom(c.env.RATE_LIMIT_PER_MINUTE);
    const ip = c.req.header('cf-connecting-ip') ?? 'local';
    const address = `ip:${ip}`;
    // Failed sign-ins get their own budget per address, so a burst of anonymous
    // requests (health checks, invite redemptions) never locks out valid tokens.
    const failures = `failed:${ip}`;
    const throttle = (key: string) => {
      const decision = limiter.hit(key, limit);
      if (!decision.allowed) {
        throw new ApiError(429, 'rate_limited', 'too many requests; retry later', undefined, decision.retryAfter);
      }
    };
    const token = bearer(c.req.header('authorization'));
    if (token === undefined) {
      throttle(address);
      c.set('principal', null);
      return next();
    }
    if (token === null) {
      throttle(failures);
      throw unauthorized();
    }
    const hash = await sha256Hex(token);
    throttle(`token:${hash}`);
    // Every token is checked, even from an address out of failed attempts, so
    // one guesser behind a shared address cannot lock its colleagues out. While
    // throttled, a token that cannot be one we issued is not even looked up in D1.
    const throttled = limiter.overLimit(failures, limit);
    const cached = trustsCachedPrincipal(c.req.method, c.req.path) ? principals.get(hash) : undefined;
    const principal = cached
      ?? (throttled && !(await mayBeValid(token, c.env.ADMIN_TOKEN)) ? null : await resolve(c.env, token, hash, principals));
    if (!principal || 'revoked' in principal) {
      throttle(failures);
      throw principal ? revoked(principal.revoked) : unauthorized();
    }
    c.set('principal', principal);
    return next();
  };
}

/** Issued tokens are 32 random bytes, base64url-encoded (auth/crypto.ts newToken). */
const ISSUED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a token is worth a D1 look-up: shaped like an issued token, or the admin token. */
async function mayBeValid(token: string, adminToken: string | undefined): Promise<boolean> {
  return ISSUED_TOKEN.test(token) || (await isAdminToken(token, adminToken));
}

/**
 * Looks the token up (the admin token in the environment, others in D1), and
 * remembers a participant's for the answer route. A token that was revoked
 * comes back as its reason.
 */
async function resolve(
  env: AppEnv['Bindings'],
  token: string,
  hash: string,
  principals: PrincipalCache,
): Promise<Principal | { revoked: RevocationReason } | null> {
  if (await isAdminToken(token, env.ADMIN_TOKEN)) return { role: 'admin' };
  const row = await findTokenByHash(env.DB, hash);
  if (!row?.role && row?.revoked_reason) return { revoked: row.revoked_reason };
  const principal = row ? principalOf(row, hash) : null;
  if (principal?.role === 'participant') principals.set(hash, principal);
  return principal;
}

function principalOf(row: TokenLookup, hash: string): Principal | null {
  if (!row.role || !row.programme_id) return null;
  if (row.role === 'participant') {
    if (!row.participant_id) return null;
    return { role: 'participant', programmeId: row.programme_id, participantId: row.participant_id, tokenHash: hash, readsFrom: row.reads_from ?? null };
  }
  return row.role === 'coordinator'
    ? { role: 'coordinator', programmeId: row.programme_id }
    : { role: 'sponsor', programmeId: row.programme_id };
}

type Role = Principal['role'];

/** The caller, who must hold one of the roles (401 without a token, 403 with the wrong one). */
export function need<R extends Role>(principal: Principal | null, ...roles: R[]): Extract<Principal, { role: R }> {
  if (!principal) throw unauthorized();
  if (!(roles as Role[]).includes(principal.role)) forbiddenRole();
  return principal as Extract<Principal, { role: R }>;
}

/** As `need`, and the token must belong to programme `pid` (strict isolation between programmes). */
export function needInProgramme<R extends 'coordinator' | 'sponsor' | 'participant'>(
  principal: Principal | null,
  pid: string,
  ...roles: R[]
): Extract<Principal, { role: R }> {
  const caller = need(principal, ...roles);
  if (!('programmeId' in caller) || caller.programmeId !== pid) throw forbidden('this token belongs to another programme');
  return caller;
}

function forbiddenRole(): never {
  throw forbidden('this token’s role may not do that');
}
