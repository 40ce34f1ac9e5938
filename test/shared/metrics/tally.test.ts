import { expect, it } from 'vitest';
import { TOPICS } from '../../../shared/schemas';
import { addInto, emptyTally, type PairTally } from '../../../shared/metrics';

// addInto is written field by field for speed; this finds any field it forgets,
// including one added to PairTally later (emptyTally lists every field).
it('adds every count and topic of a tally, and keeps the later held start', () => {
  const numbered = (offset: number): PairTally => {
    const t = emptyTally();
    const counts = t as unknown as Record<string, number>;
    Object.keys(t).forEach((key, i) => {
      if (typeof counts[key] === 'number') counts[key] = offset + i;
    });
    TOPICS.forEach((topic, i) => (t.topics[topic] = offset + 50 + i));
    return t;
  };
  const x = numbered(1);
  const y = numbered(1000);
  x.lastHeldAt = '2026-01-05T10:00:00.000Z';
  y.lastHeldAt = '2026-02-01T10:00:00.000Z';
  const sum = addInto(numbered(1), y);
  for (const [key, value] of Object.entries(x)) {
    if (typeof value === 'number') expect(sum[key as keyof PairTally], key).toBe(value + (y[key as keyof PairTally] as number));
  }
  for (const topic of TOPICS) expect(sum.topics[topic], topic).toBe(x.topics[topic] + y.topics[topic]);
  expect(sum.lastHeldAt).toBe(y.lastHeldAt);
  expect(addInto(emptyTally(), x).lastHeldAt).toBe(x.lastHeldAt);
});
