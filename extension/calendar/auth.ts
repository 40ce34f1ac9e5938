// Access tokens for the calendar APIs. Google uses chrome.identity.getAuthToken
// (Chrome only: it needs the manifest's oauth2 client id); Microsoft uses
// launchWebAuthFlow, which Chrome and Firefox both offer. Kept apart from the
// adapters so the options page can ask for consent without bundling them.
import { browser } from 'wxt/browser';
import { CalendarError } from './source';
import type { CalendarSettings } from '../state/store';

export const GRAPH_SCOPE = 'Calendars.Read';

/** Google sign-in needs the OAuth client id that is written into the manifest at build time (README, "Google Calendar"). */
export function googleCalendarAvailable(): boolean {
  return Boolean(browser.runtime.getManifest().oauth2?.client_id);
}

export async function googleToken(interactive: boolean): Promise<string> {
  if (!browser.identity?.getAuthToken) throw new CalendarError('Google sign-in is only available in Chrome');
  const result = await browser.identity.getAuthToken({ interactive });
  if (!result?.token) throw new CalendarError('Google sign-in was not completed');
  return result.token;
}

/**
 * The OAuth implicit flow: the token arrives in the redirect's fragment. It is
 * cached in session storage (memory only, gone when the browser closes) until
 * shortly before it expires, so a poll does not open an auth flow every time.
 */
export async function microsoftToken(
  settings: Extract<CalendarSettings, { kind: 'microsoft' }>,
  interactive: boolean,
  now = Date.now(),
): Promise<string> {
  const cached = (await browser.storage.session.get(GRAPH_TOKEN_KEY))[GRAPH_TOKEN_KEY] as CachedToken | undefined;
  if (!interactive && cached && cached.clientId === settings.clientId && cached.expiresAt > now + 60_000) {
    return cached.token;
  }
  const authorize = new URL(`https://login.microsoftonline.com/${encodeURIComponent(settings.tenant || 'common')}/oauth2/v2.0/authorize`);
  authorize.searchParams.set('client_id', settings.clientId);
  authorize.searchParams.set('response_type', 'token');
  authorize.searchParams.set('redirect_uri', browser.identity.getRedirectURL());
  authorize.searchParams.set('scope', GRAPH_SCOPE);
  if (!interactive) authorize.searchParams.set('prompt', 'none');
  const redirected = await browser.identity.launchWebAuthFlow({ url: authorize.toString(), interactive });
  const fragment = new URLSearchParams(redirected ? new URL(redirected).hash.slice(1) : '');
  const token = fragment.get('access_token');
  if (!token) throw new CalendarError('Microsoft sign-in was not completed');
  const expiresAt = now + Number(fragment.get('expires_in') ?? 3600) * 1000;
  await browser.storage.session.set({ [GRAPH_TOKEN_KEY]: { token, expiresAt, clientId: settings.clientId } });
  return token;
}

const GRAPH_TOKEN_KEY = 'graphToken';
interface CachedToken {
  token: string;
  expiresAt: number;
  clientId: string;
}
