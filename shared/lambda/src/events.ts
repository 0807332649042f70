import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { type EventDefinition, type EventDetail, EventMetadata } from '@parley/events/define-event';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { enterScope } from './correlation.ts';
import type { IdempotencyStore } from './idempotency.ts';
import { annotateTrace, logger, traceAnnotations, tracer } from './observability.ts';

export type RawBusEvent = EventBridgeEvent<string, unknown>;

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

export interface ConsumerOptions {
  /**
   * Where processed eventIds are remembered. A function so that clients are built lazily in wiring.
   * `'by-effect'`: no record (no DynamoDB request), for a handler whose effect is the same however
   * often it runs — it makes derived data agree with the source as stored now (the search index),
   * or it pushes frames that clients drop by their id (the fan-out): ADR 0023.
   */
  idempotency: IdempotencyStore | (() => IdempotencyStore) | 'by-effect';
  /** How long a claim blocks a concurrent duplicate before it counts as abandoned. */
  inProgressSeconds?: number;
}

type Envelope = { metadata: EventMetadata };

/**
 * What every consumer preset shares: the detail validated by `parse`, correlation and causation ids
 * carried into anything the handler publishes, and idempotency on `metadata.eventId` (delivery is at
 * least once: a redelivered event is skipped, a failed one released for retry).
 */
function busConsumer<D extends Envelope>(parse: (raw: RawBusEvent) => D, options: ConsumerOptions) {
  return {
    handler(fn: (detail: D, raw: RawBusEvent, context: Context) => Promise<void>) {
      const inner = async function consumeEvent(raw: RawBusEvent, context: Context): Promise<void> {
        const detail = parse(raw);
        const { eventId, correlationId } = detail.metadata;
        enterScope({ correlationId, causationId: eventId });
        logger.appendKeys({ correlationId, eventId, detailType: raw['detail-type'] });
        // The ids in the event's data (conversationId, messageId, callId…) find this trace too.
        annotateTrace({ ...traceAnnotations((detail as { data?: unknown }).data), eventId, correlationId });
        if (options.idempotency === 'by-effect') {
          try {
            await fn(detail, raw, context);
          } catch (err) {
            logger.error('event handler failed; left for retry', { error: err as Error });
            throw err;
          }
          return;
        }
        const store = typeof options.idempotency === 'function' ? options.idempotency() : options.idempotency;
        const key = `${context.functionName ?? 'consumer'}#${eventId}`;
        if (!(await store.claim(key, options.inProgressSeconds ?? 300))) {
          logger.info('event already processed, skipped');
          return;
        }
        try {
          await fn(detail, raw, context);
        } catch (err) {
          // Logged here because some runners (the local EventBridge broker) swallow what a target throws.
          logger.error('event handler failed; released for retry', { error: err as Error });
          await store.release(key);
          throw err;
        }
        await store.complete(key);
      };
      return middy<RawBusEvent, void>()
        .use(captureLambdaHandler(tracer, { captureResponse: false }))
        .use(injectLambdaContext(logger, { resetKeys: true }))
        .handler(inner);
    },
  };
}

function refuse(raw: RawBusEvent, error: z.ZodError): never {
  logger.error('event does not match its schema', { detailType: raw['detail-type'], issues: error.issues });
  throw new InvalidEventError(`${raw['detail-type']} failed validation: ${error.message}`);
}

/** The consumer preset for one event type: its detail is typed and validated against the definition. */
export function eventHandler<E extends EventDefinition>(definition: E, options: ConsumerOptions) {
  return busConsumer((raw): EventDetail<E> => {
    if (raw['detail-type'] !== definition.detailType) {
      throw new InvalidEventError(`expected ${definition.detailType}, got ${raw['detail-type']}`);
    }
    const parsed = definition.detail.safeParse(raw.detail);
    return parsed.success ? (parsed.data as EventDetail<E>) : refuse(raw, parsed.error);
  }, options);
}

/** The envelope of any Parley event that names an audience; its data travels unvalidated. */
export const AudienceEnvelope = z.object({
  metadata: EventMetadata,
  audience: z.array(z.string().min(1)).max(1000),
  data: z.record(z.string(), z.unknown()),
});
export type AudienceDetail = z.infer<typeof AudienceEnvelope>;

/** The consumer preset for every event with an `audience`, whatever its type (notifications' fan-out). */
export function audienceEventHandler(options: ConsumerOptions) {
  return busConsumer((raw): AudienceDetail => {
    const parsed = AudienceEnvelope.safeParse(raw.detail);
    return parsed.success ? parsed.data : refuse(raw, parsed.error);
  }, options);
}

/**
 * The consumer preset for an event an AWS service puts on the bus (source `aws.*`, no Parley
 * envelope), e.g. Chime's `Chime Meeting State Change`: its detail is validated by `schema`, and
 * the EventBridge event id stands in for `metadata.eventId` (idempotency) and the correlation id.
 */
export function awsEventHandler<S extends z.ZodType>(schema: S, options: ConsumerOptions) {
  return busConsumer((raw): { metadata: EventMetadata; detail: z.infer<S> } => {
    const parsed = schema.safeParse(raw.detail);
    if (!parsed.success) refuse(raw, parsed.error);
    return {
      metadata: { eventId: raw.id, version: 1, occurredAt: raw.time, correlationId: raw.id },
      detail: parsed.data,
    };
  }, options);
}

/** A consumer of one event type, as `eventHandler(...).handler(...)` makes it. */
export type BusHandler = (event: RawBusEvent, context: Context) => Promise<unknown>;

/**
 * One function for several event types of one rule: hands each event to the consumer of its
 * detail-type, and fails (retried, then the DLQ) on a type the rule should not have sent.
 */
export function byDetailType(consumers: Record<string, BusHandler>): BusHandler {
  return async (event, context) => {
    const consume = consumers[event['detail-type']];
    if (!consume) throw new InvalidEventError(`no consumer for ${event['detail-type']}`);
    return consume(event, context);
  };
}
