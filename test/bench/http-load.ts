// Latency percentiles for repeated analytics calls, and throughput of a route
// under N concurrent loops on loopback. Node's fetch (undici) opens one
// keep-alive connection per loop in flight, so N loops ≈ N connections.

/** Nearest-rank percentile of already collected samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface LatencyResult {
  p50: number;
  p95: number;
  calls: number;
  /** From the route's Server-Timing `rows;desc="N"` (the last call's). */
  rowsRead: number | null;
  /** The last response's body size in bytes. */
  bytes: number;
}

/** Rows read as reported by Server-Timing (`rows;desc="N"` or `desc="N rows read"`). */
export function rowsReadFrom(header: string | null): number | null {
  if (!header) return null;
  const match = /rows;desc="(\d+)"/.exec(header) ?? /desc="(\d+) rows read"/.exec(header);
  return match ? Number(match[1]) : null;
}

/** Calls GET url `calls` times in a row (after one unmeasured warm-up) and reports p50/p95 in ms. */
export async function measureLatency(url: string, token: string, calls: number): Promise<LatencyResult> {
  const headers = { authorization: `Bearer ${token}` };
  const once = async () => {
    const started = performance.now();
    // undici would wait 300 s for headers; a call this slow is a failure worth reporting sooner.
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(120_000) });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
    return { elapsed, rows: rowsReadFrom(response.headers.get('server-timing')), bytes: new TextEncoder().encode(body).length };
  };
  await once();
  const samples: number[] = [];
  let rowsRead: number | null = null;
  let bytes = 0;
  for (let i = 0; i < calls; i++) {
    const result = await once();
    samples.push(result.elapsed);
    rowsRead = result.rows;
    bytes = result.bytes;
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), calls, rowsRead, bytes };
}

export interface ThroughputResult {
  requests: number;
  seconds: number;
  perSecond: number;
  failures: number;
  p50: number;
  p95: number;
}

/**
 * Runs `connections` loops that each send requests made by `request(loop, n)`
 * until `maxRequests` are sent in total or `maxSeconds` pass.
 */
export async function measureThroughput(
  connections: number,
  maxRequests: number,
  maxSeconds: number,
  request: (loop: number, n: number) => { url: string; init?: RequestInit },
  expectStatus: (status: number) => boolean = (status) => status < 300,
): Promise<ThroughputResult> {
  let sent = 0;
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const loop = async (index: number) => {
    for (let n = 0; sent < maxRequests && performance.now() < deadline; n++) {
      sent++;
      const { url, init } = request(index, n);
      const t0 = performance.now();
      try {
        const response = await fetch(url, init);
        await response.arrayBuffer();
        if (!expectStatus(response.status)) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => loop(i)));
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    failures,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}
