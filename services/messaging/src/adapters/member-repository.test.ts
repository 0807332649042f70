import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidCursor } from '../domain/errors.ts';
import { electroMemberRepository } from './member-repository.ts';
import { messagingService } from './table.ts';

// The checks run before DynamoDB is asked, so the SDK is mocked to see whether a query was sent.
const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const repository = electroMemberRepository(messagingService('messaging-table', client));

const lastKey = (userId: string, conversationId: string) => ({
  pk: `$messaging#conversationId_${conversationId}`,
  sk: `$member_1#userId_${userId}`,
  gsi1pk: `$messaging#inboxUserId_${userId}`,
  gsi1sk: `$member_1#lastActivityAt_2026-03-01T09:00:00.000Z#conversationId_${conversationId}`,
});
const item = (userId: string, conversationId: string) => ({
  ...lastKey(userId, conversationId),
  __edb_e__: 'member',
  __edb_v__: '1',
  conversationId,
  userId,
  inboxUserId: userId,
  lastReadSeq: 0,
  lastActivityAt: '2026-03-01T09:00:00.000Z',
});
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeEach(() => {
  dynamo.reset();
});

describe('electroMemberRepository.inbox cursors', () => {
  it('given the cursor of the previous page, when the next page is asked for, then DynamoDB starts after that key', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [item('ana', 'c1')], LastEvaluatedKey: lastKey('ana', 'c1') })
      .resolvesOnce({ Items: [item('ana', 'c2')] });

    const first = await repository.inbox('ana', { limit: 1 });
    const second = await repository.inbox('ana', { limit: 1, cursor: first.cursor as string });

    expect(second.items.map((m) => m.conversationId)).toEqual(['c2']);
    expect(dynamo.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual(lastKey('ana', 'c1'));
  });

  it.each([
    ['not base64 JSON', 'bm90LWpzb24'],
    ['JSON that is not an object', encode([1, 2])],
    ['an object with other fields', encode({ a: 1 })],
    ['a key with an extra field', encode({ ...lastKey('ana', 'c1'), extra: 'x' })],
    ['a key with a number', encode({ ...lastKey('ana', 'c1'), pk: 7 })],
    ["another user's inbox", encode(lastKey('bo', 'c1'))],
    ['a sort key outside the inbox', encode({ ...lastKey('ana', 'c1'), gsi1sk: '$conversation_1' })],
  ])('given %s as the cursor, then InvalidCursor and DynamoDB is never asked', async (_, cursor) => {
    await expect(repository.inbox('ana', { limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursor);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('given DynamoDB still refuses a start key, then InvalidCursor, not a server error', async () => {
    const refused = Object.assign(new Error('The provided starting key is invalid'), { name: 'ValidationException' });
    dynamo.on(QueryCommand).rejects(refused);

    await expect(repository.inbox('ana', { limit: 5, cursor: encode(lastKey('ana', 'c1')) })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
  });
});
