// The Requests view against a fake Worker that keeps its queue: the rematch
// queue and the contact requests, "Mark handled", and rematching from a request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../worker/dashboard/api';
import { ageOf, RequestsView } from '../../worker/dashboard/components/RequestsView';
import type { QueuedRequest } from '../../shared/contract';
import { click, mount, settle, text, type, unmountAll } from './render';

afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const person = (id: string, displayName: string) => ({
  id, displayName, email: `${id}@example.org`, function: '', region: '', generation: '', inviteCode: `code-${id}`, redeemed: true,
});
const people = [person('ana', 'Ana Lima'), person('ben', 'Ben Okafor'), person('cleo', 'Cleo Park'), person('dev', 'Dev Rao')];

function queue(): QueuedRequest[] {
  return [
    {
      id: 'r-contact', kind: 'contact', pairId: null, status: 'open', createdAt: hoursAgo(3), handledAt: null,
      from: { id: 'cleo', displayName: 'Cleo Park', email: 'cleo@example.org' }, partner: null, cohort: null, urgency: 'urgent', message: 'Please call me',
    },
    {
      id: 'r-rematch', kind: 'rematch', pairId: 'pair-1', status: 'open', createdAt: hoursAgo(72), handledAt: null,
      from: { id: 'ana', displayName: 'Ana Lima', email: 'ana@example.org' }, partner: { id: 'ben', displayName: 'Ben Okafor' },
      cohort: 'Spring', urgency: null, message: 'We never find a time',
    },
  ];
}

function requestsWorker(requests: QueuedRequest[]) {
  const calls: Array<{ method: string; path: string; query: string; body?: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const path = url.pathname.replace('/api/v1', '');
    calls.push({ method, path, query: url.search, body });
    if (method === 'GET' && path === '/programmes/prog-1/requests') return Response.json({ requests: requests.filter((r) => r.status === 'open') });
    if (method === 'GET' && path === '/programmes/prog-1/participants') return Response.json({ participants: people });
    const handled = /^\/programmes\/prog-1\/requests\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && handled) {
      const request = requests.find((r) => r.id === handled[1])!;
      Object.assign(request, { status: body.status, handledAt: new Date().toISOString() });
      return Response.json(request);
    }
    if (method === 'POST' && path === '/programmes/prog-1/pairs/pair-1/rematch') {
      requests.find((r) => r.id === body.requestId)!.status = 'handled';
      const member = { id: 'ana', displayName: 'Ana Lima' };
      return Response.json({
        ended: { id: 'pair-1', a: member, b: { id: 'ben', displayName: 'Ben Okafor' }, mentorId: null, cohort: 'Spring', startsOn: '2026-01-01', endsOn: '2026-06-30', cadenceDays: 14 },
        created: { id: 'pair-2' },
      }, { status: 201 });
    }
    return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  }));
  return calls;
}

async function view(requests = queue()) {
  const calls = requestsWorker(requests);
  const root = await mount(<RequestsView api={createApi({ token: 'coord', programmeId: 'prog-1' })} />);
  await settle();
  return { root, calls };
}

const rows = (root: HTMLElement, table: string) => [...root.querySelectorAll(`table.${table} tbody tr`)].map((r) => [...r.children].map(text));

describe('requests view', () => {
  it('shows the rematch queue and the contact requests with sender, partner, cohort, urgency, message and age', async () => {
    const { root, calls } = await view();
    expect(calls.find((c) => c.path.endsWith('/requests'))?.query).toBe('?status=open');
    expect(text(root.querySelector('#rematch-heading'))).toBe('Asked for a new partner (1)');
    expect(text(root.querySelector('#contact-heading'))).toBe('Asked to be contacted (1)');
    const [rematch] = rows(root, 'rematch-queue');
    expect(rematch!.slice(0, 5)).toEqual(['Ana Lima ana@example.org', 'Ben Okafor', 'Spring', 'We never find a time', '3 days']);
    const [contact] = rows(root, 'contact-queue');
    expect(contact!.slice(0, 6)).toEqual(['Cleo Park cleo@example.org', 'Urgent', '—', '—', 'Please call me', '3 hours']);
    expect(root.querySelector('table.contact-queue tbody tr')?.classList.contains('urgent')).toBe(true);
  });

  it('offers as new partner everyone but the sender and their partner, and rematches from the request', async () => {
    const { root, calls } = await view();
    const select = root.querySelector<HTMLSelectElement>('form.rematch-form select')!;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'cleo', 'dev']);
    expect(root.querySelector<HTMLButtonElement>('form.rematch-form button')!.disabled).toBe(true);
    await type(select, 'dev');
    await click(root.querySelector('form.rematch-form button'));
    await settle();
    const rematch = calls.find((c) => c.method === 'POST');
    expect(rematch).toMatchObject({ path: '/programmes/prog-1/pairs/pair-1/rematch', body: { member: 'ana', partnerId: 'dev', requestId: 'r-rematch' } });
    // The queue is read again: the answered request is gone.
    expect(text(root.querySelector('#rematch-heading'))).toBe('Asked for a new partner (0)');
    expect(text(root)).toContain('Nobody is waiting for a new partner.');
  });

  it('marks a contact request handled', async () => {
    const { root, calls } = await view();
    await click(root.querySelector('table.contact-queue tbody tr button'));
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({ path: '/programmes/prog-1/requests/r-contact', body: { status: 'handled' } });
    expect(text(root.querySelector('#contact-heading'))).toBe('Asked to be contacted (0)');
  });

  it('tells the age in the largest whole unit', () => {
    const now = Date.parse('2026-06-10T12:00:00Z');
    expect(ageOf('2026-06-10T11:30:00Z', now)).toBe('under an hour');
    expect(ageOf('2026-06-10T11:00:00Z', now)).toBe('1 hour');
    expect(ageOf('2026-06-09T00:00:00Z', now)).toBe('36 hours');
    expect(ageOf('2026-06-01T12:00:00Z', now)).toBe('9 days');
  });
});
