// Picks the calendar adapter the person chose.
import { googleToken, microsoftToken } from '../calendar/auth';
import { googleSource } from '../calendar/google';
import { graphSource } from '../calendar/graph';
import { icsSource } from '../calendar/ics';
import type { CalendarSource } from '../calendar/source';
import type { CalendarSettings } from '../state/store';

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
