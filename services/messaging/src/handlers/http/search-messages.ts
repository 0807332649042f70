import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { searchMessages } from '../../domain/search.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { withRetryAfter } from './retry-after.ts';
import { SearchQuery } from './search-schemas.ts';

/** GET /search: the caller's messages that contain every word of `q` (ADR 0019). */
export const handler = httpHandler({ query: SearchQuery, errors: errorStatus }).handler(async (event) => {
  const { q, conversationId, cursor, limit } = event.queryStringParameters;
  const page = await searchMessages(core(), {
    callerId: userIdOf(event),
    q,
    limit,
    ...(conversationId !== undefined ? { conversationId } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  }).catch(withRetryAfter);
  return ok(page);
});
