/**
 * Every duration of the SIP media application driver (speech, audio, timeouts, retries, ring
 * timeouts) goes through one clock, so unit tests can run a 30 s call in a few hundred ms.
 */
export interface SmaClock {
  /** Wall-clock epoch ms (StartTimeInMilliseconds, answeredAt, …): never scaled. */
  now(): number;
  /** Monotonic call time in ms (scaled): for measuring how long something lasted, e.g. a recording. */
  callTime(): number;
  /**
   * Waits `ms` of call time (real time × the scale). Resolves true when the time passed, false at
   * once when `signal` aborts first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** A clock whose call time runs `scale` times real time (1 on devstack; e.g. 0.01 in tests). */
export function scaledClock(scale = 1, now: () => number = Date.now): SmaClock {
  return {
    now,
    callTime: () => performance.now() / scale,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.resolve(false);
      return new Promise((resolve) => {
        const onAbort = () => {
          clearTimeout(timer);
          resolve(false);
        };
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(true);
          },
          Math.max(0, ms * scale),
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
