import { MobileVerificationRequested } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import { smsCaps } from '../../config.ts';
import { sendVerificationCode } from '../../domain/verification-sms.ts';
import { idempotency } from '../../wiring/index.ts';
import { digests } from '../../wiring/sms.ts';

/** identity.MobileVerificationRequested → the one-time code by SMS, through the guard. Never logs the code. */
export const handler = eventHandler(MobileVerificationRequested, { idempotency }).handler(async ({ data }) => {
  const outcome = await sendVerificationCode(digests(), smsCaps, data);
  logger.info('verification SMS', { userId: data.userId, outcome });
});
