import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { Id } from './ids.ts';
import { usageLineFields } from './usage.ts';

export const PresenceChanged = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.PresenceChanged',
  version: 1,
  description:
    'A user came online (first live connection) or went offline (last connection closed). Audience: the people who share a conversation with the user or have them as a contact.',
  data: z.object({
    userId: Id,
    status: z.enum(['online', 'offline']),
    lastSeenAt: z.iso.datetime(),
    changedAt: z.iso.datetime(),
  }),
});

export const SmsSent = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.SmsSent',
  version: 1,
  description:
    'Parley sent one SMS to a user (a paid action): an offline message digest, a missed call or a voicemail.',
  data: z.object({
    userId: Id,
    reason: z.enum(['message-digest', 'missed-call', 'voicemail']),
    /** the provider's message id (SNS MessageId) */
    providerMessageId: z.string().min(1),
    /** messages summarised, for a digest */
    messageCount: z.number().int().nonnegative().optional(),
    sentAt: z.iso.datetime(),
  }),
});

export const UsageRecorded = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.UsageRecorded',
  version: 1,
  description:
    'One SMS Parley sent, to be charged to `userId` (ADR 0021): `feature` `sms`, `quantity` segments at the price of the destination country (`country`, absent for a country without a price row), `amountMicros` in integer micro-USD. `reason` is why it was sent. No audience.',
  data: z.object({
    ...usageLineFields,
    feature: z.literal('sms'),
    unit: z.literal('sms-segment'),
    direction: z.literal('outbound'),
    reason: z.enum(['message-digest', 'missed-call', 'voicemail', 'verification-code']),
    /** the provider's message id (SNS MessageId) */
    providerMessageId: z.string().min(1),
  }),
});
