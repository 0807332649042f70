import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok, queryInt } from '@parley/lambda/http';
import * as z from 'zod';
import { searchUsers } from '../../domain/search-users.ts';
import { profiles } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';
import { withRetryAfter } from './request-helpers.ts';

const Query = z.strictObject({
  q: z.string().trim().min(1, 'type at least one character').max(100),
  limit: queryInt({ min: 1, max: 50 }).default(20),
  cursor: z.string().max(1024).optional(),
});

/** GET /users?q=: names by prefix, an email only whole; 429 `search_throttled` + Retry-After past 30 a minute. */
export const handler = httpHandler({ query: Query, errors: errorStatus }).handler(async (event) => {
  const { q, limit, cursor } = event.queryStringParameters;
  const input = { userId: authOf(event).userId, query: q, limit, ...(cursor ? { cursor } : {}) };
  return ok(await searchUsers(profiles(), input).catch(withRetryAfter));
});
