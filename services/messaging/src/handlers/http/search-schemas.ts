import { Id } from '@parley/events/ids';
import { queryInt } from '@parley/lambda/http';
import { z } from 'zod';
import { SEARCH_LIMITS } from '../../domain/search.ts';
import { isSearchable } from '../../domain/search-text.ts';

/** GET /search: `q` of 2–100 characters with at least one word of two letters or digits. */
export const SearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2, 'must be 2 to 100 characters')
    .max(100, 'must be 2 to 100 characters')
    .refine(isSearchable, 'must contain a word of at least 2 letters or digits'),
  conversationId: Id.optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1024}$/, 'must be a nextCursor this API gave out')
    .optional(),
  limit: queryInt({ min: 1, max: SEARCH_LIMITS.maxPageSize }).default(SEARCH_LIMITS.defaultPageSize),
});
