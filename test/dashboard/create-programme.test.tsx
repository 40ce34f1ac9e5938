// The admin's page: the programmes that exist, and a form that is emptied once a programme is created.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateProgramme } from '../../worker/dashboard/components/CreateProgramme';
import { click, mount, settle, text, type, unmountAll } from './render';

afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

describe('CreateProgramme', () => {
  it('lists existing programmes, creates one, shows its tokens once and clears the form', async () => {
    const programmes = [{ id: 'p-old', name: 'Pilot 2025', kAnonymity: 5, createdAt: '2025-02-01T09:00:00.000Z', participants: 40, pairs: 20 }];
    const created: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://dashboard.test');
      if (url.pathname !== '/api/v1/programmes') return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { name: string; kAnonymity: number };
        created.push(body);
        programmes.unshift({ id: 'p-new', name: body.name, kAnonymity: body.kAnonymity, createdAt: '2026-12-01T10:00:00.000Z', participants: 0, pairs: 0 });
        return Response.json({ id: 'p-new', coordinatorToken: 'coord-secret', sponsorToken: 'sponsor-secret' }, { status: 201 });
      }
      return Response.json({ programmes });
    }));
    const root = await mount(<CreateProgramme adminToken="admin" onUseCoordinator={() => {}} />);
    await settle();
    const rows = () => [...root.querySelectorAll('tbody tr')].map((row) => text(row.querySelector('th')));
    expect(rows()).toEqual(['Pilot 2025']);

    const [name, k] = [...root.querySelectorAll('form input')] as [HTMLInputElement, HTMLInputElement];
    await type(name, 'Reverse mentoring 2027');
    await type(k, '7');
    await click(root.querySelector('button[type="submit"]'));
    await settle();

    expect(created).toEqual([{ name: 'Reverse mentoring 2027', kAnonymity: 7 }]);
    expect(text(root.querySelector('.secrets'))).toContain('coord-secret');
    expect(name.value).toBe('');
    expect(k.value).toBe('5');
    expect(rows()).toEqual(['Reverse mentoring 2027', 'Pilot 2025']);
  });
});
