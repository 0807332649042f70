/**
 * DTMF input on a leg: the collector behind SpeakAndGetDigits / PlayAudioAndGetDigits (first-digit
 * and in-between timeouts, terminators, a maximum) and the ReceiveDigits listener that keeps
 * matching a regex for the rest of the call and reports each match as DIGITS_RECEIVED.
 */
import type { SmaClock } from './sma-clock.ts';

/** Digits pressed while someone is waiting for them, in order. */
export class DigitQueue {
  private readonly items: string[] = [];
  private waiter: ((digit: string) => void) | undefined;
  /**
   * false for a queue that only watches for terminators (PlayAudio, RecordAudio): keys then still
   * reach the ReceiveDigits listener. A GetDigits action's queue consumes them.
   */
  consumes = true;
  /** Called on every digit (used for barge-in: a key press stops the prompt). */
  onDigit: ((digit: string) => void) | undefined;

  push(digit: string): void {
    this.onDigit?.(digit);
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(digit);
    } else this.items.push(digit);
  }

  /** The next digit, or undefined when `ms` of call time pass (or `signal` aborts) first. */
  next(clock: SmaClock, ms: number, signal?: AbortSignal): Promise<string | undefined> {
    const ready = this.items.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = new AbortController();
      const onAbort = () => timer.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = (digit) => {
        signal?.removeEventListener('abort', onAbort);
        timer.abort();
        resolve(digit);
      };
      void clock.sleep(ms, timer.signal).then((elapsed) => {
        if (!elapsed && !signal?.aborted) return; // a digit came
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        resolve(undefined);
      });
    });
  }
}

export interface CollectOptions {
  firstDigitTimeoutMs: number;
  inBetweenMs: number;
  max: number;
  terminators: readonly string[];
}

/** Collects digits until a terminator, the maximum, a timeout or an abort. */
export async function collectDigits(
  queue: DigitQueue,
  clock: SmaClock,
  options: CollectOptions,
  signal?: AbortSignal,
): Promise<{ digits: string; terminator?: string }> {
  let digits = '';
  while (digits.length < options.max) {
    const digit = await queue.next(clock, digits ? options.inBetweenMs : options.firstDigitTimeoutMs, signal);
    if (digit === undefined) break;
    if (options.terminators.includes(digit)) return { digits, terminator: digit };
    digits += digit;
  }
  return { digits };
}

/**
 * ReceiveDigits: digits accumulate; a gap longer than InBetweenDigitsDurationInMilliseconds or
 * FlushDigitsDurationInMilliseconds since the first one starts over; whenever the accumulated
 * digits match InputDigitsRegex they are reported and the buffer starts over.
 */
export class DigitListener {
  private buffer = '';
  private gap: AbortController | undefined;
  private flush: AbortController | undefined;
  private readonly regex: RegExp;
  private readonly clock: SmaClock;
  private readonly inBetweenMs: number;
  private readonly flushMs: number;
  private readonly onMatch: (digits: string) => void;

  constructor(
    clock: SmaClock,
    options: { regex: string; inBetweenMs: number; flushMs: number },
    onMatch: (digits: string) => void,
  ) {
    this.clock = clock;
    this.regex = new RegExp(options.regex);
    this.inBetweenMs = options.inBetweenMs;
    this.flushMs = options.flushMs;
    this.onMatch = onMatch;
  }

  push(digit: string): void {
    if (!this.buffer) {
      this.flush = this.after(this.flushMs);
    }
    this.gap?.abort();
    this.buffer += digit;
    if (this.regex.test(this.buffer)) {
      const matched = this.buffer;
      this.reset();
      this.onMatch(matched);
      return;
    }
    this.gap = this.after(this.inBetweenMs);
  }

  private after(ms: number): AbortController {
    const controller = new AbortController();
    void this.clock.sleep(ms, controller.signal).then((elapsed) => elapsed && this.reset());
    return controller;
  }

  private reset(): void {
    this.buffer = '';
    this.gap?.abort();
    this.flush?.abort();
  }

  stop(): void {
    this.reset();
  }
}
