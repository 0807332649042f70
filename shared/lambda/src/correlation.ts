import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  /** Id shared by every log line, event and call of one user action. */
  correlationId: string;
  /** eventId of the event being consumed, if any: becomes causationId of what we publish. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Enters a request scope for the rest of this invocation (set by the middy presets). */
export function enterScope(scope: Partial<RequestScope>): RequestScope {
  const full = { correlationId: scope.correlationId || randomUUID(), causationId: scope.causationId };
  storage.enterWith(full);
  return full;
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
