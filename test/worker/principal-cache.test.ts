import { expect, it } from 'vitest';
import { PrincipalCache } from '../../worker/http/principal-cache';

const ana = { role: 'participant', programmeId: 'p1', participantId: 'ana', tokenHash: 'h-ana', readsFrom: null } as const;
const coordinator = { role: 'coordinator', programmeId: 'p1' } as const;

it('remembers a principal for its TTL only, and reading does not extend it', () => {
  const cache = new PrincipalCache(60_000);
  cache.set('h1', ana, 1_000);
  expect(cache.get('h1', 30_000)).toEqual(ana);
  expect(cache.get('h1', 60_999)).toEqual(ana);
  expect(cache.get('h1', 61_000)).toBeUndefined();
  expect(cache.get('h2', 1_000)).toBeUndefined();
});

it('forgets every token of an erased participant and keeps the others', () => {
  const cache = new PrincipalCache();
  cache.set('ana-laptop', ana, 0);
  cache.set('ana-desktop', ana, 0);
  cache.set('coord', coordinator, 0);
  cache.forgetParticipant('ana');
  expect(cache.get('ana-laptop', 1)).toBeUndefined();
  expect(cache.get('ana-desktop', 1)).toBeUndefined();
  expect(cache.get('coord', 1)).toEqual(coordinator);
});

it('stays within its size by dropping the oldest entry', () => {
  const cache = new PrincipalCache(60_000, 2);
  cache.set('first', ana, 0);
  cache.set('second', coordinator, 1);
  cache.set('third', coordinator, 2);
  expect(cache.get('first', 3)).toBeUndefined();
  expect(cache.get('second', 3)).toEqual(coordinator);
  expect(cache.get('third', 3)).toEqual(coordinator);
});
