import { describe, expect, it } from 'vitest';
import { newcombe, rate, rateChange, wilson } from '../../../shared/metrics';

describe('wilson', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [1, 1, 0.2065, 1],
  ])('%i of %i → [%f, %f]', (x, n, low, high) => {
    const w = wilson(x, n)!;
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
  });

  it('has no interval without observations', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(rate(0, 0)).toBeNull();
  });

  it('carries the share and n in a rate', () => {
    expect(rate(3, 4)).toMatchObject({ value: 0.75, n: 4 });
  });
});

describe('newcombe', () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10.
  // 56/70 − 48/80 is 0.8 − 0.6 = 0.2000 (not 0.1750), with interval 0.0524 to 0.3339.
  it.each([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [5, 56, 0, 29, 0.0893, -0.0381, 0.1926],
  ])("reproduces Newcombe's published example %i/%i − %i/%i", (x1, n1, x2, n2, value, low, high) => {
    const d = newcombe(x1, n1, x2, n2)!;
    expect(d.value).toBeCloseTo(value, 4);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });

  it('is antisymmetric', () => {
    const d = newcombe(9, 10, 3, 10)!;
    const e = newcombe(3, 10, 9, 10)!;
    expect(e.value).toBeCloseTo(-d.value, 12);
    expect(e.low).toBeCloseTo(-d.high, 12);
    expect(e.high).toBeCloseTo(-d.low, 12);
  });

  it('is null when either side has no observations', () => {
    expect(newcombe(1, 2, 0, 0)).toBeNull();
    expect(rateChange(rate(1, 2), null)).toBeNull();
  });

  it('works from two rates', () => {
    expect(rateChange(rate(56, 70), rate(48, 80))).toEqual(newcombe(56, 70, 48, 80));
  });
});
