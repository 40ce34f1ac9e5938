// The one participant the extension tests sign in as: Ana, paired with Ben.
import type { Account } from '../../extension/state/store';

export const signedInAccount: Account = {
  workerUrl: 'https://twoway.test',
  token: 'participant-token',
  participant: { id: 'me', displayName: 'Ana', email: 'ana@example.com' },
  programme: { id: 'prog', name: 'Reverse mentoring 2026' },
  pairs: [{ id: 'pair-1', partner: { displayName: 'Ben', email: 'ben@example.com' } }],
  // Fresh for the tests' clock (2026-11-23), so a poll does not read GET /me first.
  refreshedAt: Date.parse('2026-11-23T12:00:00Z'),
};
