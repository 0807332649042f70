import { UsageRecorded as CallingUsage } from '@parley/events/calling';
import { UsageRecorded as TextReceivedUsage } from '@parley/events/messaging';
import { UsageRecorded as SmsUsage } from '@parley/events/notifications';
import { UsageRecorded as NumberUsage } from '@parley/events/numbers';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { callingLine, numberLine, smsLine, textReceivedLine } from '../../domain/lines.ts';
import { recordUsage } from '../../domain/record-usage.ts';
import { idempotency } from '../../wiring/index.ts';
import { publishing } from '../../wiring/publishing.ts';

/**
 * Every `<service>.UsageRecorded` → one ledger line, keyed by the event id. The preset skips a
 * redelivery it has seen; the ledger's conditional put makes one it has forgotten change nothing.
 */
export const handler = byDetailType({
  [CallingUsage.detailType]: eventHandler(CallingUsage, { idempotency }).handler(async ({ metadata, data }) => {
    await recordUsage(publishing(), callingLine(metadata.eventId, data));
  }),
  [TextReceivedUsage.detailType]: eventHandler(TextReceivedUsage, { idempotency }).handler(
    async ({ metadata, data }) => {
      await recordUsage(publishing(), textReceivedLine(metadata.eventId, data));
    },
  ),
  [SmsUsage.detailType]: eventHandler(SmsUsage, { idempotency }).handler(async ({ metadata, data }) => {
    await recordUsage(publishing(), smsLine(metadata.eventId, data));
  }),
  [NumberUsage.detailType]: eventHandler(NumberUsage, { idempotency }).handler(async ({ metadata, data }) => {
    await recordUsage(publishing(), numberLine(metadata.eventId, data));
  }),
});
