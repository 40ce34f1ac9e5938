// Picks the calendar adapter the person chose and gets it a token.
// Google uses chrome.identity.getAuthToken (Chrome only: it needs the
// manifest's oauth2 client id); Microsoft uses launchWebAuthFlow, which
// Chrome and Firefox both offer.
import { browser } from 'wxt/browser';
import { googleSource } from '../calendar/google';
import { graphSource } from '../calendar/graph';
import { icsSource } from '../calendar/ics';
import { CalendarError, type CalendarSource } from '../calendar/source';
import type { CalendarSettings } from '../state/store';

export const GRAPH_SCOPE = 'offline_access Calendars.Read';

export function calendarSourceFor(settings: CalendarSettings, interactive = false): CalendarSource | null {
  switch (settings.kind) {
    case 'ics':
      return icsSource(webcalToHttps(settings.url));
    case 'google':
      return googleSource({ getToken: () => googleToken(interactive) });
    case 'microsoft':
      return graphSource({ getToken: () => microsoftToken(settings, interactive) });
    default:
      return null;
  }
}

/** Calendar apps hand out `webcal://` links; they are plain HTTPS underneath. */
export function webcalToHttps(url: string): string {
  return url.replace(/^webcal:\/\//i, 'https://');
}

export async function googleToken(interactive: boolean): Promise<string> {
  if (!browser.identity?.getAuthToken) throw new CalendarError('Google sign-in is only available in Chrome');
  const result = await browser.identity.getAuthToken({ interactive });
  if (!result?.token) throw new CalendarError('Google sign-in was not completed');
  return result.token;
}

/** The OAuth implicit flow: the token arrives in the redirect's fragment. */
export async function microsoftToken(
  settings: Extract<CalendarSettings, { kind: 'microsoft' }>,
  interactive: boolean,
): Promise<string> {
  const authorize = new URL(`https://login.microsoftonline.com/${encodeURIComponent(settings.tenant || 'common')}/oauth2/v2.0/authorize`);
  authorize.searchParams.set('client_id', settings.clientId);
  authorize.searchParams.set('response_type', 'token');
  authorize.searchParams.set('redirect_uri', browser.identity.getRedirectURL());
  authorize.searchParams.set('scope', GRAPH_SCOPE);
  if (!interactive) authorize.searchParams.set('prompt', 'none');
  const redirected = await browser.identity.launchWebAuthFlow({ url: authorize.toString(), interactive });
  const token = redirected ? new URLSearchParams(new URL(redirected).hash.slice(1)).get('access_token') : null;
  if (!token) throw new CalendarError('Microsoft sign-in was not completed');
  return token;
}
