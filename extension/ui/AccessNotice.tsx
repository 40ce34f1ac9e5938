// Says plainly that the programme signed this computer out, and how to re-join.
import { accessLostMessage } from '../api/access';
import type { Account } from '../state/store';

export function AccessNotice({ account }: { account: Account }) {
  if (!account.accessLost) return null;
  return (
    <p class="error" role="alert" data-access-lost={account.accessLost.code}>
      {accessLostMessage(account.accessLost, account.programme.name)}
    </p>
  );
}
