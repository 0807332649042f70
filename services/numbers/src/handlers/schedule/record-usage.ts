import { logger } from '@parley/lambda/observability';
import { scheduledHandler } from '@parley/lambda/schedule';
import { recordMonthlyUsage } from '../../domain/usage.ts';
import { chime } from '../../wiring/chime.ts';
import { publishing } from '../../wiring/publishing.ts';

/** Daily: one numbers.UsageRecorded per assigned number and month (idempotent, so every day is safe). */
export const handler = scheduledHandler().handler(async () => {
  const run = await recordMonthlyUsage({ ...chime(), ...publishing() });
  if (run.unpriced.length > 0) logger.warn('numbers without a configured price were not charged', run);
  return run;
});
