/**
 * Builds a value on first use and keeps it for the life of the execution environment. Wiring
 * uses it for every client and adapter: a function builds (and pays the cold start of) only what
 * its handler calls, and builds it once, not per invocation. Wiring marks each call with esbuild's
 * `@__PURE__` comment: it lets esbuild drop a wiring export the handler never uses, and with it the
 * SDK clients and adapters that export would have bundled (ADR 0022).
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
