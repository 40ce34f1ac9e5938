// The demo's members sign in once each, as their extension would. An invite
// code works once, so every part of the demo that acts for a member takes the
// member's token from here.
import { callApi, type ApiTarget, type ProgrammeIds } from './twoway-client';

/** A member's participant token, by email, redeeming their invite on first use. */
export type SignIn = (email: string) => Promise<string>;

/** Redeems one invite code for its participant token. */
export async function redeemInvite(target: ApiTarget, code: string): Promise<string> {
  return (await callApi<{ participantToken: string }>(target, undefined, 'POST', '/invites/redeem', { code })).participantToken;
}

export function demoSignIn(target: ApiTarget, ids: Pick<ProgrammeIds, 'participants'>): SignIn {
  const tokens = new Map<string, Promise<string>>();
  return (email) => {
    const key = email.toLowerCase();
    const known = tokens.get(key);
    if (known) return known;
    const code = ids.participants[key]?.inviteCode;
    if (!code) return Promise.reject(new Error(`the demo has no participant ${email}`));
    const token = redeemInvite(target, code);
    tokens.set(key, token);
    return token;
  };
}
