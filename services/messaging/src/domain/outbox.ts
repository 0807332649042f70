import { randomUUID } from 'node:crypto';
import type { EventData, EventDefinition } from '@parley/events/define-event';
import * as messagingEvents from '@parley/events/messaging';
import type { Clock, Diagnostics, EventRelay, OutboxEvent } from './ports.ts';

/** Builds an event with its id (a UUID, ADR 0003) and time fixed now, before the write that makes it durable. */
export function newEvent<E extends EventDefinition>(
  deps: { clock: Clock },
  event: E,
  data: EventData<E>,
  audience: readonly string[],
): OutboxEvent<E> {
  return {
    eventId: randomUUID(),
    event,
    data,
    audience: [...new Set(audience)],
    occurredAt: deps.clock.now().toISOString(),
  };
}

/**
 * Whether a relay leaves this event's outbox row behind for a consumer of messaging's own to
 * retire in the write it makes anyway (ADR 0033): a `MessageSent` just written, which
 * indexMessages removes. A drained one (it outlived the drain's grace) is removed by the relay.
 */
export const retiredByConsumer = (e: OutboxEvent, options: { drained?: boolean } = {}): boolean =>
  !options.drained && e.event.detailType === messagingEvents.MessageSent.detailType;

/**
 * Runs the steps that follow a durable write: publishing its events and refreshing derived data.
 * None of them may fail the request (the write is done and must be acknowledged): a failure is
 * reported, and `drainOutbox` publishes whatever stayed in the outbox.
 */
export async function afterWrite(
  deps: { diagnostics: Diagnostics },
  steps: Record<string, () => Promise<unknown>>,
): Promise<void> {
  const names = Object.keys(steps);
  const results = await Promise.allSettled(names.map((name) => (steps[name] as () => Promise<unknown>)()));
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      deps.diagnostics.warn('a step after the write failed; it will be repaired later', {
        step: names[i],
        error: result.reason instanceof Error ? result.reason.message : String(result.reason),
      });
    }
  });
}

/** Publishes events of a just-committed write (see `afterWrite`). */
export const publishStep = (relay: EventRelay, events: readonly OutboxEvent[]) => () =>
  events.length ? relay.relay(events) : Promise.resolve();

/**
 * Publishes events a request wrote to the outbox but could not publish (EventBridge refused or the
 * function died in between). Only entries older than `graceSeconds` are taken, so a request still
 * relaying its own events is not raced; a duplicate is harmless anyway (same eventId).
 * Returns how many were published.
 */
export async function drainOutbox(
  deps: { relay: EventRelay; clock: Clock },
  input: { graceSeconds?: number; batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - (input.graceSeconds ?? 30) * 1000).toISOString();
  let published = 0;
  for (let batch = 0; batch < (input.maxBatches ?? 20); batch++) {
    const pending = await deps.relay.pending(before, input.batchSize ?? 50);
    if (pending.length === 0) break;
    await deps.relay.relay(pending, { drained: true });
    published += pending.length;
  }
  return published;
}
