import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { electroConversationRepository } from './conversation-repository.ts';
import { messagingService } from './table.ts';

// DynamoDB Local never leaves BatchGet keys unprocessed, so throttling is simulated at the SDK.
const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const repository = electroConversationRepository(messagingService('messaging-table', client));

// electrodb sends lib-dynamodb commands, so the mock sees (and answers) plain JavaScript items.
const keyOf = (id: string) => ({ pk: `$messaging#conversationId_${id}`, sk: '$conversation_1' });
const itemOf = (id: string) => ({
  pk: `$messaging#conversationId_${id}`,
  sk: '$conversation_1',
  __edb_e__: 'conversation',
  __edb_v__: '1',
  conversationId: id,
  kind: 'group',
  createdBy: 'ana',
  createdAt: '2026-03-01T09:00:00.000Z',
  memberIds: ['ana', 'bo'],
  adminIds: ['ana'],
  membersVersion: 1,
  seqAllocated: 0,
  lastActivityAt: '2026-03-01T09:00:00.000Z',
});
const unprocessed = (...ids: string[]) => ({ 'messaging-table': { Keys: ids.map(keyOf) } });

beforeEach(() => {
  dynamo.reset();
});

describe('electroConversationRepository.getMany under throttling', () => {
  it('given BatchGet leaves keys unprocessed once, when read, then those keys are asked again and every conversation comes back', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { 'messaging-table': [itemOf('c1')] }, UnprocessedKeys: unprocessed('c2') })
      .resolvesOnce({ Responses: { 'messaging-table': [itemOf('c2')] }, UnprocessedKeys: {} });

    const found = await repository.getMany(['c1', 'c2']);

    expect(found.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    const asked = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems);
    expect(asked[1]).toEqual({ 'messaging-table': { Keys: [keyOf('c2')] } });
  });

  it('given BatchGet keeps leaving a key unprocessed, when read, then it fails loudly instead of answering with a partial list', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { 'messaging-table': [itemOf('c1')] }, UnprocessedKeys: unprocessed('c2') })
      .resolves({ Responses: { 'messaging-table': [] }, UnprocessedKeys: unprocessed('c2') });

    await expect(repository.getMany(['c1', 'c2'])).rejects.toThrow(/1 of 2 conversations could not be read/);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(5);
  });

  it('given nothing to read, then DynamoDB is not asked', async () => {
    expect(await repository.getMany([])).toEqual([]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});
