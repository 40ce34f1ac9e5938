// Noticing that the programme took this device's sign-in back (a 401 from
// any call), and telling the person once. Queued answers stay queued.
import { browser } from 'wxt/browser';
import { accessLostFrom, accessLostMessage } from '../api/access';
import { update, type Account } from '../state/store';

/**
 * Remembers that the Worker refused this account's token, and tells the
 * person once, in plain words. Only the account still holding `token` is
 * marked, so a re-join in the meantime is not undone.
 */
export async function noteAccessLost(programmeId: string, token: string, status: number, code: string | undefined): Promise<void> {
  const lost = accessLostFrom(status, code, Date.now());
  if (!lost) return;
  let marked: Account | undefined;
  await update('accounts', (accounts) => {
    const account = accounts[programmeId];
    if (!account || account.token !== token || account.accessLost) return accounts;
    marked = { ...account, accessLost: lost };
    return { ...accounts, [programmeId]: marked };
  });
  if (!marked) return;
  await browser.notifications.create(`twoway-access:${programmeId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Twoway: you were signed out',
    message: accessLostMessage(lost, marked.programme.name),
  });
}
