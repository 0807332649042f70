import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Port: remembers which events a consumer has processed (delivery is at least once). */
export interface IdempotencyStore {
  /** Claims the key. false when it was already completed, or is being processed by another invocation. */
  claim(key: string, inProgressSeconds: number): Promise<boolean>;
  complete(key: string): Promise<void>;
  /** Gives the key back after a failure so a retry can process it. */
  release(key: string): Promise<void>;
}

const DAY = 86_400;

/**
 * DynamoDB-backed store on the consumer's own table: item `{pk: "idem#<key>", sk: "idem", status, expiresAt}`.
 * A claim succeeds if no record exists, or an in-progress record has expired (its invocation died).
 * The table's TTL attribute must be `expiresAt`.
 */
export function dynamoIdempotencyStore(client: DynamoDBClient, tableName: string, keepDays = 7): IdempotencyStore {
  const doc = DynamoDBDocumentClient.from(client);
  const pk = (key: string) => ({ pk: `idem#${key}`, sk: 'idem' });
  const now = () => Math.floor(Date.now() / 1000);
  return {
    async claim(key, inProgressSeconds) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...pk(key),
              status: 'IN_PROGRESS',
              lockedUntil: now() + inProgressSeconds,
              expiresAt: now() + keepDays * DAY,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR (#s = :inProgress AND lockedUntil < :now)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': now() },
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    },
    async complete(key) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: pk(key),
          UpdateExpression: 'SET #s = :done REMOVE lockedUntil',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':done': 'COMPLETED' },
        }),
      );
    },
    async release(key) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: pk(key) }));
    },
  };
}

/** In-memory store for unit tests of consumers. */
export function memoryIdempotencyStore(): IdempotencyStore & { keys(): string[] } {
  const state = new Map<string, 'IN_PROGRESS' | 'COMPLETED'>();
  return {
    async claim(key) {
      if (state.has(key)) return false;
      state.set(key, 'IN_PROGRESS');
      return true;
    },
    async complete(key) {
      state.set(key, 'COMPLETED');
    },
    async release(key) {
      state.delete(key);
    },
    keys: () => [...state.keys()],
  };
}
