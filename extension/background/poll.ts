// Reads the calendar and turns matching meetings into prompts.
import { browser } from 'wxt/browser';
import { calendarProblem } from '../api/plain-errors';
import type { ResponseOf } from '../../shared/client';
import { twowayApi } from '../api/twoway';
import { logMatches } from '../sessions/match-log';
import { matchSessions, type MatchContext } from '../sessions/matching';
import { CATCH_UP, DAY, HOUR, mergePoll, type Prompt } from '../prompts/rules';
import { isoWeekStart, withWeekRanks } from '../prompts/selection';
import { read, rememberAnswers, update, write, type Account, type IgnoredSeries, type Settings } from '../state/store';
import type { CalendarSource } from '../calendar/source';
import { withPendingSharing } from '../loop/questions';
import { readOutbox } from '../outbox/storage';
import { calendarSourceFor } from './calendars';
import { notifyDueChecks } from './pair-loop';
import { reconcilePrompts } from './prompting';

export const POLL_ALARM = 'poll';
export const POLL_MINUTES = 5;
/** Far enough ahead to book end-of-meeting alarms between polls. */
const LOOK_AHEAD = 2 * DAY;
/** How often the pairs and the programme's keywords are read again from GET /me. */
export const PROFILE_REFRESH = 6 * HOUR;

export async function ensurePollAlarm(): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  if (!existing) await browser.alarms.create(POLL_ALARM, { periodInMinutes: POLL_MINUTES, delayInMinutes: 0.1 });
}

/** Reads the calendar once and folds its sessions into every programme the person has joined. */
export async function pollCalendar(now: number, source?: CalendarSource | null): Promise<void> {
  const [accounts, settings, ignored] = await Promise.all([refreshProfiles(now), read('settings'), read('ignoredSeries')]);
  const calendar = source ?? calendarSourceFor(settings.calendar);
  await update('prompts', (prompts) => forgetSignedOut(prompts, accounts));
  if (Object.keys(accounts).length > 0 && calendar) {
    // From the week's Monday (UTC) at least: the programme's weekly cap ranks a session among the pair's earlier ones that week.
    const window = { from: Math.min(now - CATCH_UP, isoWeekStart(now)), to: now + LOOK_AHEAD };
    try {
      const events = await calendar.listEvents(new Date(window.from), new Date(window.to));
      let matched = 0;
      for (const account of Object.values(accounts)) {
        const matches = withWeekRanks(matchSessions(events, matchContext(account, settings, ignored)));
        matched += matches.length;
        await update('prompts', (prompts) => mergePoll(prompts, matches, account.programme.id, window, now));
        await update('matchLog', (log) => logMatches(log, matches, account.programme.id, now));
      }
      await write('pollStatus', { at: now, ok: true, events: events.length, matched });
    } catch (error) {
      await write('pollStatus', { at: now, ok: false, error: pollProblem(error, settings.calendar) });
    }
  }
  await reconcilePrompts(now);
  await notifyDueChecks(accounts, now);
}

function pollProblem(error: unknown, calendar: Settings['calendar']): string {
  if (calendar.kind === 'none') return calendarProblem(error, 'ics');
  return calendarProblem(error, calendar.kind, calendar.kind === 'ics' ? calendar.url : undefined);
}

/** After sign-out nobody can answer a programme's prompts, so they go. */
function forgetSignedOut(prompts: Record<string, Prompt>, accounts: Record<string, Account>): Record<string, Prompt> {
  return Object.fromEntries(Object.entries(prompts).filter(([, prompt]) => accounts[prompt.programmeId]));
}

export function matchContext(account: Account, settings: Settings, ignored: Record<string, IgnoredSeries>): MatchContext {
  return {
    pairs: account.pairs,
    keywords: account.programme.meetingKeywords ?? [],
    ownAddresses: [account.participant.email, ...(settings.ownAddresses ?? [])],
    ignoredSeries: Object.keys(ignored),
  };
}

/** The account as GET /me describes it now; fields an older Worker leaves out keep their absence. */
export function accountFromMe(account: Account, me: ResponseOf<'me'>): Account {
  return {
    ...account,
    pairs: me.pairs.map((pair) => ({
      id: pair.id,
      partner: { displayName: pair.partner.displayName, email: pair.partner.email },
      ...(pair.questions ? { questions: pair.questions } : {}),
      ...(pair.jointSummary ? { jointSummary: pair.jointSummary } : {}),
    })),
    programme: { ...account.programme, ...(me.programme ?? {}) },
    ...(Array.isArray(me.requests) ? { requests: me.requests } : {}),
  };
}

/**
 * Reads each account's pairs and programme keywords again from GET /me when
 * they are older than PROFILE_REFRESH. A failure keeps what is stored: the
 * next poll tries again.
 */
async function refreshProfiles(now: number): Promise<Record<string, Account>> {
  const accounts = await read('accounts');
  const stale = Object.values(accounts).filter((account) => now - (account.refreshedAt ?? 0) >= PROFILE_REFRESH);
  if (stale.length === 0) return accounts;
  const fresh: Record<string, Account> = {};
  for (const account of stale) {
    try {
      const me = await twowayApi(account.workerUrl, account.token).me();
      // The same answer keeps "Your answers" current for when the Worker cannot be reached.
      await rememberAnswers(account, me.responses, now);
      const described = accountFromMe(account, me);
      const pairs = withPendingSharing(described.pairs, await readOutbox(), account.programme.id);
      fresh[account.programme.id] = { ...described, pairs, refreshedAt: now };
    } catch {
      // Offline, or the token was revoked: matching goes on with what is known.
    }
  }
  if (Object.keys(fresh).length === 0) return accounts;
  // Re-read under the lock: a sign-out may have happened while /me was on its way.
  return update('accounts', (current) =>
    Object.fromEntries(Object.entries(current).map(([id, account]) => [id, fresh[id] && account.token === fresh[id].token ? fresh[id] : account])),
  );
}
