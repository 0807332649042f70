import { z } from 'zod';
import { defineEvent } from './define-event.ts';
import { Id } from './ids.ts';

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
