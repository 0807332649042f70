import { TextRequested } from '@parley/events/messaging';
import { eventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import { textCaps } from '../../config.ts';
import { sendRequestedText } from '../../domain/texting.ts';
import { idempotency } from '../../wiring/index.ts';
import { texting } from '../../wiring/sms.ts';

/** messaging.TextRequested → the reply texted through the stage's messaging provider, past its guard (ADR 0028). */
export const handler = eventHandler(TextRequested, { idempotency }).handler(async ({ data }) => {
  const outcome = await sendRequestedText(texting(), textCaps, data);
  logger.info('conversation text', { conversationId: data.conversationId, channel: data.channel, outcome });
});
