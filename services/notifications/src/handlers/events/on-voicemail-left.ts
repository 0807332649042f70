import { VoicemailLeft } from '@parley/events/calling';
import { eventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import { smsCaps } from '../../config.ts';
import { notifyCallBySms } from '../../domain/call-sms.ts';
import { idempotency } from '../../wiring/index.ts';
import { digests } from '../../wiring/sms.ts';

/** calling.VoicemailLeft → one SMS to the owner naming the caller (never the message), if their preference allows it. */
export const handler = eventHandler(VoicemailLeft, { idempotency }).handler(async ({ data }) => {
  const outcome = await notifyCallBySms(digests(), {
    userId: data.ownerId,
    reason: 'voicemail',
    from: data.callerName,
    caps: smsCaps,
  });
  logger.info('voicemail SMS', { callId: data.callId, voicemailId: data.voicemailId, outcome });
});
