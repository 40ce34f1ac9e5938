// The options page's pacing and sharing choices in happy-dom, wired to the
// real background on WXT's fake browser: "every other session" and quiet hours
// are saved beside the calendar settings, and the joint-summary toggle queues
// the change and shows the pair's state.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Message } from '../../extension/background/messages';
import { onMessage } from '../../extension/background/router';
import { runOutbox } from '../../extension/outbox/runner';
import { readOutbox } from '../../extension/outbox/storage';
import { read, write, type Account } from '../../extension/state/store';
import { OptionsApp } from '../../extension/ui/OptionsApp';
import { signedInAccount } from './signed-in-account';

const account: Account = {
  ...signedInAccount,
  programme: { ...signedInAccount.programme, maxPromptsPerPairPerWeek: 2 },
  pairs: [{ ...signedInAccount.pairs[0]!, jointSummary: 'off' }],
};
let sharing: Array<Record<string, unknown>>;
let root: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  sharing = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    if (url.endsWith('/sharing')) {
      sharing.push(body);
      return Response.json({ jointSummary: body.jointSummary ? 'waiting' : 'off' });
    }
    return Response.json({ participant: { id: 'me' }, pairs: [], responses: [] });
  });
  // The calendar form asks the manifest whether Google Calendar is configured; the fake browser has none.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Twoway', version: '0.1.0' });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => onMessage(message as Message));
  await write('accounts', { prog: account });
  await write('activeProgrammeId', 'prog');
  await write('settings', { calendar: { kind: 'ics', url: 'https://calendar.test/feed.ics' } });
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  await runOutbox();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const check = async (input: HTMLInputElement) => {
  input.checked = !input.checked;
  input.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('fewer prompts', () => {
  it('saves "every other session" and quiet hours beside the calendar settings, and tells the programme cap', async () => {
    render(<OptionsApp />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-cap]')?.textContent).toBe('Your programme asks about at most 2 sessions per partner each week.'));
    const section = root.querySelector('[aria-labelledby="pacing"]')!;
    const [everyOther, quiet] = [...section.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    await check(everyOther!);
    await check(quiet!);
    await vi.waitFor(() => expect(section.querySelector<HTMLSelectElement>('[aria-label="Quiet hours start"]')?.disabled).toBe(false));
    const start = section.querySelector<HTMLSelectElement>('[aria-label="Quiet hours start"]')!;
    start.value = '21';
    start.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(start.value).toBe('21'));
    section.querySelector('form')!.requestSubmit();
    await vi.waitFor(async () => expect((await read('settings')).pacing).toEqual({ everyOther: true, quietHours: { start: 21, end: 8 } }));
    expect((await read('settings')).calendar).toEqual({ kind: 'ics', url: 'https://calendar.test/feed.ics' });
  });
});

describe('the joint summary choice', () => {
  it('queues the change for the pair and shows that the partner has not chosen it yet', async () => {
    render(<OptionsApp />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('Share a joint summary with Ben'));
    await check(root.querySelector<HTMLInputElement>('[data-sharing="pair-1"]')!);
    await vi.waitFor(() => expect(root.textContent).toContain("Ben hasn't chosen it yet."));
    await vi.waitFor(() => expect(sharing).toHaveLength(1));
    expect(sharing[0]).toMatchObject({ jointSummary: true });
    expect((await readOutbox())['sharing:pair-1']).toMatchObject({ kind: 'sharing', pairId: 'pair-1' });
  });
});
