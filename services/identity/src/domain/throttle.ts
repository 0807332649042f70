import {
  LoginThrottled,
  PasswordResetThrottled,
  SearchThrottled,
  SignupThrottled,
  VerificationEmailThrottled,
} from './errors.ts';
import type { ThrottleStore } from './ports.ts';

/**
 * Sign-in throttling policy (ASVS 6.3.1). Failures are counted per (account, client address), so
 * someone guessing from one place slows down only themselves: nobody can lock another person out.
 */
export const THROTTLE = {
  /** failures per (account, address) that cost nothing */
  freeFailures: 5,
  /** after n ≥ 5 failures, the next attempt from that address waits 2^(n-5) s after the last one, at most this */
  maxDelaySeconds: 15 * 60,
  /** the (account, address) count lives in a fixed day */
  pairWindowSeconds: 24 * 60 * 60,
  /** failures from one address across all accounts per window: a spray from one place */
  perAddress: 100,
  addressWindowSeconds: 15 * 60,
  /**
   * failures against one account from all addresses per window: past it (distributed guessing), an
   * address that has already failed against the account waits the longest delay after each failure.
   * An address with no failures against the account is never refused on the account's count.
   */
  accountCeiling: 100,
  accountWindowSeconds: 15 * 60,
} as const;

/** Directory searches per user per minute (GET /users?q=): slows scraping the directory. */
export const SEARCH_THROTTLE = { perUser: 30, windowSeconds: 60 } as const;

/**
 * Sign-ups per client address per window (POST /auth/register): each costs ~0.5 s of scrypt, so a
 * burst from one place is refused before any password work. Configurable (`SIGNUP_LIMIT_*`).
 */
export const SIGNUP_THROTTLE = { perAddress: 5, windowSeconds: 10 * 60 } as const;

export interface SignupLimit {
  perAddress: number;
  windowSeconds: number;
  /** addresses never counted (an office's NAT; devstack's own proxy, through which every request arrives) */
  unlimitedAddresses?: readonly string[];
}

export interface ThrottleKeys {
  account: string;
  address?: string;
}

const windowStartOf = (nowS: number, windowSeconds: number) => Math.floor(nowS / windowSeconds) * windowSeconds;
const secondsOf = (now: Date) => now.getTime() / 1000;

