import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@parley/lambda/batch-get';
import type { SearchIndex, SearchPosition } from '../domain/search-ports.ts';
import { toMessage } from './message-repository.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';

/** Rounds of a batch write before it gives up, and the first backoff's ceiling (full jitter, doubling). */
const ROUNDS = 5;
const FIRST_BACKOFF_MS = 50;

/**
 * Writes every item through `write` (an electrodb batch `put(items).go()` or `delete(keys).go()`:
 * BatchWriteItem, 25 per request), asking again for what DynamoDB left unprocessed after a jittered
 * backoff; throws, naming `what`, if some are still unprocessed after the last round.
 */
export async function batchWriteAll<K>(
  items: readonly K[],
  write: (items: K[]) => Promise<{ unprocessed: K[] }>,
  what: string,
): Promise<void> {
  let pending = [...items];
  for (let round = 0; pending.length > 0 && round < ROUNDS; round++) {
    if (round > 0) await sleep(Math.random() * FIRST_BACKOFF_MS * 2 ** (round - 1));
    pending = (await write(pending)).unprocessed;
  }
  if (pending.length > 0)
    throw new Error(`${pending.length} of ${items.length} ${what} could not be written (throttled)`);
}

/** One request of a BatchWriteItem, as the document client takes it. */
type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/** BatchWriteItem of any of the table's entities at once, 25 a request, 2 in flight; what DynamoDB left, to ask again. */
function mixedBatchWriter(client: DynamoDBClient) {
  // sent through the table's own client, as electrodb sends its document commands (marshalled by the command)
  const send = (command: BatchWriteCommand) =>
    (client.send as unknown as (c: BatchWriteCommand) => Promise<BatchWriteCommandOutput>)(command);
  return async (table: string, requests: WriteRequest[]): Promise<{ unprocessed: WriteRequest[] }> => {
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
    const unprocessed: WriteRequest[] = [];
    for (let i = 0; i < chunks.length; i += 2) {
      const answers = await Promise.all(
        chunks.slice(i, i + 2).map((chunk) => send(new BatchWriteCommand({ RequestItems: { [table]: chunk } }))),
      );
      for (const answer of answers) unprocessed.push(...((answer.UnprocessedItems?.[table] ?? []) as WriteRequest[]));
    }
    return { unprocessed };
  };
}

/**
 * SearchIndex on the messaging table: `searchEntry` items per prefix, a `searchManifest` per message.
 * `client` is the one `db` was made with (a new message's batch mixes entities, which electrodb's
 * batches do not).
 */
export function electroSearchIndex(db: MessagingDb, client: DynamoDBClient): SearchIndex {
  const { searchEntry: entry, searchManifest: manifest, message, outbox } = db.entities;
  const writeMixed = mixedBatchWriter(client);
  return {
    async manifest(conversationId, seq) {
      const { data } = await manifest.get({ conversationId, seq }).go({ consistent: true });
      return data ?? undefined;
    },

    async write(at, change) {
      const key = { sentAt: at.sentAt, conversationId: at.conversationId, seq: at.seq };
      const puts = change.put.map((prefix) => ({ prefix, ...key }));
      const removes = change.remove.map((prefix) => ({ prefix, ...key }));
      await Promise.all([
        puts.length ? batchWriteAll(puts, (items) => entry.put(items).go({ concurrency: 2 }), 'search entries') : null,
        removes.length
          ? batchWriteAll(removes, (keys) => entry.delete(keys).go({ concurrency: 2 }), 'search entry deletes')
          : null,
      ]);
    },

    async saveManifest(m) {
      try {
        await manifest
          .put(m)
          .where((attr, op) => `${op.notExists(attr.version)} OR ${op.lte(attr.version, m.version)}`)
          .go({ response: 'none' });
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async indexNew(at, m, retireEventId) {
      const key = { sentAt: at.sentAt, conversationId: at.conversationId, seq: at.seq };
      const put = (params: { Item?: Record<string, unknown>; TableName?: string }) => ({
        table: params.TableName as string,
        request: { PutRequest: { Item: params.Item as Record<string, unknown> } } as WriteRequest,
      });
      const writes = [
        ...m.prefixes.map((prefix) => put(entry.put({ prefix, ...key }).params())),
        // no version condition (a batch has none): a new message's manifest is its first
        put(manifest.put(m).params()),
      ];
      const removal = outbox.delete({ eventId: retireEventId }).params() as { Key: Record<string, unknown> };
      const table = writes[0]?.table as string;
      const requests = [...writes.map((w) => w.request), { DeleteRequest: { Key: removal.Key } }];
      await batchWriteAll(requests, (pending) => writeMixed(table, pending), 'search entries of a new message');
    },

    async retire(eventId) {
      await outbox.delete({ eventId }).go({ response: 'none' });
    },

    async scan(prefix, page) {
      const query = entry.query.byPrefix({ prefix });
      const range = page.before ? query.lt(page.before) : query;
      const { data } = await range.go({ order: 'desc', limit: page.limit });
      return data.map((e): SearchPosition => ({ sentAt: e.sentAt, conversationId: e.conversationId, seq: e.seq }));
    },

    async messages(keys) {
      if (keys.length === 0) return [];
      const unique = [...new Map(keys.map((k) => [`${k.conversationId}#${k.seq}`, k])).values()].map((k) => ({
        conversationId: k.conversationId,
        seq: k.seq,
      }));
      const items = await batchGetAll(unique, (pending) => message.get(pending).go(), 'messages');
      return items.map(toMessage);
    },
  };
}
