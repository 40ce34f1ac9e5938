// Who a participant token belongs to, remembered for a minute in this isolate,
// so a participant's extension pays for one D1 round trip per answer instead
// of two. Only the answer route uses it (http/auth.ts, trustsCachedPrincipal),
// and its write batch checks in SQL that the token still exists, so a token
// revoked in another isolate writes nothing here either. Erasure, re-issue and
// device revocation forget the person here at once anyway.
import type { Principal } from './principal';

interface Entry {
  principal: Principal;
  until: number;
}

export class PrincipalCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The principal of a token hash, while its entry is fresh. */
  get(tokenHash: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.principal;
  }

  set(tokenHash: string, principal: Principal, now = Date.now()): void {
    // Full: drop the oldest entry (Map keeps insertion order) rather than grow without bound.
    if (this.entries.size >= this.maxEntries && !this.entries.has(tokenHash)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { principal, until: now + this.ttlMs });
  }

  /** Forgets every token of an erased participant. */
  forgetParticipant(participantId: string): void {
    for (const [hash, entry] of this.entries) {
      if (entry.principal.role === 'participant' && entry.principal.participantId === participantId) this.entries.delete(hash);
    }
  }
}
