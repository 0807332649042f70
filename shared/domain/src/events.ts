import type { EventData, EventDefinition } from '@parley/events/define-event';

/** A domain event a use case decided on, published after its write. */
export interface PendingDomainEvent {
  event: EventDefinition;
  data: unknown;
  options?: { audience?: readonly string[]; eventId?: string };
}

/** Port: domain events (EventBridge in production). Throws when an event was not accepted. */
export interface DomainEvents {
  publishAll(events: readonly PendingDomainEvent[]): Promise<unknown>;
}

/** Builds a typed pending event: `data` is checked against the event's schema type. */
export function domainEvent<E extends EventDefinition>(
  event: E,
  data: EventData<E>,
  options?: { audience?: readonly string[]; eventId?: string },
): PendingDomainEvent {
  return { event, data, ...(options ? { options } : {}) };
}
