// POST /programmes/{pid}/pairs/batch: many pairs in one request, a result per pair.
import { expect, it } from 'vitest';
import { call, newProgramme } from './api';

async function programmeWithPeople(name: string, count: number) {
  const programme = await newProgramme(name);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1000) {
    const added = await call('POST', `/programmes/${programme.id}/participants`, programme.coordinatorToken, {
      participants: Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({ displayName: `P ${i + j}`, email: `p${i + j}@${name.toLowerCase().replace(/\W/g, '')}.test` })),
    });
    ids.push(...added.body.participants.map((p: { id: string }) => p.id));
  }
  return { ...programme, ids };
}

it('creates up to 1,000 pairs at once, answering created, existing or rejected for each, in order', async () => {
  const { id, coordinatorToken, ids } = await programmeWithPeople('Bulk pairs', 2000);
  const other = await programmeWithPeople('Bulk pairs elsewhere', 1);
  const pairs = Array.from({ length: 998 }, (_, i) => ({ a: ids[2 * i]!, b: ids[2 * i + 1]!, startsOn: '2026-01-05', cohort: `c${i % 3}`, cadenceDays: 7 }));
  const body = { pairs: [...pairs, { a: ids[1]!, b: ids[0]!, startsOn: '2026-01-05' }, { a: ids[0]!, b: other.ids[0]!, startsOn: '2026-01-05' }] };
  expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
  const res = await call('POST', `/programmes/${id}/pairs/batch`, coordinatorToken, body);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ created: 998, existing: 1, rejected: 1 });
  expect(res.body.pairs).toHaveLength(1000);
  // The same two people on the same day, the other way round: the pair made earlier in the same request.
  expect(res.body.pairs[998]).toEqual({ status: 'existing', id: res.body.pairs[0].id });
  expect(res.body.pairs[999]).toEqual({ status: 'rejected', error: 'b is not a participant of this programme' });

  const listed = await call('GET', `/programmes/${id}/pairs`, coordinatorToken);
  expect(listed.body.pairs).toHaveLength(998);
  expect(listed.body.pairs.find((p: any) => p.id === res.body.pairs[5].id)).toMatchObject({
    a: { id: ids[10] }, b: { id: ids[11] }, cohort: 'c2', startsOn: '2026-01-05', cadenceDays: 7, endsOn: null, mentorId: null,
  });

  // Replayed: every pair is there already; the single-pair route agrees.
  const again = await call('POST', `/programmes/${id}/pairs/batch`, coordinatorToken, body);
  expect(again.body).toMatchObject({ created: 0, existing: 999, rejected: 1 });
  expect(again.body.pairs.slice(0, 998).map((p: any) => p.id)).toEqual(res.body.pairs.slice(0, 998).map((p: any) => p.id));
  const single = await call('POST', `/programmes/${id}/pairs`, coordinatorToken, pairs[3]);
  expect(single).toMatchObject({ status: 200, body: { id: res.body.pairs[3].id } });
}, 120_000);

it('refuses more than 1,000 pairs, or a malformed one, with 400 and the item\'s path, and creates none', async () => {
  const { id, coordinatorToken, ids } = await programmeWithPeople('Bulk pairs bad', 4);
  const tooMany = await call('POST', `/programmes/${id}/pairs/batch`, coordinatorToken, {
    pairs: Array.from({ length: 1001 }, () => ({ a: ids[0], b: ids[1], startsOn: '2026-01-05' })),
  });
  expect(tooMany.status).toBe(400);
  const bad = await call('POST', `/programmes/${id}/pairs/batch`, coordinatorToken, {
    pairs: [{ a: ids[0], b: ids[1], startsOn: '2026-01-05' }, { a: ids[2], b: ids[2], startsOn: '2026-01-05' }],
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toEqual(['pairs', 1, 'b']);
  expect((await call('GET', `/programmes/${id}/pairs`, coordinatorToken)).body.pairs).toEqual([]);
});

it('is for the programme\'s coordinator only', async () => {
  const { id, sponsorToken, ids } = await programmeWithPeople('Bulk pairs roles', 2);
  const res = await call('POST', `/programmes/${id}/pairs/batch`, sponsorToken, { pairs: [{ a: ids[0], b: ids[1], startsOn: '2026-01-05' }] });
  expect(res.status).toBe(403);
});
