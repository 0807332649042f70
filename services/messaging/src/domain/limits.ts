import { RateLimited } from './errors.ts';
import type { Clock, RateLimiter } from './ports.ts';

/** One limit: at most `perUser` acts of one user in each fixed window of `windowSeconds`. */
export interface Limit {
  perUser: number;
  windowSeconds: number;
}

/** The costly acts messaging counts per user, and what they cost each request (README, "Limits"). */
export interface Limits {
  /** POST /conversations/{id}/messages: a burst of 30 passes at once, a flood stops at it */
  send: Limit;
  /** POST /attachments: each slot may hold 25 MB in S3 */
  attachment: Limit;
  /** GET /search: each search reads the index and messages (ADR 0019), so it costs money */
  search: Limit;
}

export const DEFAULT_LIMITS: Limits = {
  send: { perUser: 30, windowSeconds: 10 },
  attachment: { perUser: 20, windowSeconds: 60 * 60 },
  search: { perUser: 20, windowSeconds: 10 },
};

export interface LimitDeps {
  limiter: RateLimiter;
  limits: Limits;
  clock: Clock;
}

const REFUSALS: Record<keyof Limits, string> = {
  send: 'You are sending messages too fast.',
  attachment: 'You have attached too many files for now.',
  search: 'You are searching too often.',
};

/** One act's counter as a write would take it: its key, window, allowance and expiry, and the refusal. */
export interface LimitTake {
  key: string;
  windowStart: number;
  limit: number;
  expiresAt: number;
  /** the error to throw when the counter refuses the act */
  refused: () => RateLimited;
}

/**
 * The counter one `act` of `userId` takes now, for a caller that writes it itself (the send path
 * writes it inside the message's transaction, so a refused or failed send counts nothing).
 */
export function limitTake(deps: Pick<LimitDeps, 'limits' | 'clock'>, act: keyof Limits, userId: string): LimitTake {
  const { perUser, windowSeconds } = deps.limits[act];
  const nowS = deps.clock.now().getTime() / 1000;
  const windowStart = Math.floor(nowS / windowSeconds) * windowSeconds;
  return {
    key: `${act}#${userId}`,
    windowStart,
    limit: perUser,
    expiresAt: windowStart + 2 * windowSeconds,
    refused: () => {
      const retryAfterSeconds = Math.max(1, Math.ceil(windowStart + windowSeconds - nowS));
      return new RateLimited(`${REFUSALS[act]} Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
    },
  };
}

/**
 * Counts one `act` of `userId` (one conditional write) and throws RateLimited, with the seconds
 * until the window ends, when the user has used up the window's allowance. A refused act counts nothing.
 */
export async function consumeLimit(deps: LimitDeps, act: keyof Limits, userId: string): Promise<void> {
  const take = limitTake(deps, act, userId);
  if (!(await deps.limiter.take(take.key, take.windowStart, take.limit, take.expiresAt))) throw take.refused();
}
