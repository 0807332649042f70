import { TextReceived, TextStatusChanged } from '@parley/events/notifications';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import { receiveText, recordDelivery } from '../../domain/texting.ts';
import { idempotency } from '../../wiring/index.ts';
import { publishing } from '../../wiring/publishing.ts';

/**
 * A text Parley dropped because the number it went to has no owner, as a CloudWatch embedded-metric
 * line (`Parley/Messaging` `TextsDropped`): no SDK call, and readable in devstack's log too.
 */
function countDropped(to: string) {
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        { Namespace: 'Parley/Messaging', Dimensions: [[]], Metrics: [{ Name: 'TextsDropped', Unit: 'Count' }] },
      ],
    },
    TextsDropped: 1,
    to,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A phone texted a Parley number → a message in its owner's text conversation (created if needed). */
const onTextReceived = eventHandler(TextReceived, { idempotency }).handler(async ({ data }) => {
  const outcome = await receiveText(publishing(), data);
  if (outcome === 'no-owner') {
    logger.warn('text to a number nobody owns: dropped', { to: data.to, channel: data.channel });
    countDropped(data.to);
  } else logger.info('text received', { outcome, channel: data.channel });
});

/** A delivery status of a text we sent for a message (`ref`) → the message's delivery, forward only. */
const onTextStatusChanged = eventHandler(TextStatusChanged, { idempotency }).handler(async ({ data }) => {
  if (!data.ref) return;
  const outcome = await recordDelivery(publishing(), {
    ref: data.ref,
    status: data.status,
    ...(data.reason ? { reason: data.reason } : {}),
  });
  logger.info('text status', { outcome, status: data.status });
});

/** notifications' text events → text conversations (ADR 0028). */
export const handler = byDetailType({
  [TextReceived.detailType]: onTextReceived,
  [TextStatusChanged.detailType]: onTextStatusChanged,
});
