import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { EventMetadata } from '@parley/events/define-event';
import { enterScope } from '@parley/lambda/correlation';
import { InvalidEventError, type RawBusEvent } from '@parley/lambda/events';
import type { IdempotencyStore } from '@parley/lambda/idempotency';
import { logger, tracer } from '@parley/lambda/observability';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { type AudienceDeps, onAudienceEvent } from '../../domain/audience.ts';

/** Any Parley event that names an audience: only the envelope is checked here, the data travels as it is. */
const AudienceEnvelope = z.object({
  metadata: EventMetadata,
  audience: z.array(z.string().min(1)).max(1000),
  data: z.record(z.string(), z.unknown()),
});

/** How long a claimed eventId blocks a concurrent duplicate (a fan-out takes well under this). */
const IN_PROGRESS_SECONDS = 60;

/**
 * The consumer of every event with an `audience`, whatever its source and detail-type. Idempotent on
 * `metadata.eventId` like the `eventHandler` preset (which is bound to one event definition): a
 * redelivered event is skipped, a failed one released for the retry.
 */
export function audienceConsumer(resolve: () => { idempotency: IdempotencyStore; deps: AudienceDeps }) {
  return middy<RawBusEvent, void>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async function consumeAudienceEvent(raw: RawBusEvent, context: Context): Promise<void> {
      const parsed = AudienceEnvelope.safeParse(raw.detail);
      if (!parsed.success)
        throw new InvalidEventError(`${raw['detail-type']} has no valid envelope: ${parsed.error.message}`);
      const { metadata, audience, data } = parsed.data;
      enterScope({ correlationId: metadata.correlationId, causationId: metadata.eventId });
      logger.appendKeys({
        correlationId: metadata.correlationId,
        eventId: metadata.eventId,
        detailType: raw['detail-type'],
      });
      const { idempotency, deps } = resolve();
      const key = `${context.functionName || 'onAudienceEvent'}#${metadata.eventId}`;
      if (!(await idempotency.claim(key, IN_PROGRESS_SECONDS))) {
        logger.info('event already delivered, skipped');
        return;
      }
      try {
        const event = {
          source: raw.source,
          eventId: metadata.eventId,
          detailType: raw['detail-type'],
          version: metadata.version,
        };
        const result = await onAudienceEvent(deps, { ...event, occurredAt: metadata.occurredAt, audience, data });
        logger.info('event delivered', {
          audience: audience.length,
          sent: result.sent,
          gone: result.gone,
          failed: result.failed,
        });
      } catch (err) {
        logger.error('fan-out failed, released for a retry', { error: err as Error });
        await idempotency.release(key);
        throw err;
      }
      await idempotency.complete(key);
    });
}
