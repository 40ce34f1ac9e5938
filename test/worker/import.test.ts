import { expect, it } from 'vitest';
import { call, newProgramme } from './api';

const csv = `type,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays
participant,Ana Lima,ANA@import.test,IT,EU,Z,,,,,,,
participant,Ben Okafor,ben@import.test,Sales,US,X,,,,,,,
participant,No Email,,,,,,,,,,,
participant,Ana Again,ana@import.test,,,,,,,,,,
pair,,,,,,ana@import.test,ben@import.test,ben@import.test,2026,2026-01-05,,21
pair,,,,,,ana@import.test,nobody@import.test,,2026,2026-01-05,,
pair,,,,,,ana@import.test,ben@import.test,,2026,not-a-date,,
robot,,,,,,,,,,,,
`;

it('imports participants and pairs from one CSV with a verdict per row', async () => {
  const { id, coordinatorToken } = await newProgramme('Import');
  const res = await call('POST', `/programmes/${id}/import`, coordinatorToken, csv, { headers: { 'Content-Type': 'text/csv' } });
  expect(res.status).toBe(200);
  expect(res.body.rows.map((r: any) => [r.line, r.type, r.status])).toEqual([
    [2, 'participant', 'created'],
    [3, 'participant', 'created'],
    [4, 'participant', 'rejected'],
    [5, 'participant', 'existing'],
    [6, 'pair', 'created'],
    [7, 'pair', 'rejected'],
    [8, 'pair', 'rejected'],
    [9, 'robot', 'rejected'],
  ]);
  expect(res.body).toMatchObject({ created: 3, existing: 1, rejected: 4 });
  expect(res.body.rows[2].error).toBe('email is missing');
  expect(res.body.rows[7].error).toBe('type must be participant or pair (got "robot")');
  expect(res.body.rows[5].error).toMatch(/not a participant/);
  expect(res.body.rows[6].error).toMatch(/startsOn/);

  const pairs = await call('GET', `/programmes/${id}/pairs`, coordinatorToken);
  expect(pairs.body.pairs).toEqual([
    {
      id: res.body.rows[4].id,
      a: { id: res.body.rows[0].id, displayName: 'Ana Lima' },
      b: { id: res.body.rows[1].id, displayName: 'Ben Okafor' },
      mentorId: res.body.rows[1].id,
      cohort: '2026',
      startsOn: '2026-01-05',
      endsOn: null,
      cadenceDays: 21,
    },
  ]);
  const people = await call('GET', `/programmes/${id}/participants`, coordinatorToken);
  expect(people.body.participants).toEqual([
    expect.objectContaining({ displayName: 'Ana Lima', email: 'ana@import.test', function: 'IT', region: 'EU', generation: 'Z', redeemed: false }),
    expect.objectContaining({ displayName: 'Ben Okafor', email: 'ben@import.test', redeemed: false }),
  ]);

  // The same file again creates nothing new.
  const again = await call('POST', `/programmes/${id}/import`, coordinatorToken, csv);
  expect(again.body).toMatchObject({ created: 0, existing: 4, rejected: 4 });
});

it('rejects a CSV without a type column with 400', async () => {
  const { id, coordinatorToken } = await newProgramme('Import bad');
  const res = await call('POST', `/programmes/${id}/import`, coordinatorToken, 'name,email\nA,a@b.c\n');
  expect(res.status).toBe(400);
  expect(res.body.error.issues[0].path).toEqual(['type']);
});

