// Reads the calendar and turns matching meetings into prompts.
import { browser } from 'wxt/browser';
import { matchSessions } from '../sessions/matching';
import { CATCH_UP, DAY, mergePoll, type Prompt } from '../prompts/rules';
import { read, update, write, type Account } from '../state/store';
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

/** Reads the calendar once and folds its sessions into every programme the person has joined. */
export async function pollCalendar(now: number, source?: CalendarSource | null): Promise<void> {
  const [accounts, settings] = await Promise.all([read('accounts'), read('settings')]);
  const calendar = source ?? calendarSourceFor(settings.calendar);
  await update('prompts', (prompts) => forgetSignedOut(prompts, accounts));
  if (Object.keys(accounts).length > 0 && calendar) {
    const window = { from: now - CATCH_UP, to: now + LOOK_AHEAD };
    try {
      const events = await calendar.listEvents(new Date(window.from), new Date(window.to));
      let matched = 0;
      for (const account of Object.values(accounts)) {
        const matches = matchSessions(events, account.pairs, settings.keyword);
        matched += matches.length;
        await update('prompts', (prompts) => mergePoll(prompts, matches, account.programme.id, window, now));
      }
      await write('pollStatus', { at: now, ok: true, events: events.length, matched });
    } catch (error) {
      await write('pollStatus', { at: now, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  await reconcilePrompts(now);
}

/** After sign-out nobody can answer a programme's prompts, so they go. */
function forgetSignedOut(prompts: Record<string, Prompt>, accounts: Record<string, Account>): Record<string, Prompt> {
  return Object.fromEntries(Object.entries(prompts).filter(([, prompt]) => accounts[prompt.programmeId]));
}
