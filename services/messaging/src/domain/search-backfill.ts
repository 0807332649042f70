import { type IndexerDeps, indexMessage } from './search-indexer.ts';
import type { MessageKey, MessageKeyScan } from './search-ports.ts';

export interface BackfillDeps extends IndexerDeps {
  scan: MessageKeyScan;
}

export interface BackfillInput {
  /** where a previous run stopped (its `cursor`); absent: from the first message */
  cursor?: string;
  /** write every current prefix even where the manifest says the message is indexed (repair) */
  rewrite?: boolean;
  /** messages per page read from the store */
  pageSize?: number;
  /** messages indexed at once within a page */
  concurrency?: number;
}

export interface BackfillResult {
  /** pass it to the next run; null when every message has been read */
  cursor: string | null;
  done: boolean;
  pages: number;
  /** messages read */
  messages: number;
  /** messages whose index entries this run had to write or remove */
  changed: number;
  /** entries written and removed */
  put: number;
  removed: number;
}

export const BACKFILL_PAGE_SIZE = 100;
export const BACKFILL_CONCURRENCY = 8;

/**
 * The search backfill (ADR 0019): pages through every stored message and runs each through the
 * indexer's own `indexMessage`, so a message the consumer never saw (sent before the index existed,
 * or whose entries were lost) becomes findable, and one already indexed costs two reads and writes
 * nothing. It keeps going while `keepGoing()` says so (the Lambda's remaining time) and stops only
 * between pages, returning the cursor of the first page not yet done: a run that dies mid-page is
 * resumed from the cursor the previous run returned and redoes that page, which is harmless as
 * indexing is idempotent.
 */
export async function reindexSearch(
  deps: BackfillDeps,
  input: BackfillInput,
  keepGoing: () => boolean,
): Promise<BackfillResult> {
  const pageSize = input.pageSize ?? BACKFILL_PAGE_SIZE;
  const concurrency = input.concurrency ?? BACKFILL_CONCURRENCY;
  const result: BackfillResult = {
    cursor: input.cursor ?? null,
    done: false,
    pages: 0,
    messages: 0,
    changed: 0,
    put: 0,
    removed: 0,
  };
  let cursor = input.cursor;
  do {
    const page = await deps.scan.page({ ...(cursor ? { cursor } : {}), limit: pageSize });
    await eachLimited(page.keys, concurrency, async (key) => {
      const done = await indexMessage(deps, key, { rewrite: input.rewrite === true });
      result.messages++;
      result.put += done.put;
      result.removed += done.removed;
      if (done.put + done.removed > 0) result.changed++;
    });
    result.pages++;
    result.cursor = page.cursor;
    if (page.cursor === null) {
      result.done = true;
      return result;
    }
    cursor = page.cursor;
  } while (keepGoing());
  return result;
}

/** Runs `fn` over `items`, at most `limit` at a time; the first failure rejects once all settled. */
async function eachLimited(items: readonly MessageKey[], limit: number, fn: (key: MessageKey) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as MessageKey;
      await fn(item);
    }
  });
  const settled = await Promise.allSettled(workers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
