/**
 * How the SIP media application calls its Lambda: an invocation unanswered for 5 s is sent again
 * (the same event, so the same Sequence) and the first answer of any attempt wins; after 20 s
 * without one the call is given up. A function error (or a 4XX) is retried once; a second one
 * gives up too. Giving up ends the call with 480.
 */
import type { LambdaInvoker } from './ports.ts';
import type { SmaClock } from './sma-clock.ts';
import type { SmaEvent } from './sma-types.ts';

export interface InvokeTiming {
  retryAfterMs: number;
  giveUpAfterMs: number;
  maxErrors: number;
}

export const SMA_INVOKE_TIMING: InvokeTiming = { retryAfterMs: 5_000, giveUpAfterMs: 20_000, maxErrors: 2 };

export type InvokeResult = { ok: true; payload: unknown } | { ok: false; reason: 'timeout' | 'error'; message: string };

/** Invokes `lambdaArn` with `event` under the SMA's timeout and retry rules. */
export function invokeWithRetries(
  invoker: LambdaInvoker,
  lambdaArn: string,
  event: SmaEvent,
  clock: SmaClock,
  timing: InvokeTiming = SMA_INVOKE_TIMING,
): Promise<InvokeResult> {
  return new Promise((resolve) => {
    const stop = new AbortController();
    let settled = false;
    let errors = 0;
    let inFlight = 0;
    const finish = (result: InvokeResult) => {
      if (settled) return;
      settled = true;
      stop.abort();
      resolve(result);
    };
    const attempt = () => {
      inFlight += 1;
      invoker(lambdaArn, event).then(
        (payload) => finish({ ok: true, payload }),
        (err: unknown) => {
          inFlight -= 1;
          errors += 1;
          if (errors >= timing.maxErrors)
            finish({ ok: false, reason: 'error', message: (err as Error)?.message ?? String(err) });
          // the retry after an error; a timed retry already on its way counts as it
          else if (!settled && inFlight === 0) attempt();
        },
      );
    };
    attempt();
    void (async () => {
      let waited = 0;
      while (waited < timing.giveUpAfterMs) {
        const step = Math.min(timing.retryAfterMs, timing.giveUpAfterMs - waited);
        if (!(await clock.sleep(step, stop.signal))) return;
        waited += step;
        if (waited < timing.giveUpAfterMs) attempt();
      }
      finish({
        ok: false,
        reason: 'timeout',
        message: `no response from ${lambdaArn} in ${timing.giveUpAfterMs / 1000} s`,
      });
    })();
  });
}
