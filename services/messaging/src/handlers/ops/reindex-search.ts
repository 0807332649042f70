import { logger } from '@parley/lambda/observability';
import { scheduledHandler } from '@parley/lambda/schedule';
import { z } from 'zod';
import { reindexSearch } from '../../domain/search-backfill.ts';
import { searchBackfill } from '../../wiring/index.ts';

/** What an operator passes (`serverless invoke -f reindexSearch -d '…'`); `{}` starts from the first message. */
export const ReindexInput = z.strictObject({
  cursor: z.string().min(1).max(4096).nullish(),
  rewrite: z.boolean().optional(),
  pageSize: z.number().int().min(1).max(1000).optional(),
  concurrency: z.number().int().min(1).max(32).optional(),
});

/** Stop taking new pages with less than this left: a page of 100 messages takes a few seconds. */
export const STOP_WITH_MS_LEFT = 30_000;

/**
 * The search backfill (ADR 0019), run by an operator: indexes every stored message the index lacks,
 * page by page, until the function is about to time out, and returns where it stopped
 * (`cursor`, `done`). Invoke again with that cursor until `done` is true; a second full pass writes
 * nothing. The event is validated: a wrong field fails the invoke with the field named.
 */
export const handler = scheduledHandler().handler(async (event, context) => {
  const parsed = ReindexInput.safeParse(event ?? {});
  if (!parsed.success)
    throw new Error(
      `invalid reindexSearch input: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ')}`,
    );
  const { cursor, ...options } = parsed.data;
  const result = await reindexSearch(
    searchBackfill(),
    { ...options, ...(cursor ? { cursor } : {}) },
    () => context.getRemainingTimeInMillis() > STOP_WITH_MS_LEFT,
  );
  logger.info('search backfill run', { ...result });
  return result;
});
