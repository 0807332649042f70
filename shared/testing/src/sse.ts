/** A server-sent-events subscription that collects every `data:` payload (parsed as JSON when it is). */
export interface SseCollector<T> {
  readonly events: T[];
  /** Resolves with the first event (already seen or future) matching `predicate`. */
  waitFor(predicate: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

/**
 * Subscribes to an SSE endpoint (e.g. devstack's `/_dev/events`) and resolves once connected.
 * Used by tests to assert that something was published on the bus.
 */
export async function sse<T = unknown>(url: string): Promise<SseCollector<T>> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
  const events: T[] = [];
  const waiters = new Set<{ predicate: (e: T) => boolean; resolve: (e: T) => void }>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (data) {
            let event: T;
            try {
              event = JSON.parse(data) as T;
            } catch {
              event = data as T;
            }
            events.push(event);
            for (const w of waiters) if (w.predicate(event)) w.resolve(event);
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    waitFor(predicate, timeoutMs = 10_000) {
      const seen = events.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (e: T) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event from ${url} within ${timeoutMs} ms (saw ${events.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => controller.abort(),
  };
}
