import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { electroMessageScan } from './message-scan.ts';
import { messagingService } from './table.ts';

const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const db = messagingService('t', client);
const scan = electroMessageScan(db);

/** A stored message item as electrodb writes it (keys and its entity markers). */
const item = (conversationId: string, seq: number) => ({
  pk: `$messaging#conversationId_${conversationId}`,
  sk: `$message_1#seq_${String(seq).padStart(12, '0')}`,
  __edb_e__: 'message',
  __edb_v__: '1',
  conversationId,
  seq,
  messageId: `m${seq}`,
  senderId: 'u1',
  clientMessageId: `c${seq}`,
  text: 'hi',
  attachments: [],
  reactions: [],
  sentAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

beforeEach(() => dynamo.reset());

describe('electroMessageScan', () => {
  it('given a page of messages, then a Scan filtered to message items, their keys, and a cursor that starts the next Scan after the last', async () => {
    dynamo
      .on(ScanCommand)
      .resolvesOnce({ Items: [item('C1', 1), item('C1', 2)], LastEvaluatedKey: { pk: 'x', sk: 'y' } })
      .resolves({ Items: [item('C2', 7)] });

    const first = await scan.page({ limit: 2 });

    expect(first.keys).toEqual([
      { conversationId: 'C1', seq: 1 },
      { conversationId: 'C1', seq: 2 },
    ]);
    expect(first.cursor).toEqual(expect.any(String));
    const input = dynamo.commandCalls(ScanCommand)[0]?.args[0].input;
    expect(input?.TableName).toBe('t');
    expect(input?.FilterExpression).toContain('#__edb_e__');
    expect(Object.values(input?.ExpressionAttributeValues ?? {})).toContain('message');

    const second = await scan.page({ cursor: first.cursor as string, limit: 2 });

    expect(dynamo.commandCalls(ScanCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({
      pk: '$messaging#conversationId_C1',
      sk: '$message_1#seq_000000000002',
    });
    expect(second).toEqual({ keys: [{ conversationId: 'C2', seq: 7 }], cursor: null });
  });
});
