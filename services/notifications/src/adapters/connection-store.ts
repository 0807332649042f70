import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chunk } from '../domain/concurrency.ts';
import type { ConnectionStore, LiveConnection, PresenceRecord } from '../domain/ports.ts';
import { isConditionFailure } from './conditions.ts';

/** How one connection is stored inside the user's item: `conns.<connectionId>`. */
interface StoredConnection {
  exp: number;
  at?: number;
  /** epoch ms of the connect (orders connections when the oldest is dropped) */
  ms?: number;
  sid?: string;
}

interface PresenceItem {
  pk: string;
  sk: string;
  userId: string;
  conns?: Record<string, StoredConnection>;
  lastSeenAt?: string;
}

const keyOf = (userId: string) => ({ pk: `presence#${userId}`, sk: 'presence' });
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

function live(item: PresenceItem | undefined, nowSeconds: number, except?: string): LiveConnection[] {
  return Object.entries(item?.conns ?? {})
    .filter(([id, c]) => id !== except && c.exp > nowSeconds)
    .map(([connectionId, c]) => ({
      connectionId,
      expiresAt: c.exp,
      ...(c.at !== undefined ? { connectedAt: c.at } : {}),
      ...(c.ms !== undefined ? { connectedAtMs: c.ms } : {}),
      ...(c.sid ? { sessionId: c.sid } : {}),
    }));
}

/**
 * The connections table, one item per user holding a map of connections (not an item per connection):
 * - every change is a single atomic update whose old image tells whether the user came online or went offline;
 * - the fan-out reads a whole audience with BatchGetItem (one request per 100 users) instead of a query per user.
 * ElectroDB cannot address map entries by a dynamic key, hence the document client here.
 * Entries carry their own expiry (API Gateway's 2 h cap plus a margin) and are ignored once past it.
 */
export function dynamoConnectionStore(doc: DynamoDBDocumentClient, tableName: string): ConnectionStore {
  /** Writes the entry; answers the item as it is after the write. */
  async function addEntry(userId: string, connection: LiveConnection): Promise<PresenceItem | undefined> {
    const entry: StoredConnection = {
      exp: connection.expiresAt,
      ...(connection.connectedAt !== undefined ? { at: connection.connectedAt } : {}),
      ...(connection.connectedAtMs !== undefined ? { ms: connection.connectedAtMs } : {}),
      ...(connection.sessionId ? { sid: connection.sessionId } : {}),
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(userId),
            UpdateExpression: 'SET conns.#c = :entry, userId = :u',
            ConditionExpression: 'attribute_exists(conns)',
            ExpressionAttributeNames: { '#c': connection.connectionId },
            ExpressionAttributeValues: { ':entry': entry, ':u': userId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes as PresenceItem | undefined;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      try {
        // first connection ever: the map does not exist yet
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(userId),
            UpdateExpression: 'SET conns = :map, userId = :u',
            ConditionExpression: 'attribute_not_exists(conns)',
            ExpressionAttributeValues: { ':map': { [connection.connectionId]: entry }, ':u': userId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes as PresenceItem | undefined;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
    throw new Error(`could not record connection ${connection.connectionId}`);
  }

  async function prune(userId: string, item: PresenceItem | undefined, nowSeconds: number): Promise<void> {
    const dead = Object.entries(item?.conns ?? {}).filter(([, c]) => c.exp <= nowSeconds);
    if (dead.length === 0) return;
    const names = Object.fromEntries(dead.map(([id], i) => [`#d${i}`, id]));
    await doc
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(userId),
          UpdateExpression: `REMOVE ${dead.map((_, i) => `conns.#d${i}`).join(', ')}`,
          ExpressionAttributeNames: names,
        }),
      )
      .catch(() => undefined); // best effort: expired entries are ignored anyway
  }

  return {
    async add(userId, connection, now) {
      // the new image is the old one plus this entry (one atomic update): the others in it were live before
      const item = await addEntry(userId, connection);
      await prune(userId, item, epoch(now));
      const current = live(item, epoch(now));
      return { cameOnline: current.every((c) => c.connectionId === connection.connectionId), live: current };
    },

    async remove(userId, connectionId, now) {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(userId),
            UpdateExpression: 'REMOVE conns.#c SET lastSeenAt = :now',
            ConditionExpression: 'attribute_exists(conns.#c)',
            ExpressionAttributeNames: { '#c': connectionId },
            ExpressionAttributeValues: { ':now': now.toISOString() },
            ReturnValues: 'ALL_OLD',
          }),
        );
        const old = Attributes as PresenceItem | undefined;
        const wasLive = live(old, epoch(now)).some((c) => c.connectionId === connectionId);
        return { wentOffline: wasLive && live(old, epoch(now), connectionId).length === 0 };
      } catch (err) {
        if (isConditionFailure(err)) return { wentOffline: false }; // already gone: a repeated $disconnect or a 410
        throw err;
      }
    },

    async getMany(userIds, now) {
      const out = new Map<string, PresenceRecord>();
      const nowSeconds = epoch(now);
      for (const ids of chunk([...new Set(userIds)], 100)) {
        let keys: Record<string, unknown>[] | undefined = ids.map(keyOf);
        for (let round = 0; keys?.length && round < 5; round += 1) {
          // strongly consistent: a connection stored a moment ago must already receive this frame
          const result = await doc.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
          );
          for (const raw of result.Responses?.[tableName] ?? []) {
            const item = raw as PresenceItem;
            out.set(item.userId, {
              userId: item.userId,
              connections: live(item, nowSeconds),
              ...(item.lastSeenAt ? { lastSeenAt: item.lastSeenAt } : {}),
            });
          }
          keys = result.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
          if (keys?.length) await new Promise((r) => setTimeout(r, 25 * 2 ** round));
        }
        if (keys?.length) throw new Error(`presence of ${keys.length} users could not be read`);
      }
      return out;
    },
  };
}
