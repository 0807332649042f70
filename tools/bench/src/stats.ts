/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** Adds up per-process operation counts: `{service: {operation: n}}` plus a total. */
export function diffCounts(
  before: Record<string, Record<string, number>>,
  after: Record<string, Record<string, number>>,
): { total: number; byService: Record<string, number>; byOperation: Record<string, number> } {
  const byService: Record<string, number> = {};
  const byOperation: Record<string, number> = {};
  let total = 0;
  for (const [service, ops] of Object.entries(after)) {
    for (const [op, n] of Object.entries(ops)) {
      const delta = n - (before[service]?.[op] ?? 0);
      if (delta <= 0) continue;
      byService[service] = (byService[service] ?? 0) + delta;
      byOperation[op] = (byOperation[op] ?? 0) + delta;
      total += delta;
    }
  }
  return { total, byService, byOperation };
}

/** Each percentile of `summary` divided by the same percentile of `floor` (how many floors it takes). */
export function ratios(summary: LatencySummary, floor: LatencySummary): Omit<LatencySummary, 'count'> {
  const over = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  return {
    p50: over(summary.p50, floor.p50),
    p95: over(summary.p95, floor.p95),
    p99: over(summary.p99, floor.p99),
    max: over(summary.max, floor.max),
  };
}
