import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { electroRateLimiter } from './rate-limiter.ts';
import { messagingService } from './table.ts';

const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const limiter = electroRateLimiter(messagingService('t', client));

beforeEach(() => dynamo.reset());

describe('electroRateLimiter', () => {
  it('adds one to the window counter in ONE conditional update, with the TTL, and allows the act', async () => {
    dynamo.on(UpdateCommand).resolves({});
    expect(await limiter.take('send#U1', 1_767_225_600, 30, 1_767_225_620)).toBe(true);
    const calls = dynamo.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.Key).toEqual({ pk: 'limit#send#U1#1767225600', sk: 'limit' });
    expect(input?.UpdateExpression).toMatch(/ADD #count :count/);
    expect(input?.ConditionExpression).toMatch(/attribute_not_exists\(#count\) OR #count < :count\w*/);
    const values = Object.values(input?.ExpressionAttributeValues ?? {});
    expect(values).toContain(30);
    expect(values).toContain(1_767_225_620);
  });

  it('refuses the act when the condition fails (the window is full), and rethrows any other error', async () => {
    dynamo
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'full', $metadata: {} }))
      .rejectsOnce(new Error('throughput exceeded'));
    expect(await limiter.take('send#U1', 0, 30, 20)).toBe(false);
    await expect(limiter.take('send#U1', 0, 30, 20)).rejects.toThrow();
  });
});
