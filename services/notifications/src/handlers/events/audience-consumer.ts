import { audienceEventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import type { FanOutMetrics } from '../../adapters/fan-out-metrics.ts';
import { type AudienceDeps, onAudienceEvent } from '../../domain/audience.ts';

/**
 * The consumer of every event with an `audience`, whatever its source and detail-type, on the shared
 * preset (envelope validated). No idempotency record (ADR 0024): the fan-out is one BatchGetItem
 * per event. A redelivered event pushes the same frame again, with the same `id`, and clients drop
 * a frame id they have seen (`clients/web/src/lib/realtime-client.ts`); call participants are a set.
 */
export function audienceConsumer(resolve: () => { deps: AudienceDeps; metrics: FanOutMetrics }) {
  return audienceEventHandler({ idempotency: 'by-effect' }).handler(async ({ metadata, audience, data }, raw) => {
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
