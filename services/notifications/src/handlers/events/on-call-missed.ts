import { CallMissed } from '@parley/events/calling';
import { eventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import { smsCaps } from '../../config.ts';
import { notifyCallBySms } from '../../domain/call-sms.ts';
import { idempotency } from '../../wiring/index.ts';
import { digests } from '../../wiring/sms.ts';

/** calling.CallMissed → one SMS to the callee naming the caller, if their preference allows it. */
export const handler = eventHandler(CallMissed, { idempotency }).handler(async ({ data }) => {
  const outcome = await notifyCallBySms(digests(), {
    userId: data.calleeId,
    reason: 'missed-call',
    from: data.callerName,
    caps: smsCaps,
  });
  logger.info('missed-call SMS', { callId: data.callId, outcome });
});
