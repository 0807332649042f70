import { randomUUID } from 'node:crypto';
import { MessageDeleted } from '@parley/events/messaging';
import { enterScope } from '@parley/lambda/correlation';
import { devstackClients } from '@parley/testing/devstack-clients';
import { sse } from '@parley/testing/sse';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { outboxItem } from '../../services/messaging/src/adapters/outbox.ts';
import { messagingService } from '../../services/messaging/src/adapters/table.ts';
import { api, devstackUrl } from '../support/http.ts';
import { registerUser } from '../support/users.ts';

// ADR 0007: an event whose request stored the change but never published it (the function died, or
// EventBridge refused) waits in the outbox; the scheduled drain publishes it within about a minute.
const info = inject('devstack');
const clients = devstackClients(info);
const db = messagingService(`parley-messaging-${info.stage}`, clients.dynamodb);

afterAll(() => clients.destroy());

describe('the outbox drain', () => {
  it('given events left in the outbox, when the schedule runs, then each is published once with its own id and removed', async () => {
    // Given two events committed by a request that never got to publish them (a minute ago)
    enterScope({ correlationId: `outbox-test-${randomUUID()}` });
    const events = [0, 1].map((i) =>
      outboxItem({
        eventId: randomUUID(),
        event: MessageDeleted,
        data: {
          conversationId: `c_${randomUUID().slice(0, 8)}`,
          messageId: `m${i + 1}_left`,
          seq: i + 1,
          senderId: 'u_outbox_test',
          deletedAt: new Date(Date.now() - 60_000).toISOString(),
        },
        audience: ['u_outbox_test'],
        occurredAt: new Date(Date.now() - 60_000 + i).toISOString(),
      }),
    );
    const bus = await sse<{ detailType: string; detail: { metadata: { eventId: string; correlationId: string } } }>(
      `${info.url}/_dev/events`,
    );
    try {
      for (const item of events) await db.entities.outbox.put(item).go();

      // When the drain runs (every minute), then both reach the bus with the ids they were stored with
      for (const item of events) {
        const published = await bus.waitFor((e) => e.detail?.metadata?.eventId === item.eventId, 90_000);
        expect(published.detailType).toBe('messaging.MessageDeleted');
        expect(published.detail.metadata.correlationId).toBe(item.correlationId);
      }
      // And the outbox no longer holds them (the drain deletes after PutEvents answers, so the bus can see
      // an event a moment before its outbox item is gone)
      for (const item of events) {
        await expect
          .poll(async () => (await db.entities.outbox.get({ eventId: item.eventId }).go({ consistent: true })).data, {
            timeout: 15_000,
            interval: 250,
          })
          .toBeNull();
      }
      expect(bus.events.filter((e) => events.some((i) => i.eventId === e.detail?.metadata?.eventId))).toHaveLength(2);
    } finally {
      bus.close();
    }
  }, 120_000);

  it("given a message sent, then its MessageSent is published once and its outbox row is gone once indexMessages saw it (ADR 0033), long before the drain's grace", async () => {
    const messaging = api('messaging');
    const [a, b] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    const as = { token: a.tokens.accessToken };
    const created = await messaging('POST', '/conversations', { ...as, body: { memberIds: [b.user.id] } });
    expect(created.status).toBe(201);
    const bus = await sse<{
      detailType: string;
      detail: { metadata: { eventId: string }; data: { messageId?: string } };
    }>(`${info.url}/_dev/events`);
    try {
      // When A sends a message
      const sent = await messaging('POST', `/conversations/${created.body.conversation.id}/messages`, {
        ...as,
        body: { clientMessageId: randomUUID(), text: 'retired by the indexer' },
      });
      expect(sent.status).toBe(201);
      const event = await bus.waitFor(
        (e) => e.detailType === 'messaging.MessageSent' && e.detail?.data?.messageId === sent.body.message.id,
        15_000,
      );
      // Then its outbox row goes within seconds (the send left it; the drain would take 30 s or more)
      await expect
        .poll(
          async () =>
            (await db.entities.outbox.get({ eventId: event.detail.metadata.eventId }).go({ consistent: true })).data,
          { timeout: 15_000, interval: 100 },
        )
        .toBeNull();
      expect(bus.events.filter((e) => e.detail?.metadata?.eventId === event.detail.metadata.eventId)).toHaveLength(1);
    } finally {
      bus.close();
    }
  }, 60_000);
});
