import { logger } from '@parley/lambda/observability';
import { scheduledHandler } from '@parley/lambda/schedule';
import { sweepAttachments } from '../../domain/attachment-sweep.ts';
import { files } from '../../wiring/files.ts';

/** Hourly (every minute on devstack): removes unsent slots past their life and what deletes left (ADR 0016). */
export const handler = scheduledHandler().handler(async () => {
  const swept = await sweepAttachments(files());
  if (swept.removed > 0) logger.info('swept attachments', swept);
  return swept;
});
