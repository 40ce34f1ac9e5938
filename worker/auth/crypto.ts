// Hashing, random tokens and invite codes, on Web Crypto; the ids derived per
// imported line use the synchronous SHA-256 of sha256.ts (same digests).
import { sha256 } from './sha256';

const encoder = new TextEncoder();

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Unpadded base64url, three bytes at a time. Written out rather than through
 * btoa: the history import derives two ids per line with it, and a profile of
 * the import found the string building of the btoa route among its top costs.
 */
export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  let i = 0;
  for (; i + 2 < view.length; i += 3) {
    const n = (view[i]! << 16) | (view[i + 1]! << 8) | view[i + 2]!;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  const left = view.length - i;
  if (left === 1) {
    const n = view[i]! << 16;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]!;
  } else if (left === 2) {
    const n = (view[i]! << 16) | (view[i + 1]! << 8);
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]!;
  }
  return out;
}

/** Lower-case hex of some bytes, by table. */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** A 256-bit bearer token; only its SHA-256 is ever stored. */
export function newToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A random id for rows (128 bits is plenty and keeps URLs short). */
export function newId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Compares two equal-length strings without leaking where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The admin token is a configured secret: compare digests so length leaks nothing either. */
export async function isAdminToken(candidate: string, adminToken: string | undefined): Promise<boolean> {
  if (!adminToken) return false;
  const [a, b] = await Promise.all([sha256Hex(candidate), sha256Hex(adminToken)]);
  return constantTimeEqual(a, b);
}

/**
 * A UUID (version 5 layout) derived from a name, so that re-imported history
 * lines get the same response ids and a replay stays idempotent.
 */
export function nameBasedUuid(name: string): string {
  const bytes = sha256(name).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
