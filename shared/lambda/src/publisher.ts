import { randomUUID } from 'node:crypto';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventData, EventDefinition } from '@parley/events/define-event';
import { currentScope } from './correlation.ts';
import { annotateTrace } from './observability.ts';
import { currentTraceHeader } from './trace-header.ts';

export interface PublishOptions {
  /** userIds to notify in real time (notifications fans out to their live connections) */
  audience?: readonly string[];
  correlationId?: string;
  causationId?: string;
  eventId?: string;
  occurredAt?: Date;
}

export interface PendingEvent<E extends EventDefinition = EventDefinition> {
  event: E;
  data: EventData<E>;
  options?: PublishOptions;
}

/** Port: publishes domain events. Adapters: EventBridge here, an in-memory fake in unit tests. */
export interface EventPublisher {
  publish<E extends EventDefinition>(event: E, data: EventData<E>, options?: PublishOptions): Promise<string>;
  publishAll(events: readonly PendingEvent[]): Promise<string[]>;
}

export class PublishFailedError extends Error {
  override name = 'PublishFailedError';
  readonly failures: { detailType: string; errorCode?: string; errorMessage?: string }[];

  constructor(failures: { detailType: string; errorCode?: string; errorMessage?: string }[]) {
    super(
      `EventBridge rejected ${failures.length} event(s): ${failures.map((f) => `${f.detailType} ${f.errorCode ?? ''} ${f.errorMessage ?? ''}`.trim()).join('; ')}`,
    );
    this.failures = failures;
  }
}

const MAX_ENTRIES_PER_CALL = 10;
const PUBLISHED_ID_KEYS = ['conversationId', 'messageId', 'callId', 'transactionId'] as const;

/**
 * EventBridge publisher. Validates each detail against its schema, carries the correlation id,
 * causation id and X-Ray trace header, and throws when PutEvents reports FailedEntryCount > 0
 * so that nothing is acknowledged that was not published.
 */
export function eventBridgePublisher(client: EventBridgeClient, busName: string): EventPublisher {
  const toEntry = ({ event, data, options = {} }: PendingEvent): { entry: PutEventsRequestEntry; eventId: string } => {
    const scope = currentScope();
    const eventId = options.eventId ?? randomUUID();
    const detail = event.detail.parse({
      metadata: {
        eventId,
        version: event.version,
        occurredAt: (options.occurredAt ?? new Date()).toISOString(),
        correlationId: options.correlationId ?? scope?.correlationId ?? eventId,
        ...((options.causationId ?? scope?.causationId)
          ? { causationId: options.causationId ?? scope?.causationId }
          : {}),
      },
      ...(options.audience ? { audience: [...new Set(options.audience)] } : {}),
      data,
    });
    const traceHeader = currentTraceHeader();
    return {
      eventId,
      entry: {
        EventBusName: busName,
        Source: event.source,
        DetailType: event.detailType,
        Detail: JSON.stringify(detail),
        ...(traceHeader ? { TraceHeader: traceHeader } : {}),
      },
    };
  };

  const publishAll = async (events: readonly PendingEvent[]): Promise<string[]> => {
    const prepared = events.map(toEntry);
    // The published ids (conversationId, messageId, callId…) find the publishing request's trace; the
    // caller's userId and correlationId, annotated by the handler preset, stay as they are.
    for (const { data } of events) annotateTrace(data, PUBLISHED_ID_KEYS);
    for (let i = 0; i < prepared.length; i += MAX_ENTRIES_PER_CALL) {
      const batch = prepared.slice(i, i + MAX_ENTRIES_PER_CALL);
      const result = await client.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) }));
      if ((result.FailedEntryCount ?? 0) > 0) {
        const failures = (result.Entries ?? [])
          .map((e, idx) => ({ e, idx }))
          .filter(({ e }) => e.ErrorCode)
          .map(({ e, idx }) => ({
            detailType: batch[idx]?.entry.DetailType ?? 'unknown',
            errorCode: e.ErrorCode,
            errorMessage: e.ErrorMessage,
          }));
        throw new PublishFailedError(
          failures.length ? failures : [{ detailType: 'unknown', errorCode: 'FailedEntryCount' }],
        );
      }
    }
    return prepared.map((p) => p.eventId);
  };

  return {
    publishAll,
    async publish(event, data, options) {
      const [id] = await publishAll([{ event, data, options } as PendingEvent]);
      return id as string;
    },
  };
}
