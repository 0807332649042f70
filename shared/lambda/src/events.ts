import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { EventDefinition, EventDetail } from '@parley/events/define-event';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { enterScope } from './correlation.ts';
import type { IdempotencyStore } from './idempotency.ts';
import { logger, tracer } from './observability.ts';

export type RawBusEvent = EventBridgeEvent<string, unknown>;

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

export interface ConsumerOptions {
  /** Where processed eventIds are remembered. A function so that clients are built lazily in wiring. */
  idempotency: IdempotencyStore | (() => IdempotencyStore);
  /** How long a claim blocks a concurrent duplicate before it counts as abandoned. */
  inProgressSeconds?: number;
}

/**
 * The EventBridge consumer preset: typed and validated detail, correlation and causation ids
 * carried into anything the handler publishes, and idempotency on `metadata.eventId`
 * (delivery is at least once: a redelivered event is skipped, a failed one released for retry).
 */
export function eventHandler<E extends EventDefinition>(definition: E, options: ConsumerOptions) {
  return {
    handler(fn: (detail: EventDetail<E>, raw: RawBusEvent, context: Context) => Promise<void>) {
      const inner = async function consumeEvent(raw: RawBusEvent, context: Context): Promise<void> {
        if (raw['detail-type'] !== definition.detailType) {
          throw new InvalidEventError(`expected ${definition.detailType}, got ${raw['detail-type']}`);
        }
        const parsed = definition.detail.safeParse(raw.detail);
        if (!parsed.success) {
          logger.error('event does not match its schema', {
            detailType: raw['detail-type'],
            issues: parsed.error.issues,
          });
          throw new InvalidEventError(`${definition.detailType} failed validation: ${parsed.error.message}`);
        }
        const detail = parsed.data as EventDetail<E>;
        const { eventId, correlationId } = detail.metadata;
        enterScope({ correlationId, causationId: eventId });
        logger.appendKeys({ correlationId, eventId, detailType: definition.detailType });
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
