import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { electroSearchIndex } from './search-index.ts';
import { messagingService } from './table.ts';

const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const index = electroSearchIndex(messagingService('t', client), client);
const at = { conversationId: 'C1', seq: 42, sentAt: '2026-01-01T00:00:00.000Z' };
const prefixes = (n: number) => Array.from({ length: n }, (_, i) => `p${String(i).padStart(3, '0')}`);

beforeEach(() => dynamo.reset());

describe('electroSearchIndex', () => {
  it('given 30 prefixes, then BatchWriteItem of at most 25 each, asking again for what was left unprocessed', async () => {
    let first = true;
    dynamo.on(BatchWriteCommand).callsFake((input) => {
      const requests = input.RequestItems.t as { PutRequest: { Item: Record<string, unknown> } }[];
      if (first) {
        first = false;
        // DynamoDB throttled the last two of the first batch
        return { UnprocessedItems: { t: requests.slice(-2) } };
      }
      return { UnprocessedItems: {} };
    });

    await index.write(at, { put: prefixes(30), remove: [] });

    const calls = dynamo.commandCalls(BatchWriteCommand);
    const sizes = calls.map((c) => (c.args[0].input.RequestItems?.t ?? []).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(25);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(32);
    const retried = calls.at(-1)?.args[0].input.RequestItems?.t?.[0]?.PutRequest?.Item;
    expect(retried).toMatchObject({
      pk: '$messaging#prefix_p023',
      sk: '$searchEntry_1#sentAt_2026-01-01T00:00:00.000Z#conversationId_C1#seq_000000000042',
    });
  });

  it("given a new message, then one BatchWriteItem holds its entries, its manifest and its outbox row's delete", async () => {
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
    const manifest = { conversationId: 'C1', seq: 42, prefixes: ['zug', 'zur'], version: 1 };
    await index.indexNew(at, manifest, 'e-1');
    const calls = dynamo.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(1);
    const requests = calls[0]?.args[0].input.RequestItems?.t ?? [];
    expect(requests.map((r) => r.PutRequest?.Item?.sk ?? r.DeleteRequest?.Key)).toEqual([
      '$searchEntry_1#sentAt_2026-01-01T00:00:00.000Z#conversationId_C1#seq_000000000042',
      '$searchEntry_1#sentAt_2026-01-01T00:00:00.000Z#conversationId_C1#seq_000000000042',
      '$searchManifest_1#seq_000000000042',
      { pk: '$messaging#eventId_e-1', sk: '$outbox_1' },
    ]);
    expect(requests[0]?.PutRequest?.Item).toMatchObject({ pk: '$messaging#prefix_zug', __edb_e__: 'searchEntry' });
    expect(requests[2]?.PutRequest?.Item).toMatchObject({
      pk: '$messaging#conversationId_C1',
      prefixes: ['zug', 'zur'],
      version: 1,
    });
  });

  it('given a long new message, then 25 a request, and what DynamoDB left asked for again', async () => {
    let first = true;
    dynamo.on(BatchWriteCommand).callsFake((input) => {
      const requests = input.RequestItems.t as unknown[];
      if (first) {
        first = false;
        return { UnprocessedItems: { t: requests.slice(-1) } };
      }
      return { UnprocessedItems: {} };
    });
    await index.indexNew(at, { conversationId: 'C1', seq: 42, prefixes: prefixes(30), version: 1 }, 'e-1');
    const sizes = dynamo.commandCalls(BatchWriteCommand).map((c) => (c.args[0].input.RequestItems?.t ?? []).length);
    expect(sizes).toEqual([25, 7, 1]);
  });

  it('given items still unprocessed after every round, then it throws rather than pretend', async () => {
    dynamo.on(BatchWriteCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
    await expect(index.write(at, { put: [], remove: ['zu'] })).rejects.toThrow(/could not be written/);
  });

  it('given an older position, then one query of the prefix partition, newest first, strictly before it', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    await index.scan('zur', { before: at, limit: 500 });
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.ScanIndexForward).toBe(false);
    expect(input?.Limit).toBe(500);
    expect(input?.KeyConditionExpression).toMatch(/#pk = :pk and #sk1 < :sk1/);
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':pk': '$messaging#prefix_zur',
      ':sk1': '$searchEntry_1#sentAt_2026-01-01T00:00:00.000Z#conversationId_C1#seq_000000000042',
    });
  });

  it('given a newer manifest stored, then saveManifest answers false; other errors are thrown', async () => {
    dynamo
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'newer', $metadata: {} }))
      .rejectsOnce(new Error('boom'));
    const manifest = { conversationId: 'C1', seq: 42, prefixes: ['zu'], version: 3 };
    expect(await index.saveManifest(manifest)).toBe(false);
    await expect(index.saveManifest(manifest)).rejects.toThrow('boom');
    const input = dynamo.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toMatch(/attribute_not_exists\(#version\) OR #version <= :version/);
  });
});
