// When the Worker no longer accepts this device's token (README, "Credentials";
// extension/README.md, "Access reset"): the 401 codes it sends, and what the
// person is told about each, in plain words. Queued answers are never dropped
// for this: they wait in the outbox for the new token.

/** The Worker's 401 codes for a token that was taken back. */
export const ACCESS_LOST_CODES = ['access_reset', 'token_revoked', 'token_rotated'] as const;
export type AccessLostCode = (typeof ACCESS_LOST_CODES)[number];

export interface AccessLost {
  code: AccessLostCode | 'unauthorized';
  at: number;
}

/** Whether a refusal means this device's sign-in no longer works (any 401). */
export function accessLostFrom(status: number, code: string | undefined, now: number): AccessLost | null {
  if (status !== 401) return null;
  const known = (ACCESS_LOST_CODES as readonly string[]).includes(code ?? '');
  return { code: known ? (code as AccessLostCode) : 'unauthorized', at: now };
}

/** What the person reads. */
export function accessLostMessage(lost: AccessLost, programmeName: string): string {
  const keep = 'Your answers that are still waiting are kept on this computer and will be sent once you re-join.';
  const rejoin = 'To re-join, ask your programme coordinator for your new invite code and enter it in Twoway’s options.';
  switch (lost.code) {
    case 'access_reset':
      return `Your access to ${programmeName} was reset by the programme, so this computer is signed out. If you did not ask for this, tell your coordinator. ${rejoin} ${keep}`;
    case 'token_revoked':
      return `The programme signed this computer out of ${programmeName}. ${rejoin} ${keep}`;
    default:
      return `This computer is no longer signed in to ${programmeName}. ${rejoin} ${keep}`;
  }
}
