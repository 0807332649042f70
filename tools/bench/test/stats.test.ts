import { describe, expect, it } from 'vitest';
import { diffCounts, percentile, ratios, summarise } from '../src/stats.ts';

describe('benchmark statistics', () => {
  it('given samples, when summarised, then nearest-rank percentiles come out', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarise(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('given counters before and after, when diffed, then only what happened in between counts, by service and operation', () => {
    const before = { messaging: { PutItem: 10 }, notifications: { BatchGetItem: 5 } };
    const after = { messaging: { PutItem: 14, Query: 2 }, notifications: { BatchGetItem: 9 }, devstack: {} };
    expect(diffCounts(before, after)).toEqual({
      total: 10,
      byService: { messaging: 6, notifications: 4 },
      byOperation: { PutItem: 4, Query: 2, BatchGetItem: 4 },
    });
  });

  it("given a run and its floor, when compared, then each percentile is divided by the floor's same percentile", () => {
    const run = { count: 50, p50: 900, p95: 1500, p99: 2000, max: 2400 };
    const floor = { count: 50, p50: 90, p95: 100, p99: 400, max: 0 };
    expect(ratios(run, floor)).toEqual({ p50: 10, p95: 15, p99: 5, max: Number.NaN });
  });
});
