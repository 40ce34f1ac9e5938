// Reads the calendar and turns matching meetings into prompts.
import { browser } from 'wxt/browser';
import { matchSessions } from '../sessions/matching';
import { CATCH_UP, DAY, mergePoll } from '../prompts/rules';
import { activeAccount, read, update, write } from '../state/store';
import type { CalendarSource } from '../calendar/source';
import { calendarSourceFor } from './calendars';
import { reconcilePrompts } from './prompting';

export const POLL_ALARM = 'poll';
export const POLL_MINUTES = 5;
/** Far enough ahead to book end-of-meeting alarms between polls. */
const LOOK_AHEAD = 2 * DAY;

export async function ensurePollAlarm(): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  if (!existing) await browser.alarms.create(POLL_ALARM, { periodInMinutes: POLL_MINUTES, delayInMinutes: 0.1 });
}

export async function pollCalendar(now: number, source?: CalendarSource | null): Promise<void> {
  const [account, settings] = await Promise.all([activeAccount(), read('settings')]);
  const calendar = source ?? calendarSourceFor(settings.calendar);
  if (account && calendar) {
    const window = { from: now - CATCH_UP, to: now + LOOK_AHEAD };
    try {
      const events = await calendar.listEvents(new Date(window.from), new Date(window.to));
      const matches = matchSessions(events, account.pairs, settings.keyword);
      await update('prompts', (prompts) => mergePoll(prompts, matches, account.programme.id, window, now));
      await write('pollStatus', { at: now, ok: true, events: events.length, matched: matches.length });
    } catch (error) {
      await write('pollStatus', { at: now, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  await reconcilePrompts(now);
}
