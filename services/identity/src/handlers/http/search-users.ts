import { httpHandler, ok, queryInt } from '@parley/lambda/http';
import { z } from 'zod';
import { searchUsers } from '../../domain/search-users.ts';
import { profiles } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

const Query = z.strictObject({
  q: z.string().trim().min(1, 'type at least one character').max(100),
  limit: queryInt({ min: 1, max: 50 }).default(20),
  cursor: z.string().max(1024).optional(),
});

export const handler = httpHandler({ query: Query, errors: errorStatus }).handler(async (event) => {
  const { q, limit, cursor } = event.queryStringParameters;
  return ok(await searchUsers(profiles(), { query: q, limit, ...(cursor ? { cursor } : {}) }));
});
