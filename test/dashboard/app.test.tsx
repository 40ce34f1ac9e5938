// The whole app against a fake Worker: sign in, see the view for the role, sign out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_WORDS } from '../../worker/dashboard/api';
import { App } from '../../worker/dashboard/components/App';
import { culture, dashboard } from './fixtures';
import { click, mount, settle, text, type, unmountAll } from './render';

type Route = (url: URL, init: RequestInit | undefined) => Response | undefined;

function fakeWorker(route: Route) {
  const calls: Array<{ url: URL; auth: string | undefined }> = [];
  const fetcher = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    calls.push({ url, auth: (init?.headers as Record<string, string> | undefined)?.authorization });
    return route(url, init) ?? Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetcher);
  return calls;
}

async function signIn(root: HTMLElement, role: string, programmeId: string, token: string) {
  await click(root.querySelector(`input[name="role"][value="${role}"]`));
  if (programmeId) await type(root.querySelector('input[name="programmeId"]'), programmeId);
  await type(root.querySelector('input[name="token"]'), token);
  await click(root.querySelector('button[type="submit"]'));
  await settle();
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('dashboard app', () => {
  it('signs a sponsor in to the culture view only, with the token in a header and never in the URL', async () => {
    const calls = fakeWorker((url) => {
      if (url.pathname === '/api/v1/programmes/prog-1') return Response.json({ id: 'prog-1', name: 'Reverse mentoring 2026', kAnonymity: 5 });
      if (url.pathname === '/api/v1/programmes/prog-1/culture') return Response.json(culture());
      return undefined;
    });
    const before = location.href;
    const root = await mount(<App />);
    await signIn(root, 'sponsor', 'prog-1', 'sponsor-secret');
    expect([...root.querySelectorAll('nav button')].map(text)).toEqual(['Culture']);
    expect(text(root.querySelector('.brand'))).toContain('Reverse mentoring 2026');
    expect(text(root.querySelector('td.suppressed'))).toBe('fewer than 5 pairs');
    expect(calls.every((c) => c.auth === 'Bearer sponsor-secret')).toBe(true);
    expect(calls.some((c) => c.url.href.includes('sponsor-secret'))).toBe(false);
    expect(location.href).toBe(before);
    expect(sessionStorage.getItem('twoway.credentials')).toContain('sponsor-secret');

    await click([...root.querySelectorAll('button')].find((b) => text(b) === 'Sign out'));
    expect(sessionStorage.getItem('twoway.credentials')).toBeNull();
    expect(root.querySelector('input[name="token"]')).not.toBeNull();
  });

  it('asks for a new segment when the sponsor picks one', async () => {
    const calls = fakeWorker((url) => {
      if (url.pathname.endsWith('/culture')) return Response.json(culture({ by: (url.searchParams.get('by') as 'region') ?? null }));
      if (url.pathname === '/api/v1/programmes/prog-1') return Response.json({ id: 'prog-1', name: 'P', kAnonymity: 5 });
      return undefined;
    });
    const root = await mount(<App />);
    await signIn(root, 'sponsor', 'prog-1', 't');
    const bySelect = [...root.querySelectorAll('label')].find((l) => text(l).startsWith('Segment by'))!.querySelector('select');
    await type(bySelect, 'cohort');
    await settle();
    const cultureCalls = calls.filter((c) => c.url.pathname.endsWith('/culture'));
    expect(cultureCalls.at(-1)?.url.searchParams.get('by')).toBe('cohort');
    expect(cultureCalls.at(-1)?.url.searchParams.get('period')).toBe('year');
  });

  it('shows the coordinator the at-risk list and opens a pair’s drill-down', async () => {
    const data = dashboard();
    fakeWorker((url) => {
      if (url.pathname === '/api/v1/programmes/prog-1') return Response.json({ id: 'prog-1', name: 'P', kAnonymity: 5 });
      if (url.pathname === '/api/v1/programmes/prog-1/participants') return Response.json({ participants: [] });
      if (url.pathname === '/api/v1/programmes/prog-1/dashboard') return Response.json(data);
      if (url.pathname === '/api/v1/programmes/prog-1/pairs/pair-helpline') {
        return Response.json({ pair: { ...data.atRisk[0], mentorId: null, startsOn: '2026-01-05', endsOn: null, cadenceDays: 14, n: {} }, window: data.window, months: [], sessions: [] });
      }
      return undefined;
    });
    const root = await mount(<App />);
    await signIn(root, 'coordinator', 'prog-1', 'coord');
    expect([...root.querySelectorAll('nav button')].map(text)).toEqual(['Pair health', 'Culture', 'Requests', 'Set-up']);
    expect(text(root.querySelector('#at-risk-heading'))).toBe('At-risk pairs (2)');
    await click(root.querySelector('table.at-risk tbody tr button.link'));
    await settle();
    expect(text(root.querySelector('.drill-down'))).toContain('since 2026-01-05');
    expect(text(root.querySelector('.drill-down'))).toContain('peer pair');
  });

  it('refuses an unknown token at sign-in, in plain words, and stays signed out', async () => {
    fakeWorker(() => Response.json({ error: { code: 'unauthorized', message: 'Unknown token' } }, { status: 401 }));
    const root = await mount(<App />);
    await signIn(root, 'coordinator', 'prog-1', 'wrong');
    expect(text(root.querySelector('[role="alert"]'))).toContain('Twoway does not know this token');
    expect(root.querySelector('input[name="token"]')).not.toBeNull();
    expect(root.querySelector('nav')).toBeNull();
    expect(sessionStorage.getItem('twoway.credentials')).toBeNull();
  });

  it('says which role and programme a token belongs to once it is checked', async () => {
    const calls = fakeWorker((url) => {
      if (url.pathname === '/api/v1/programmes/demo') return Response.json({ id: 'demo', name: 'Demo: reverse mentoring', kAnonymity: 5 });
      if (url.pathname === '/api/v1/programmes/demo/participants') return Response.json({ participants: [] });
      if (url.pathname === '/api/v1/programmes/demo/dashboard') return Response.json(dashboard());
      return undefined;
    });
    const root = await mount(<App />);
    await signIn(root, 'coordinator', 'demo', 'coord');
    expect(text(root.querySelector('.brand'))).toBe('Twoway Signed in as coordinator of Demo: reverse mentoring');
    // The check came before any view's call.
    expect(calls.slice(0, 2).map((c) => c.url.pathname).sort()).toEqual(['/api/v1/programmes/demo', '/api/v1/programmes/demo/participants']);
  });

  it('tells a sponsor token used as coordinator, a wrong programme id and a revoked token apart', async () => {
    fakeWorker((url) => {
      if (url.pathname === '/api/v1/programmes/prog-1') return Response.json({ id: 'prog-1', name: 'P', kAnonymity: 5 });
      if (url.pathname === '/api/v1/programmes/prog-1/participants') return Response.json({ error: { code: 'forbidden', message: 'Forbidden' } }, { status: 403 });
      if (url.pathname === '/api/v1/programmes/revoked') return Response.json({ error: { code: 'token_revoked', message: 'revoked' } }, { status: 401 });
      return undefined;
    });
    const root = await mount(<App />);
    await signIn(root, 'coordinator', 'prog-1', 'sponsor-token');
    expect(text(root.querySelector('[role="alert"]'))).toContain('This is not the coordinator token of programme “prog-1”');

    await type(root.querySelector('input[name="programmeId"]'), 'no-such');
    await click(root.querySelector('button[type="submit"]'));
    await settle();
    expect(text(root.querySelector('[role="alert"]'))).toContain('There is no programme “no-such”');

    await type(root.querySelector('input[name="programmeId"]'), 'revoked');
    await click(root.querySelector('button[type="submit"]'));
    await settle();
    expect(text(root.querySelector('[role="alert"]'))).toContain(TOKEN_WORDS.token_revoked);
    expect(sessionStorage.getItem('twoway.credentials')).toBeNull();
  });

  it('checks an administrator token against the programme list', async () => {
    fakeWorker((url) => (url.pathname === '/api/v1/programmes' ? Response.json({ error: { code: 'forbidden', message: 'Forbidden' } }, { status: 403 }) : undefined));
    const root = await mount(<App />);
    await signIn(root, 'admin', '', 'coord-token');
    expect(text(root.querySelector('[role="alert"]'))).toContain('This is not an administrator token');
  });

  it('shows the error envelope’s message when the token stops working after sign-in', async () => {
    let refused = false;
    fakeWorker((url) => {
      if (refused) return Response.json({ error: { code: 'unauthorized', message: 'Unknown token' } }, { status: 401 });
      if (url.pathname === '/api/v1/programmes/prog-1') return Response.json({ id: 'prog-1', name: 'P', kAnonymity: 5 });
      if (url.pathname === '/api/v1/programmes/prog-1/participants') {
        refused = true;
        return Response.json({ participants: [] });
      }
      return undefined;
    });
    const root = await mount(<App />);
    await signIn(root, 'coordinator', 'prog-1', 'soon-wrong');
    const alert = root.querySelector('[role="alert"]');
    expect(text(alert)).toContain('Unknown token');
    expect(text(alert)).toContain('Sign out and sign in again');
  });
});

describe('invite link opened in a browser', () => {
  it('shows the code to paste into the extension', async () => {
    const { JoinPage } = await import('../../worker/dashboard/components/JoinPage');
    const { inviteLink } = await import('../../worker/dashboard/components/ParticipantList');
    const link = inviteLink('Abc123-xyz_987', 'https://twoway.example');
    expect(link).toBe('https://twoway.example/join#Abc123-xyz_987');
    const root = await mount(<JoinPage code={new URL(link).hash.slice(1)} link={link} />);
    // The whole link, which also tells the extension which server to join, with a copy button.
    expect(text(root.querySelector('code'))).toBe(link);
    expect(root.querySelector('button.copy')?.getAttribute('aria-label')).toBe('Copy invite link');
    const steps = [...root.querySelectorAll('ol.steps li')].map(text);
    expect(steps[0]).toMatch(/Install the Twoway browser extension/);
    expect([...root.querySelectorAll('ol.steps a')].map((a) => a.getAttribute('href'))).toEqual([
      expect.stringMatching(/^https:\/\/chromewebstore\.google\.com\//),
      expect.stringMatching(/^https:\/\/addons\.mozilla\.org\//),
    ]);
    expect(steps.some((step) => step.includes('Join your mentoring programme'))).toBe(true);
  });

  it('says plainly when the link has no code', async () => {
    const { JoinPage } = await import('../../worker/dashboard/components/JoinPage');
    const root = await mount(<JoinPage code="" link="https://twoway.example/join" />);
    expect(text(root.querySelector('[role="alert"]'))).toMatch(/no invite code/);
    expect(root.querySelector('button.copy')).toBeNull();
  });
});
