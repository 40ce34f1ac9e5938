// Hashing, random tokens and invite codes, all on Web Crypto.

const encoder = new TextEncoder();

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
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
export async function nameBasedUuid(name: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(name))).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
