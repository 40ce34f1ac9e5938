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
  expect(res.body.rows[2].error).toMatch(/email/);
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
