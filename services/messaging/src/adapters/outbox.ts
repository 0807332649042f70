import { createHash } from 'node:crypto';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { EventDefinition } from '@parley/events/define-event';
import * as messagingEvents from '@parley/events/messaging';
import { currentScope } from '@parley/lambda/correlation';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import type { EntityItem } from 'electrodb';
import { retiredByConsumer } from '../domain/outbox.ts';
import type { EventRelay, OutboxEvent } from '../domain/ports.ts';
import { OUTBOX_SHARDS, type OutboxEntity } from './entities/outbox.ts';
import type { MessagingDb } from './table.ts';

const definitions = new Map<string, EventDefinition>(
  Object.values(messagingEvents).map((definition) => [definition.detailType, definition]),
);

/** One outbox row as stored. */
export type OutboxItem = EntityItem<typeof OutboxEntity>;

/**
 * The outbox row for an event, validated against its schema now: an event that could never be
 * published must fail the write, not sit in the outbox. Correlation and causation come from the
 * request scope, so a late publish still traces back to the request that caused it.
 */
export function outboxItem(event: OutboxEvent): OutboxItem {
  const scope = currentScope();
  const correlationId = scope?.correlationId ?? event.eventId;
  event.event.detail.parse({
    metadata: { eventId: event.eventId, version: event.event.version, occurredAt: event.occurredAt, correlationId },
    audience: event.audience,
    data: event.data,
  });
  return {
    eventId: event.eventId,
    shard: (createHash('sha1').update(event.eventId).digest()[0] as number) % OUTBOX_SHARDS,
    detailType: event.event.detailType,
    payload: JSON.stringify({ data: event.data, audience: event.audience }),
    occurredAt: event.occurredAt,
    correlationId,
    ...(scope?.causationId ? { causationId: scope.causationId } : {}),
  };
}

/** The outbox rows of `events`, as writes of a transaction (pass the transaction's `outbox` entity). */
export function outboxPuts<T>(outbox: { put(item: OutboxItem): { commit(): T } }, events: readonly OutboxEvent[]): T[] {
  return events.map((event) => outbox.put(outboxItem(event)).commit());
}

function fromItem(item: OutboxItem): OutboxEvent & { correlationId: string; causationId?: string } {
  const event = definitions.get(item.detailType);
  if (!event) throw new Error(`outbox holds an unknown event type ${item.detailType}`);
  const { data, audience } = JSON.parse(item.payload) as { data: unknown; audience: string[] };
  return {
    eventId: item.eventId,
    event,
    data,
    audience,
    occurredAt: item.occurredAt,
    correlationId: item.correlationId,
    ...(item.causationId ? { causationId: item.causationId } : {}),
  };
}

/**
 * EventBridge relay: publishes with the ids and times fixed at write time (a re-publish is the
 * same event to consumers), then deletes the outbox rows, but those a consumer retires unless they
 * were drained (they outlived the drain's grace: their consumer did not retire them). Publishing
 * throws on FailedEntryCount.
 */
export function eventBridgeRelay(db: MessagingDb, client: EventBridgeClient, busName: string): EventRelay {
  const publisher = eventBridgePublisher(client, busName);
  return {
    async relay(events, options = {}) {
      const scope = currentScope();
      await publisher.publishAll(
        events.map((e) => {
          const stored = e as OutboxEvent & { correlationId?: string; causationId?: string };
          const causationId = stored.causationId ?? scope?.causationId;
          return {
            event: e.event,
            data: e.data,
            options: {
              eventId: e.eventId,
              occurredAt: new Date(e.occurredAt),
              // an event for services only (TextRequested) names no audience: nobody gets a frame
              ...(e.audience.length ? { audience: e.audience } : {}),
              correlationId: stored.correlationId ?? scope?.correlationId ?? e.eventId,
              ...(causationId ? { causationId } : {}),
            },
          };
        }),
      );
      const done = events.filter((e) => !retiredByConsumer(e, options));
      if (done.length) await db.entities.outbox.delete(done.map((e) => ({ eventId: e.eventId }))).go();
    },
    async pending(before, limit) {
      const shards = await Promise.all(
        Array.from({ length: OUTBOX_SHARDS }, (_, shard) =>
          db.entities.outbox.query.pending({ shard }).lt({ occurredAt: before }).go({ limit }),
        ),
      );
      return shards
        .flatMap((r) => r.data as OutboxItem[])
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
        .slice(0, limit)
        .map(fromItem);
    },
  };
}
