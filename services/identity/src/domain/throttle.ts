import { LoginThrottled } from './errors.ts';
import type { ThrottleStore } from './ports.ts';

/** Sign-in throttling policy: failed attempts per fixed window. */
export const THROTTLE = {
  windowSeconds: 15 * 60,
  /** failures per account per window before sign-in is refused (ASVS 6.3.1) */
  perAccount: 10,
  /** failures per client address per window: a spray across many accounts from one place */
  perAddress: 100,
} as const;

export interface ThrottleKeys {
  account: string;
  address?: string;
}

const windowStartOf = (now: Date) => Math.floor(now.getTime() / 1000 / THROTTLE.windowSeconds) * THROTTLE.windowSeconds;

const keysOf = (keys: ThrottleKeys) => [
  { key: `account#${keys.account}`, limit: THROTTLE.perAccount },
  ...(keys.address ? [{ key: `address#${keys.address}`, limit: THROTTLE.perAddress }] : []),
];

/** Throws LoginThrottled (with the seconds until the window ends) when any key is over its limit. */
export async function assertNotThrottled(store: ThrottleStore, keys: ThrottleKeys, now: Date): Promise<void> {
  const windowStart = windowStartOf(now);
  const counts = await Promise.all(
    keysOf(keys).map(async (k) => ({ ...k, n: await store.failures(k.key, windowStart) })),
  );
  if (counts.some((c) => c.n >= c.limit)) {
    const retryAfter = Math.max(1, windowStart + THROTTLE.windowSeconds - Math.floor(now.getTime() / 1000));
    throw new LoginThrottled(retryAfter);
  }
}

/** Counts one failed attempt against the account and the address. */
export async function recordFailedLogin(store: ThrottleStore, keys: ThrottleKeys, now: Date): Promise<void> {
  const windowStart = windowStartOf(now);
  const expiresAt = windowStart + 2 * THROTTLE.windowSeconds;
  await Promise.all(keysOf(keys).map((k) => store.addFailure(k.key, windowStart, expiresAt)));
}

/** A successful sign-in clears the account's counter (the address keeps its count). */
export async function clearAccountFailures(store: ThrottleStore, keys: ThrottleKeys, now: Date): Promise<void> {
  await store.clear(`account#${keys.account}`, windowStartOf(now));
}
