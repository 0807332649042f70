import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ConversationRead, MessageSent } from '@parley/events/messaging';
import { enterScope } from '@parley/lambda/correlation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../domain/ports.ts';
import { eventBridgeRelay, type OutboxItem, outboxItem } from './outbox.ts';
import type { MessagingDb } from './table.ts';

const sent: OutboxEvent = {
  eventId: '0b7c4e0e-8f7a-4a8e-9a51-3f1f4f3c2d10',
  event: MessageSent,
  data: {
    conversationId: 'c1',
    messageId: 'm1_abc',
    seq: 1,
    senderId: 'ana',
    clientMessageId: 'k1',
    sentAt: '2026-03-01T09:00:00.000Z',
    preview: 'hola',
    text: 'hola',
    truncated: false,
    attachments: [],
  },
  audience: ['ana', 'bo'],
  occurredAt: '2026-03-01T09:00:00.000Z',
};

/** The outbox rows an adapter wrote, and the ones it deleted (a stand-in for the table). */
function fakeDb(rows: OutboxItem[] = []) {
  const deleted: string[] = [];
  const db = {
    entities: {
      outbox: {
        delete: (keys: { eventId: string }[]) => ({
          go: async () => {
            deleted.push(...keys.map((k) => k.eventId));
            return { unprocessed: [] };
          },
        }),
        query: {
          pending: ({ shard }: { shard: number }) => ({
            lt: ({ occurredAt }: { occurredAt: string }) => ({
              go: async ({ limit }: { limit: number }) => ({
                data: rows.filter((r) => r.shard === shard && r.occurredAt < occurredAt).slice(0, limit),
              }),
            }),
          }),
        },
      },
    },
  };
  return { db: db as unknown as MessagingDb, deleted };
}

const eventBridge = mockClient(EventBridgeClient);
beforeEach(() => eventBridge.reset());

describe('outboxItem', () => {
  it('stores the event with the request correlation id, in a shard', () => {
    enterScope({ correlationId: 'corr-1', causationId: 'cause-1' });
    const item = outboxItem(sent);
    expect(item).toMatchObject({
      eventId: sent.eventId,
      detailType: 'messaging.MessageSent',
      correlationId: 'corr-1',
      causationId: 'cause-1',
    });
    expect(item.shard).toBeGreaterThanOrEqual(0);
    expect(item.shard).toBeLessThan(8);
    expect(JSON.parse(item.payload)).toEqual({ data: sent.data, audience: sent.audience });
  });

  it('refuses an event that does not match its schema, before anything is written', () => {
    expect(() => outboxItem({ ...sent, data: { ...(sent.data as object), seq: 0 } })).toThrow();
  });
});

describe('eventBridgeRelay', () => {
  it('publishes with the ids fixed at write time, then clears the outbox but for a new MessageSent', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const { db, deleted } = fakeDb();
    await eventBridgeRelay(db, new EventBridgeClient({}), 'parley-test').relay([sent]);
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(entry).toMatchObject({
      EventBusName: 'parley-test',
      Source: 'parley.messaging',
      DetailType: 'messaging.MessageSent',
    });
    const detail = JSON.parse(entry?.Detail as string);
    expect(detail.metadata).toMatchObject({ eventId: sent.eventId, occurredAt: sent.occurredAt });
    expect(detail.audience).toEqual(['ana', 'bo']);
    // a MessageSent's row is indexMessages' to retire (ADR 0033)
    expect(deleted).toEqual([]);
  });

  it('deletes the rows of other events at once, and a drained MessageSent too', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{}, {}] });
    const read: OutboxEvent = {
      eventId: 'e-read',
      event: ConversationRead,
      data: { conversationId: 'c1', userId: 'bo', seq: 1, readAt: '2026-03-01T09:01:00.000Z' },
      audience: ['ana', 'bo'],
      occurredAt: '2026-03-01T09:01:00.000Z',
    };
    const { db, deleted } = fakeDb();
    const relay = eventBridgeRelay(db, new EventBridgeClient({}), 'parley-test');
    await relay.relay([sent, read]);
    expect(deleted).toEqual(['e-read']);
    await relay.relay([sent], { drained: true });
    expect(deleted).toEqual(['e-read', sent.eventId]);
  });

  it('keeps the outbox rows when EventBridge refuses an entry', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const { db, deleted } = fakeDb();
    await expect(eventBridgeRelay(db, new EventBridgeClient({}), 'parley-test').relay([sent])).rejects.toThrow(
      /rejected/,
    );
    expect(deleted).toEqual([]);
  });

  it('reads pending rows back as the same events, with their stored correlation id, oldest first', async () => {
    enterScope({ correlationId: 'original-request' });
    const older = outboxItem({ ...sent, eventId: 'e-old', occurredAt: '2026-03-01T08:00:00.000Z' });
    const newer = outboxItem({ ...sent, eventId: 'e-new', occurredAt: '2026-03-01T08:30:00.000Z' });
    const late = outboxItem({ ...sent, eventId: 'e-late', occurredAt: '2026-03-01T10:00:00.000Z' });
    const { db } = fakeDb([newer, late, older]);
    const relay = eventBridgeRelay(db, new EventBridgeClient({}), 'parley-test');
    const pending = await relay.pending('2026-03-01T09:00:00.000Z', 10);
    expect(pending.map((e) => e.eventId)).toEqual(['e-old', 'e-new']);
    expect(pending[0]?.event).toBe(MessageSent);

    enterScope({ correlationId: 'the-drain' });
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{}, {}] });
    await relay.relay(pending);
    const details = (eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? []).map((e) =>
      JSON.parse(e.Detail as string),
    );
    expect(details.map((d) => d.metadata.correlationId)).toEqual(['original-request', 'original-request']);
  });
});
