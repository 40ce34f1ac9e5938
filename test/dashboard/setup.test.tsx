// The set-up view against a fake Worker that keeps its participants: add by hand, erase with a
// plain confirmation, "joined" instead of a used link, a warned re-issue, names in the import report.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../worker/dashboard/api';
import { ImportResult } from '../../worker/dashboard/components/ImportCsv';
import { SetupView } from '../../worker/dashboard/components/SetupView';
import { click, mount, settle, text, type, unmountAll } from './render';

afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

interface Person {
  id: string;
  displayName: string;
  email: string;
  function: string;
  region: string;
  generation: string;
  inviteCode: string;
  redeemed: boolean;
}

function programmeWorker(people: Person[]) {
  const calls: Array<{ method: string; path: string; body?: unknown }> = [];
  const fetcher = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname, body });
    const path = url.pathname.replace('/api/v1', '');
    if (method === 'GET' && path === '/programmes/prog-1/participants') return Response.json({ participants: people });
    if (method === 'GET' && path === '/programmes/prog-1/pairs') return Response.json({ pairs: [] });
    if (method === 'POST' && path === '/programmes/prog-1/participants') {
      const added = (body as { participants: Array<Pick<Person, 'displayName' | 'email'> & Partial<Person>> }).participants.map((p, i) => {
        const person = { function: '', region: '', generation: '', ...p, id: `new-${i}`, inviteCode: `code-new-${i}`, redeemed: false };
        people.push(person);
        return { id: person.id, email: person.email, inviteCode: person.inviteCode };
      });
      return Response.json({ participants: added }, { status: 201 });
    }
    const erase = /^\/participants\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && erase) {
      people.splice(people.findIndex((p) => p.id === erase[1]), 1);
      return Response.json({ erased: true, pairs: 0, responses: 0 });
    }
    const invite = /^\/programmes\/prog-1\/participants\/([^/]+)\/invite$/.exec(path);
    if (method === 'POST' && invite) return Response.json({ inviteCode: `fresh-${invite[1]}` });
    return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetcher);
  return calls;
}

const person = (id: string, displayName: string, redeemed: boolean): Person => ({
  id, displayName, email: `${id}@example.org`, function: '', region: '', generation: '', inviteCode: `code-${id}`, redeemed,
});

async function setup(people: Person[]) {
  const calls = programmeWorker(people);
  const root = await mount(<SetupView api={createApi({ token: 'coord', programmeId: 'prog-1' })} />);
  await settle();
  const row = (name: string) => [...root.querySelectorAll('table.participants tbody tr')].find((tr) => text(tr.querySelector('th')) === name);
  const button = (within: Element | null | undefined, label: string) => [...(within?.querySelectorAll('button') ?? [])].find((b) => text(b) === label);
  return { root, calls, row, button };
}

describe('set-up view', () => {
  it('adds a participant by hand through the participants route, leaving blank attributes out', async () => {
    const { root, calls, row } = await setup([]);
    const form = root.querySelector('form.participant-form')!;
    await type(form.querySelector('input[name="displayName"]'), ' Ana Lima ');
    await type(form.querySelector('input[name="email"]'), 'ana@example.org');
    await type(form.querySelector('input[name="region"]'), 'EMEA');
    await click(form.querySelector('button[type="submit"]'));
    await settle();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/v1/programmes/prog-1/participants',
      body: { participants: [{ displayName: 'Ana Lima', email: 'ana@example.org', region: 'EMEA' }] },
    });
    expect(text(form.querySelector('[role="status"]'))).toContain('Ana Lima added');
    expect(text(row('Ana Lima')?.querySelector('.invite-link'))).toMatch(/\/join#code-new-0$/);
    expect((form.querySelector('input[name="displayName"]') as HTMLInputElement).value).toBe('');
  });

  it('erases only after a confirmation that says it erases identity and answers for good', async () => {
    const { calls, row, button } = await setup([person('p1', 'Ana Lima', true), person('p2', 'Ben Okafor', false)]);
    await click(button(row('Ana Lima'), 'Erase…'));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    const dialog = row('Ana Lima')?.querySelector('[role="alertdialog"]');
    expect(text(dialog)).toMatch(/erases their identity .* and all their answers/);
    expect(text(dialog)).toContain('cannot be undone');
    await click(button(dialog, 'Cancel'));
    expect(row('Ana Lima')?.querySelector('[role="alertdialog"]')).toBeNull();

    await click(button(row('Ana Lima'), 'Erase…'));
    await click(button(row('Ana Lima'), 'Erase Ana Lima'));
    await settle();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/participants/p1']);
    expect(row('Ana Lima')).toBeUndefined();
    expect(row('Ben Okafor')).toBeDefined();
  });

  it('shows "joined" instead of a used link, and warns before a new link signs a joined person out', async () => {
    const { calls, row, button } = await setup([person('p1', 'Ana Lima', true), person('p2', 'Ben Okafor', false)]);
    const ana = row('Ana Lima')!;
    expect(ana.querySelector('.invite-link')).toBeNull();
    expect(ana.querySelector('button.copy')).toBeNull();
    expect(text(ana.querySelector('td.invite'))).toContain('joined');
    expect(text(row('Ben Okafor')?.querySelector('.invite-link'))).toMatch(/\/join#code-p2$/);

    // Someone who has not joined gets a new link straight away.
    await click(button(row('Ben Okafor'), 'New link'));
    await settle();
    expect(text(row('Ben Okafor')?.querySelector('.invite-link'))).toMatch(/\/join#fresh-p2$/);

    await click(button(ana, 'New link'));
    expect(calls.filter((c) => c.path.endsWith('/p1/invite'))).toHaveLength(0);
    expect(text(row('Ana Lima')?.querySelector('[role="alertdialog"]'))).toMatch(/signs them out of their Twoway extension/);
    await click(button(row('Ana Lima'), 'Sign out and make a new link'));
    await settle();
    expect(calls.filter((c) => c.path.endsWith('/p1/invite'))).toHaveLength(1);
    expect(text(row('Ana Lima')?.querySelector('.invite-link'))).toMatch(/\/join#fresh-p1$/);
  });
});

describe('import report', () => {
  it('names the participant or the pair instead of giving ids', async () => {
    const root = await mount(
      <ImportResult
        report={{
          rows: [
            { line: 2, type: 'participant', status: 'created', id: 'p-7f3a', name: 'Ana Lima' },
            { line: 3, type: 'pair', status: 'created', id: 'pair-91c2', name: 'Ana Lima & Ben Okafor' },
            { line: 4, type: 'pair', status: 'rejected', name: 'Ana Lima', error: 'b: nobody@x.org is not a participant of this programme' },
          ],
          created: 2,
          existing: 0,
          rejected: 1,
        }}
      />,
    );
    const rows = [...root.querySelectorAll('tbody tr')].map(text);
    expect(rows[0]).toContain('Ana Lima');
    expect(rows[1]).toContain('Ana Lima & Ben Okafor');
    expect(rows[2]).toContain('nobody@x.org is not a participant');
    expect(text(root)).not.toMatch(/p-7f3a|pair-91c2/);
  });
});
