/**
 * A value loaded on first use and kept for `ttlMs`, then loaded again on the next use (a changed
 * configuration reaches every warm function within that time). Concurrent callers share one load;
 * a failed load is not kept, so the next call tries again.
 */
export function refreshing<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || now() - cached.at > ttlMs) {
      const value = load();
      cached = { at: now(), value };
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}
