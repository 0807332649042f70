/**
 * The X-Ray trace header of the running invocation (`Root=…;Parent=…;Sampled=…`), as the Lambda
 * runtime gives it: from its `InvokeStore` when there is one (the runtime's per-invocation store,
 * which is right even when invocations overlap in one process, as on devstack or with Lambda's
 * multi-concurrency), else from `_X_AMZN_TRACE_ID`. Undefined outside a traced invocation.
 */
export function currentTraceHeader(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId?(): string | undefined } } }).awslambda
    ?.InvokeStore;
  const fromStore = store?.getXRayTraceId?.();
  return fromStore || env._X_AMZN_TRACE_ID || undefined;
}