it('names every problem of a row, by column, in plain words, and names people instead of ids', async () => {
  const { id, coordinatorToken } = await newProgramme('Import words');
  const text = `type,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays
participant,Ana Lima,ana@words.test,,,,,,,,,,
participant,Ben Okafor,ben@words.test,,,,,,,,,,
participant,,not-an-email,,,,,,,,,,
pair,,,,,,ana@words.test,nobody@x.org,,2026,2026-13-40,,abc
pair,,,,,,ana@words.test,ben@words.test,,2026,2026-01-05,,400
pair,,,,,,ana@words.test,ben@words.test,,2026,2026-01-05,,14
`;
  const res = await call('POST', `/programmes/${id}/import`, coordinatorToken, text, { headers: { 'Content-Type': 'text/csv' } });
  expect(res.status).toBe(200);
  const [ana, ben, nameless, stranger, tooRare, pair] = res.body.rows;
  expect([ana.name, ben.name]).toEqual(['Ana Lima', 'Ben Okafor']);
  expect(nameless.error).toBe('displayName is missing; email is not a valid address (got "not-an-email")');
  expect(stranger.error).toBe(
    'startsOn must be a date like 2026-03-01 (got "2026-13-40"); cadenceDays must be a whole number of days (got "abc"); b: nobody@x.org is not a participant of this programme',
  );
  expect(stranger.name).toBe('Ana Lima');
  expect(tooRare.error).toBe('cadenceDays must be between 1 and 365 days (got "400")');
  expect(pair).toMatchObject({ status: 'created', name: 'Ana Lima & Ben Okafor' });
  expect(JSON.stringify(res.body)).not.toMatch(/expected|Invalid ISO|NaN/);
});

it('imports thousands of people and pairs from one file over 64 KiB, a verdict per row, and a replay creates nothing', async () => {
  const { id, coordinatorToken } = await newProgramme('Import bulk');
  const people = 4000;
  const header = 'type,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays';
  const personRows = Array.from({ length: people }, (_, i) => `participant,Person ${i},p${i}@bulk.test,F${i % 7},R${i % 3},G${i % 4},,,,,,,`);
  const pairRows = Array.from({ length: people / 2 }, (_, i) => `pair,,,,,,p${2 * i}@bulk.test,p${2 * i + 1}@bulk.test,p${2 * i}@bulk.test,c${i % 5},2025-0${1 + (i % 9)}-01,,14`);
  // One pair named twice in the same file: the second is the first one, existing.
  const text = [header, ...personRows, ...pairRows, pairRows[0]!, 'pair,,,,,,p0@bulk.test,stranger@bulk.test,,,2025-01-01,,'].join('\n');
  expect(text.length).toBeGreaterThan(64 * 1024 * 3);
  const res = await call('POST', `/programmes/${id}/import`, coordinatorToken, text, { headers: { 'Content-Type': 'text/csv' } });
  expect(res.status).toBe(200);
  expect(res.body.rows).toHaveLength(people + people / 2 + 2);
  expect(res.body).toMatchObject({ created: people + people / 2, existing: 1, rejected: 1 });
  expect(res.body.rows.map((r: any) => r.line)).toEqual(Array.from({ length: res.body.rows.length }, (_, i) => i + 2));
  const firstPair = res.body.rows[people];
  expect(firstPair).toMatchObject({ type: 'pair', status: 'created', name: 'Person 0 & Person 1' });
  expect(res.body.rows.at(-2)).toMatchObject({ status: 'existing', id: firstPair.id });
  expect(res.body.rows.at(-1)).toMatchObject({ status: 'rejected', error: 'b: stranger@bulk.test is not a participant of this programme' });

  const pairs = await call('GET', `/programmes/${id}/pairs`, coordinatorToken);
  expect(pairs.body.pairs).toHaveLength(people / 2);
  const stored = pairs.body.pairs.find((p: any) => p.id === firstPair.id);
  expect(stored).toMatchObject({ a: { id: res.body.rows[0].id, displayName: 'Person 0' }, mentorId: res.body.rows[0].id, cohort: 'c0', startsOn: '2025-01-01', cadenceDays: 14 });
  const listed = await call('GET', `/programmes/${id}/participants`, coordinatorToken);
  expect(listed.body.participants).toHaveLength(people);

  const again = await call('POST', `/programmes/${id}/import`, coordinatorToken, text, { headers: { 'Content-Type': 'text/csv' } });
  expect(again.body).toMatchObject({ created: 0, existing: people + people / 2 + 1, rejected: 1 });
  expect(again.body.rows[people].id).toBe(firstPair.id);
}, 120_000);

it('answers 413 to a CSV over 8 MiB', async () => {
  const { id, coordinatorToken } = await newProgramme('Import too big');
  const res = await call('POST', `/programmes/${id}/import`, coordinatorToken, `type\n${'participant\n'.repeat(800_000)}`, { headers: { 'Content-Type': 'text/csv' } });
  expect(res.status).toBe(413);
});
