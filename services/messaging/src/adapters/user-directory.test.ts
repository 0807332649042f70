import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { messagingService } from './table.ts';
import { electroUserDirectory } from './user-directory.ts';

// The waiting for a UserRegistered still on its way is timing DynamoDB Local cannot stage: the SDK is mocked.
const client = new DynamoDBClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const dynamo = mockClient(client);
const db = messagingService('messaging-table', client);
const item = (userId: string) => ({
  pk: `$messaging#userId_${userId}`,
  sk: '$knownUser_1',
  __edb_e__: 'knownUser',
  __edb_v__: '1',
  userId,
  registeredAt: '2026-03-01T09:00:00.000Z',
});
const found = (...ids: string[]) => ({ Responses: { 'messaging-table': ids.map(item) }, UnprocessedKeys: {} });

beforeEach(() => {
  dynamo.reset();
});

describe('electroUserDirectory', () => {
  it('given every id is recorded, then none is unknown after one read', async () => {
    dynamo.on(BatchGetCommand).resolves(found('ana', 'bo'));
    const users = electroUserDirectory(db, { graceMs: 1_000, stepMs: 1 });
    expect(await users.unknown(['ana', 'bo', 'ana'])).toEqual([]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(1);
  });

  it('given a person whose UserRegistered arrives a moment later, then they are waited for and known', async () => {
    dynamo.on(BatchGetCommand).resolvesOnce(found('ana')).resolvesOnce(found()).resolves(found('bo'));
    const users = electroUserDirectory(db, { graceMs: 1_000, stepMs: 1 });
    expect(await users.unknown(['ana', 'bo'])).toEqual([]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(3);
  });

  it('given an id nobody registers, then it is unknown once the grace period is over', async () => {
    dynamo.on(BatchGetCommand).resolves(found());
    const users = electroUserDirectory(db, { graceMs: 30, stepMs: 5 });
    expect(await users.unknown(['ghost'])).toEqual(['ghost']);
  });

  it('given many unknown ids that never appear, then they are refused after one more read: a made-up list is no race', async () => {
    dynamo.on(BatchGetCommand).resolves(found());
    const users = electroUserDirectory(db, { graceMs: 60_000, stepMs: 1, maxAwaited: 3 });
    const ghosts = ['g1', 'g2', 'g3', 'g4'];
    expect(await users.unknown(ghosts)).toEqual(ghosts);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('given many people registered a moment ago, then they are waited for while their events keep arriving', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce(found())
      .resolvesOnce(found('p1', 'p2'))
      .resolvesOnce(found('p3'))
      .resolves(found('p4', 'p5'));
    const users = electroUserDirectory(db, { graceMs: 60_000, stepMs: 1, maxAwaited: 1 });
    expect(await users.unknown(['p1', 'p2', 'p3', 'p4', 'p5'])).toEqual([]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(4);
  });

  it('records a user by id', async () => {
    dynamo.on(PutCommand).resolves({});
    await electroUserDirectory(db).record({ userId: 'ana', registeredAt: '2026-03-01T09:00:00.000Z' });
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      pk: '$messaging#userId_ana',
      userId: 'ana',
    });
  });
});
