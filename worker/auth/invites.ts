// Invite codes are derived, not stored: HMAC-SHA256 of `${participantId}:${inviteVersion}`.
// Coordinators can list every participant's current link at any time, while
// the database holds only the SHA-256 of each code (participants.invite_hash).
import { base64url, sha256Hex } from './crypto';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** INVITE_SECRET when set; otherwise a key derived from ADMIN_TOKEN, so one secret suffices. */
function inviteKey(env: Pick<Env, 'INVITE_SECRET' | 'ADMIN_TOKEN'>): Promise<CryptoKey> {
  const secret = env.INVITE_SECRET || `twoway-invite-key:${env.ADMIN_TOKEN}`;
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.digest('SHA-256', encoder.encode(secret)).then((raw) =>
      crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    );
    keys.set(secret, key);
  }
  return key;
}

export type InviteSecrets = Pick<Env, 'INVITE_SECRET' | 'ADMIN_TOKEN'>;

export async function inviteCode(secrets: InviteSecrets, participantId: string, version: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await inviteKey(secrets), encoder.encode(`${participantId}:${version}`));
  return base64url(mac);
}

export async function inviteCodeAndHash(secrets: InviteSecrets, participantId: string, version: number) {
  const code = await inviteCode(secrets, participantId, version);
  return { code, hash: await sha256Hex(code) };
}
