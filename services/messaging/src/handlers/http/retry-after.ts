import { HttpError, snakeCase } from '@parley/lambda/errors';
import { RateLimited } from '../../domain/errors.ts';

/** RateLimited → 429 `rate_limited` with Retry-After (the error map alone cannot add headers). */
export function withRetryAfter(err: unknown): never {
  if (err instanceof RateLimited) {
    throw new HttpError(429, snakeCase(err.name), err.message, undefined, {
      'retry-after': String(err.retryAfterSeconds),
    });
  }
  throw err;
}
