import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { UserRegistered } from '@parley/events/identity';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { enterScope } from '../src/correlation.ts';
import { eventBridgePublisher, PublishFailedError } from '../src/publisher.ts';

const eventBridge = mockClient(EventBridgeClient);
const data = {
  userId: 'u1',
  displayName: 'Ana',
  email: 'ana@example.com',
  roles: [],
  registeredAt: '2026-11-22T00:00:00.000Z',
};

describe('eventBridgePublisher', () => {
  beforeEach(() => eventBridge.reset());

  it('given a failed entry, when publishing, then it throws naming the event', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
    const publisher = eventBridgePublisher(new EventBridgeClient({ region: 'eu-central-1' }), 'parley-test');
    await expect(publisher.publish(UserRegistered, data)).rejects.toThrow(PublishFailedError);
    await expect(publisher.publish(UserRegistered, data)).rejects.toThrow(/identity.UserRegistered InternalFailure/);
  });

  it('given a request scope, when publishing, then the envelope carries correlation and causation ids and the audience', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    enterScope({ correlationId: 'corr-1', causationId: 'evt-0' });
    const publisher = eventBridgePublisher(new EventBridgeClient({ region: 'eu-central-1' }), 'parley-test');
    const eventId = await publisher.publish(UserRegistered, data, { audience: ['u1', 'u1', 'u2'] });
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(entry?.EventBusName).toBe('parley-test');
    expect(entry?.Source).toBe('parley.identity');
    expect(entry?.DetailType).toBe('identity.UserRegistered');
    const detail = JSON.parse(entry?.Detail ?? '{}');
    expect(detail.metadata).toMatchObject({ eventId, version: 1, correlationId: 'corr-1', causationId: 'evt-0' });
    expect(detail.audience).toEqual(['u1', 'u2']);
    expect(detail.data).toEqual(data);
  });

  it('given data that breaks the schema, when publishing, then nothing is sent', async () => {
    const publisher = eventBridgePublisher(new EventBridgeClient({ region: 'eu-central-1' }), 'parley-test');
    await expect(publisher.publish(UserRegistered, { ...data, email: 'not-an-email' })).rejects.toThrow();
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('given 23 events, when publishing all, then they go in batches of at most 10', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    const publisher = eventBridgePublisher(new EventBridgeClient({ region: 'eu-central-1' }), 'parley-test');
    const ids = await publisher.publishAll(Array.from({ length: 23 }, () => ({ event: UserRegistered, data })));
    expect(ids).toHaveLength(23);
    expect(eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
  });
});
