import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { electroNumberOwners } from './number-owners.ts';
import { messagingService } from './table.ts';

const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const owners = electroNumberOwners(messagingService('messaging-table', client));

beforeEach(() => {
  dynamo.reset();
});

describe('electroNumberOwners', () => {
  it('writes an assignment only over an older change, with the owner in gsi1', async () => {
    dynamo.on(PutCommand).resolves({});
    expect(await owners.apply({ e164: '+41445550101', userId: 'U1', at: '2026-03-01T09:00:00.000Z' })).toBe(true);
    const input = dynamo.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.Item).toMatchObject({
      pk: '$messaging#e164_+41445550101',
      gsi1pk: '$messaging#ownerKey_user#U1',
      userId: 'U1',
      changedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(input?.ConditionExpression).toContain('attribute_not_exists');
    expect(input?.ConditionExpression).toContain('<');
  });

  it('keeps a released number out of its former owner’s numbers, and answers stale on a newer row', async () => {
    dynamo.on(PutCommand).resolves({});
    await owners.apply({ e164: '+41445550101', at: '2026-03-01T10:00:00.000Z' });
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item?.gsi1pk).toBe('$messaging#ownerKey_released#+41445550101');
    expect(item?.userId).toBeUndefined();

    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'newer', $metadata: {} }));
    expect(await owners.apply({ e164: '+41445550101', userId: 'U1', at: '2026-03-01T09:00:00.000Z' })).toBe(false);
  });

  it('lists a user’s numbers from gsi1', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        {
          pk: '$messaging#e164_+6531234567',
          sk: '$numberOwner_1',
          __edb_e__: 'numberOwner',
          __edb_v__: '1',
          e164: '+6531234567',
          userId: 'U1',
          ownerKey: 'user#U1',
          changedAt: 't',
        },
      ],
    });
    expect(await owners.numbersOf('U1')).toEqual(['+6531234567']);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.IndexName).toBe('gsi1');
  });
});
