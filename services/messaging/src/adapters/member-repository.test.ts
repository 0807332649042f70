import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { electroMemberRepository } from './member-repository.ts';
import { messagingService } from './table.ts';

// The SDK is mocked to answer with several pages.
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

beforeEach(() => {
  dynamo.reset();
});

describe('electroMemberRepository.ofUser', () => {
  it('given entries past one page, when read, then every page is asked for and every entry comes back', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [item('ana', 'c1')], LastEvaluatedKey: lastKey('ana', 'c1') })
      .resolvesOnce({ Items: [item('ana', 'c2')] });

    const entries = await repository.ofUser('ana');

    expect(entries.map((m) => m.conversationId)).toEqual(['c1', 'c2']);
    expect(dynamo.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual(lastKey('ana', 'c1'));
  });
});
