// "Ignore this recurring series": a person-level choice, kept in this browser.
import { browser } from 'wxt/browser';
import { forgetSeries } from '../sessions/match-log';
import { dropSeries } from '../prompts/rules';
import { read, update } from '../state/store';
import { pollCalendar } from './poll';
import { notificationId, reconcilePrompts } from './prompting';

export async function ignoreSeries(seriesUid: string, title: string, now: number): Promise<void> {
  await update('ignoredSeries', (ignored) => ({ ...ignored, [seriesUid]: { title, at: now } }));
  const waiting = Object.values(await read('prompts')).filter((p) => p.seriesUid === seriesUid && p.state !== 'answered');
  await update('prompts', (prompts) => dropSeries(prompts, seriesUid));
  await update('matchLog', (log) => forgetSeries(log, seriesUid));
  for (const prompt of waiting) await browser.notifications.clear(notificationId(prompt));
  await reconcilePrompts(now);
}

export async function unignoreSeries(seriesUid: string, now: number): Promise<void> {
  await update('ignoredSeries', (ignored) => {
    const { [seriesUid]: _gone, ...rest } = ignored;
    return rest;
  });
  await pollCalendar(now);
}
