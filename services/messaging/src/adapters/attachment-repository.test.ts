import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../domain/model.ts';
import { electroAttachmentRepository } from './attachment-repository.ts';
import { messagingService } from './table.ts';

const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const repository = electroAttachmentRepository(messagingService('t', client));
const slot: Attachment = {
  id: 'A1',
  conversationId: 'C1',
  uploaderId: 'U1',
  fileName: 'f.pdf',
  contentType: 'application/pdf',
  size: 4,
  kind: 'file',
  key: 'conversations/C1/A1',
  uploadKey: 'uploads/C1/A1',
  checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  createdAt: '2026-03-01T09:00:00.000Z',
  sweepAfter: '2026-03-02T09:00:00.000Z',
};
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'no', $metadata: {} });

beforeEach(() => dynamo.reset());

describe('electroAttachmentRepository', () => {
  it('puts a new slot in the sweep index (gsi1) by the time it is due', async () => {
    dynamo.on(PutCommand).resolves({});
    await repository.create(slot);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      uploadKey: 'uploads/C1/A1',
      checksumSha256: slot.checksumSha256,
      gsi1pk: '$messaging#sweep_due',
      gsi1sk: '$attachment_1#sweepAfter_2026-03-02T09:00:00.000Z',
    });
  });

  it('freezes only what was not discarded, taking it out of the sweep index', async () => {
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());
    expect(await repository.markFrozen('A1', { at: 't', size: 4 })).toBe(true);
    expect(await repository.markFrozen('A1', { at: 't', size: 4 })).toBe(false);
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toMatch(/REMOVE .*#gsi1pk, #gsi1sk/);
    expect(input?.ConditionExpression).toMatch(/attribute_not_exists\(#discardedAt\)/);
  });

  it('claims for the sweep only a slot no message showed, or a discarded one', async () => {
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed()).rejectsOnce(new Error('throttled'));
    expect(await repository.claimForSweep('A1', 't')).toBe(true);
    expect(await repository.claimForSweep('A1', 't')).toBe(false);
    await expect(repository.claimForSweep('A1', 't')).rejects.toThrow('throttled');
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toMatch(
      /attribute_not_exists\(#frozenAt\) OR attribute_exists\(#discardedAt\)/,
    );
  });

  it('discarding puts attachments back in the sweep index, due at once', async () => {
    dynamo.on(UpdateCommand).resolves({});
    await repository.discard(['A1'], '2026-03-01T10:00:00.000Z');
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':gsi1sk_u0': '$attachment_1#sweepAfter_2026-03-01T10:00:00.000Z',
    });
  });

  it('lists what is due from the sweep index, before the given time', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    await repository.due('2026-03-02T10:00:00.000Z', 50);
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ IndexName: 'gsi1', KeyConditionExpression: '#pk = :pk and #sk1 < :sk1' });
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':pk': '$messaging#sweep_due',
      ':sk1': '$attachment_1#sweepAfter_2026-03-02T10:00:00.000Z',
    });
  });
});
