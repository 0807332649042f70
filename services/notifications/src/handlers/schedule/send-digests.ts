import { logger } from '@parley/lambda/observability';
import { scheduledHandler } from '@parley/lambda/schedule';
import { smsCaps } from '../../config.ts';
import { sendDueDigests } from '../../domain/digests.ts';
import { digests } from '../../wiring/sms.ts';

/** Every minute: sends the SMS digests that are due (at most 100 per run; the next run takes the rest). */
export const handler = scheduledHandler().handler(async () => {
  const counts = await sendDueDigests(digests(), { limit: 100, caps: smsCaps });
  logger.info('digest sweep', counts);
  return counts;
});
