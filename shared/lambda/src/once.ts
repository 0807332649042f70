/**
 * Builds a value on first use and keeps it for the life of the execution environment. Wiring
 * uses it for every client and adapter: a function builds (and pays the cold start of) only what
 * its handler calls, and builds it once, not per invocation.
 */
export function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
