import { logger } from '@parley/lambda/observability';
import { scheduledHandler } from '@parley/lambda/schedule';
import { drainOutbox } from '../../domain/outbox.ts';
import { publishing } from '../../wiring/publishing.ts';

/** Every minute: publishes events whose request could not (ADR 0007). Throws if EventBridge still refuses. */
export const handler = scheduledHandler().handler(async () => {
  const published = await drainOutbox(publishing());
  if (published > 0) logger.warn('published events left in the outbox', { published });
  return { published };
});
