import { awsEventHandler } from '@parley/lambda/events';
import { logger } from '@parley/lambda/observability';
import * as z from 'zod';
import { onMeetingStateChange } from '../../domain/meeting-events.ts';
import { calling } from '../../wiring/calls.ts';
import { idempotency } from '../../wiring/index.ts';

/** The fields of Chime's `Chime Meeting State Change` detail that calling reads. */
const MeetingStateChange = z.object({
  eventType: z.string().min(1),
  meetingId: z.string().min(1),
  /** epoch ms */
  timestamp: z.number(),
  externalMeetingId: z.string().optional(),
  externalUserId: z.string().optional(),
});

/** aws.chime meeting events → calls end when their meeting does, or when both participants have left it. */
export const handler = awsEventHandler(MeetingStateChange, { idempotency }).handler(async ({ detail }) => {
  const outcome = await onMeetingStateChange(calling(), {
    eventType: detail.eventType,
    meetingId: detail.meetingId,
    timestamp: detail.timestamp,
    ...(detail.externalMeetingId ? { externalMeetingId: detail.externalMeetingId } : {}),
    ...(detail.externalUserId ? { externalUserId: detail.externalUserId } : {}),
  });
  logger.info('meeting event', { eventType: detail.eventType, meetingId: detail.meetingId, outcome });
});
