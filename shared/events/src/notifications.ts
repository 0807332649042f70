import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { E164, Id } from './ids.ts';
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
    'One text Parley sent, to be charged to `userId` (ADR 0021): an SMS is `feature` `sms`, `quantity` segments (`unit` `sms-segment`) at the price of the destination country (`country`, absent for a country without a price row); a WhatsApp reply of a text conversation is `feature` `whatsapp-message`, one `message` at the one WhatsApp price (ADR 0029); `amountMicros` in integer micro-USD. `reason` is why it was sent. No audience.',
  data: z.object({
    ...usageLineFields,
    /** `whatsapp-message` since ADR 0029 (an added value: v1 stays, consumers read any feature alike) */
    feature: z.enum(['sms', 'whatsapp-message']),
    unit: z.enum(['sms-segment', 'message']),
    direction: z.literal('outbound'),
    reason: z.enum(['message-digest', 'missed-call', 'voicemail', 'verification-code', 'text-message']),
    /** the provider's message id (SNS MessageId, Twilio sid, WhatsApp message id) */
    providerMessageId: z.string().min(1),
  }),
});

/** The channel a text travelled on and the provider that carried it (notifications' `MessagingProvider`). */
const TextChannel = z.enum(['sms', 'whatsapp']);
const TextProvider = z.enum(['aws', 'twilio']);

export const TextReceived = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.TextReceived',
  version: 1,
  description:
    'A phone texted Parley (SMS or WhatsApp): one inbound message from a provider webhook whose signature checked, normalised whatever the provider (AWS End User Messaging or Twilio), published once per provider message id. No audience: the conversation that shows it is a later consumer.',
  data: z.object({
    channel: TextChannel,
    /** the sender's number (E.164) */
    from: E164,
    /** Parley's number that received it (E.164) */
    to: E164,
    body: z.string().max(4096),
    provider: TextProvider,
    /** the provider's id of the inbound message (the dedupe key) */
    providerMessageId: z.string().min(1).max(128),
    receivedAt: z.iso.datetime(),
  }),
});

export const TextStatusChanged = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.TextStatusChanged',
  version: 1,
  description:
    'A text Parley sent changed delivery status (`sent`: accepted by the carrier, `delivered`, `failed` with a `reason`), from a signed provider status webhook. `ref` is Parley’s own id of what was sent, when the send carried one. No audience.',
  data: z.object({
    channel: TextChannel,
    provider: TextProvider,
    /** the provider's id of the outbound message (what the send returned) */
    providerMessageId: z.string().min(1).max(128),
    to: E164,
    status: z.enum(['sent', 'delivered', 'failed']),
    /** why it failed, in the provider's words (a status description or error code) */
    reason: z.string().max(256).optional(),
    ref: z.string().min(1).max(128).optional(),
  }),
});

const OptKeywordData = z.object({
  phoneNumber: E164,
  channel: TextChannel,
  /** the keyword the phone sent, upper-cased (STOP, BAJA, ARRET, START, …) */
  keyword: z.string().min(1).max(32),
});

export const TextOptedOut = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.TextOptedOut',
  version: 1,
  description:
    'A phone number answered an opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, BAJA, ARRET): notifications stored it and sends that number nothing more on that channel until it opts back in.',
  data: OptKeywordData,
});

export const TextOptedIn = defineEvent({
  source: 'parley.notifications',
  detailType: 'notifications.TextOptedIn',
  version: 1,
  description:
    'A phone number that had opted out answered an opt-in keyword (START, UNSTOP, ALTA): texts to it on that channel are allowed again.',
  data: OptKeywordData,
});
