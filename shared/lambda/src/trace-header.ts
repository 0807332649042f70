import { AsyncLocalStorage } from 'node:async_hooks';

/** The trace header work continuing another trace runs under (`inTraceOf`), when there is one. */
const continued = new AsyncLocalStorage<string>();

/**
 * The X-Ray trace header of the running invocation (`Root=…;Parent=…;Sampled=…`), as the Lambda
 * runtime gives it: from its `InvokeStore` when there is one (the runtime's per-invocation store,
 * which is right even when invocations overlap in one process, as on devstack or with Lambda's
 * multi-concurrency), else from `_X_AMZN_TRACE_ID`. Inside `withTraceHeader` (work that continues
 * another trace, e.g. a phone call's: continue-trace.ts), that trace's header instead, so what the
 * work publishes continues it too. Undefined outside a traced invocation.
 */
export function currentTraceHeader(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = continued.getStore();
  if (own) return own;
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId?(): string | undefined } } }).awslambda
    ?.InvokeStore;
  const fromStore = store?.getXRayTraceId?.();
  return fromStore || env._X_AMZN_TRACE_ID || undefined;
}

/** Runs `work` with `header` as its current trace header (see `currentTraceHeader`). */
export function withTraceHeader<R>(header: string, work: () => R): R {
  return continued.run(header, work);
}