/** IPv4 as is (also when IPv4-mapped); IPv6 as its /64, which one subscriber usually holds whole. */
export function addressKeyOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const full = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${full
    .slice(0, 4)
    .map((h) => h.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function counters(keys: ThrottleKeys, nowS: number) {
  const address = keys.address ? addressKeyOf(keys.address) : 'unknown';
  const counter = (key: string, windowSeconds: number) => {
    const windowStart = windowStartOf(nowS, windowSeconds);
    return { key, windowStart, expiresAt: windowStart + 2 * windowSeconds };
  };
  return {
    pair: counter(`pair#${keys.account}#${address}`, THROTTLE.pairWindowSeconds),
    account: counter(`account#${keys.account}`, THROTTLE.accountWindowSeconds),
    address: keys.address ? counter(`address#${address}`, THROTTLE.addressWindowSeconds) : undefined,
  };
}

/** Seconds to wait after the n-th failure of one (account, address): 0 for the first 5, then 1, 2, 4, … up to 15 min. */
export function delayAfter(failures: number, accountOverCeiling: boolean): number {
  if (accountOverCeiling && failures > 0) return THROTTLE.maxDelaySeconds;
  if (failures < THROTTLE.freeFailures) return 0;
  return Math.min(2 ** (failures - THROTTLE.freeFailures), THROTTLE.maxDelaySeconds);
}

/** Throws LoginThrottled (with the seconds to wait) when this address must not try this account yet. */
export async function assertNotThrottled(store: ThrottleStore, keys: ThrottleKeys, now: Date): Promise<void> {
  const nowS = secondsOf(now);
  const c = counters(keys, nowS);
  const [pair, account, address] = await Promise.all([
    store.get(c.pair.key, c.pair.windowStart),
    store.get(c.account.key, c.account.windowStart),
    c.address ? store.get(c.address.key, c.address.windowStart) : undefined,
  ]);
  const waits: number[] = [];
  if (c.address && address && address.count >= THROTTLE.perAddress)
    waits.push(c.address.windowStart + THROTTLE.addressWindowSeconds - nowS);
  const delay = delayAfter(pair.count, account.count >= THROTTLE.accountCeiling);
  if (delay > 0 && pair.lastAt !== undefined) waits.push(pair.lastAt + delay - nowS);
  const wait = Math.max(0, ...waits);
  if (wait > 0) throw new LoginThrottled(Math.max(1, Math.ceil(wait)));
}

/** Counts one failed attempt against the (account, address), the account and the address. */
export async function recordFailedLogin(store: ThrottleStore, keys: ThrottleKeys, now: Date): Promise<void> {
  const nowS = secondsOf(now);
  const c = counters(keys, nowS);
  await Promise.all(
    [c.pair, c.account, c.address].flatMap((k) => (k ? [store.hit(k.key, k.windowStart, nowS, k.expiresAt)] : [])),
  );
}

/**
 * A successful sign-in clears its (account, address) count. The account's and the address's counts
 * stay: a success from one place says nothing about guessing from others.
 */
export async function recordSuccessfulLogin(store: ThrottleStore, keys: ThrottleKeys, now: Date): Promise<void> {
  const { pair } = counters(keys, secondsOf(now));
  await store.clear(pair.key, pair.windowStart);
}

/** Counts one directory search of `userId`; throws SearchThrottled past 30 in a minute. */
export async function countSearch(store: ThrottleStore, userId: string, now: Date): Promise<void> {
  const nowS = secondsOf(now);
  const windowStart = windowStartOf(nowS, SEARCH_THROTTLE.windowSeconds);
  const count = await store.hit(`search#${userId}`, windowStart, nowS, windowStart + 2 * SEARCH_THROTTLE.windowSeconds);
  if (count > SEARCH_THROTTLE.perUser)
    throw new SearchThrottled(Math.max(1, Math.ceil(windowStart + SEARCH_THROTTLE.windowSeconds - nowS)));
}

/**
 * Counts one sign-up from `address` (one UpdateItem); throws SignupThrottled past the limit in the
 * window. No address (never the case behind API Gateway) or an unlimited one is not counted.
 */
export async function countSignup(
  store: ThrottleStore,
  address: string | undefined,
  now: Date,
  limit: SignupLimit = SIGNUP_THROTTLE,
): Promise<void> {
  if (!address) return;
  const addressKey = addressKeyOf(address);
  if (limit.unlimitedAddresses?.some((a) => addressKeyOf(a) === addressKey)) return;
  const nowS = secondsOf(now);
  const windowStart = windowStartOf(nowS, limit.windowSeconds);
  const count = await store.hit(`signup#${addressKey}`, windowStart, nowS, windowStart + 2 * limit.windowSeconds);
  if (count > limit.perAddress)
    throw new SignupThrottled(Math.max(1, Math.ceil(windowStart + limit.windowSeconds - nowS)));
}

/**
 * Password reset requests (POST /auth/password-reset), counted like sign-ins: per email, so nobody can
 * flood one inbox, and per client address, so nobody can spray many inboxes from one place. Each counts
 * whether or not the email has an account, so a 429 tells nothing either (ADR 0020).
 */
export const PASSWORD_RESET_THROTTLE = {
  perEmail: 3,
  emailWindowSeconds: 60 * 60,
  perAddress: 20,
  addressWindowSeconds: 15 * 60,
} as const;

/** Verification emails a user may ask again for (POST /me/email-verification) per window. */
export const VERIFICATION_EMAIL_THROTTLE = { perUser: 3, windowSeconds: 15 * 60 } as const;

async function countIn(
  store: ThrottleStore,
  key: string,
  windowSeconds: number,
  limit: number,
  nowS: number,
): Promise<number | undefined> {
  const windowStart = windowStartOf(nowS, windowSeconds);
  const count = await store.hit(key, windowStart, nowS, windowStart + 2 * windowSeconds);
  return count > limit ? Math.max(1, Math.ceil(windowStart + windowSeconds - nowS)) : undefined;
}

/** Counts one password reset request for `email` from `address`; PasswordResetThrottled past either limit. */
export async function countPasswordResetRequest(
  store: ThrottleStore,
  keys: { email: string; address?: string },
  now: Date,
): Promise<void> {
  const nowS = secondsOf(now);
  const p = PASSWORD_RESET_THROTTLE;
  const waits = await Promise.all([
    countIn(store, `reset#email#${keys.email}`, p.emailWindowSeconds, p.perEmail, nowS),
    keys.address
      ? countIn(store, `reset#address#${addressKeyOf(keys.address)}`, p.addressWindowSeconds, p.perAddress, nowS)
      : undefined,
  ]);
  const wait = Math.max(0, ...waits.filter((w): w is number => w !== undefined));
  if (wait > 0) throw new PasswordResetThrottled(wait);
}

/** Counts one verification email asked for by `userId`; VerificationEmailThrottled past the limit. */
export async function countVerificationEmail(store: ThrottleStore, userId: string, now: Date): Promise<void> {
  const v = VERIFICATION_EMAIL_THROTTLE;
  const wait = await countIn(store, `verify-email#${userId}`, v.windowSeconds, v.perUser, secondsOf(now));
  if (wait !== undefined) throw new VerificationEmailThrottled(wait);
}
