import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from '@parley/lambda/clients';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { scheduledHandler } from '@parley/lambda/schedule';
import { config } from '../../config.ts';
import { recordVoicemailStorage } from '../../domain/phone-usage.ts';
import { voicemail } from '../../wiring/audio.ts';
import { core } from '../../wiring/index.ts';

/**
 * On the 1st of each month: that month's storage of every voicemail kept from an earlier month. The
 * month is the schedule's (the event's `time`), so a retry hours later still charges the same month.
 */
export const handler = scheduledHandler().handler(async (event) => {
  const scheduledAt = event?.time ? new Date(event.time) : undefined;
  return recordVoicemailStorage({
    ...core(),
    ...voicemail(),
    ...(scheduledAt && !Number.isNaN(scheduledAt.getTime()) ? { clock: { now: () => scheduledAt } } : {}),
    events: eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME),
  });
});
