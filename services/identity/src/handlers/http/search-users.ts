import { httpHandler, ok, queryInt } from '@parley/lambda/http';
import { z } from 'zod';
import { identityErrors } from '../../domain/errors.ts';
import { searchUsers } from '../../domain/search-users.ts';
import { wiring } from '../../wiring.ts';

const Query = z.strictObject({
  q: z.string().trim().min(1, 'type at least one character').max(100),
  limit: queryInt({ min: 1, max: 50 }).default(20),
  cursor: z.string().max(1024).optional(),
});

export const handler = httpHandler({ query: Query, errors: identityErrors }).handler(async (event) => {
  const { q, limit, cursor } = event.queryStringParameters;
  return ok(await searchUsers(wiring.profiles(), { query: q, limit, ...(cursor ? { cursor } : {}) }));
});
