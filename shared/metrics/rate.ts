// Rates with their 95% intervals (shared/metrics/README.md, "Rates and their intervals":
// Wilson for a rate, Newcombe's hybrid score method for a difference).

/** The 97.5th percentile of the standard normal, as the metrics definitions fix it. */
export const Z95 = 1.959964;

export interface Interval {
  low: number;
  high: number;
}

/** A share with its sample size and Wilson interval; null stands for n = 0. */
export interface Rate extends Interval {
  value: number;
  n: number;
}

/** A difference of two rates with its Newcombe interval. */
export interface Change extends Interval {
  value: number;
}

/** Wilson score interval for x successes out of n (shared/metrics/README.md, "Rates and their intervals"). */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const halfWidth = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  // Clamp the rounding noise at 0 and n so that low ≤ value ≤ high always holds.
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

export function rate(x: number, n: number): Rate | null {
  const interval = wilson(x, n);
  return interval && { value: x / n, n, ...interval };
}

/**
 * p1 − p2 with Newcombe's hybrid score interval (his method 10), which combines
 * the two Wilson intervals; null when either side has no observations.
 */
export function newcombe(x1: number, n1: number, x2: number, n2: number): Change | null {
  const w1 = wilson(x1, n1);
  const w2 = wilson(x2, n2);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    value: d,
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}

/** The change between two rates, or null when either is missing. */
export function rateChange(current: Rate | null, previous: Rate | null): Change | null {
  if (!current || !previous) return null;
  return newcombe(Math.round(current.value * current.n), current.n, Math.round(previous.value * previous.n), previous.n);
}
