// Who is calling, as authenticate() (http/auth.ts) resolves a bearer token.
// A module of its own so that the context, the cache and auth all import it
// without importing each other in a circle.

export type Principal =
  | { role: 'admin' }
  | { role: 'coordinator'; programmeId: string }
  | { role: 'sponsor'; programmeId: string }
  | {
      role: 'participant';
      programmeId: string;
      participantId: string;
      /** SHA-256 of the bearer token: writes re-check in their own batch that it still exists. */
      tokenHash: string;
      /** Server time from which this token may read the person's answers; null = all of them. */
      readsFrom: string | null;
    };
