import { audienceEventHandler } from '@parley/lambda/events';
import type { IdempotencyStore } from '@parley/lambda/idempotency';
import { logger } from '@parley/lambda/observability';
import type { FanOutMetrics } from '../../adapters/fan-out-metrics.ts';
import { type AudienceDeps, onAudienceEvent } from '../../domain/audience.ts';

/** How long a claimed eventId blocks a concurrent duplicate (a fan-out takes well under this). */
const IN_PROGRESS_SECONDS = 60;

/**
 * The consumer of every event with an `audience`, whatever its source and detail-type, on the shared
 * preset (envelope validated, idempotent on `metadata.eventId`).
 */
export function audienceConsumer(
  resolve: () => { idempotency: IdempotencyStore; deps: AudienceDeps; metrics: FanOutMetrics },
) {
  return audienceEventHandler({
    idempotency: () => resolve().idempotency,
    inProgressSeconds: IN_PROGRESS_SECONDS,
  }).handler(async ({ metadata, audience, data }, raw) => {
    const result = await onAudienceEvent(resolve().deps, {
      source: raw.source,
      eventId: metadata.eventId,
      detailType: raw['detail-type'],
      version: metadata.version,
      occurredAt: metadata.occurredAt,
      audience,
      data,
    });
    logger.info('event delivered', {
      audience: audience.length,
      sent: result.sent,
      gone: result.gone,
      failed: result.failed,
    });
    resolve().metrics.delivered(result);
  });
}
