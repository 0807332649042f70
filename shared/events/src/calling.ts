import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { E164, Id } from './ids.ts';
import { usageLineFields } from './usage.ts';

/**
 * Calling events: calls between people in the app, and phone calls. CallRinging (app) and
 * CallInbound (a phone dialled someone's number) go to the callee, CallAnswered and CallEnded to
 * the people on the call (every device: the ones still ringing stop), CallMissed and VoicemailLeft
 * to the callee (notifications sends the SMS from them). UsageRecorded names no audience: it is the
 * billing ledger's input, not something a browser shows.
 */

// This module exports only event definitions: catalog.ts lists `Object.values` of it.
const Media = z.enum(['audio', 'video']);
const EndReason = z.enum(['completed', 'declined', 'missed', 'cancelled', 'busy', 'failed', 'unanswered']);
const Name = z.string().min(1).max(80);
/** One side of a call: a Parley user id, or the E.164 number of a phone. */
const Party = z.string().regex(/^(\+[1-9]\d{6,14}|[A-Za-z0-9_-]{1,64})$/, 'must be a user id or an E.164 phone number');
const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code');
const Money = z.object({ amount: z.number().nonnegative(), currency: z.enum(['USD']) });

export const CallRinging = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.CallRinging',
  version: 1,
  description:
    'Someone is calling a user in the app; every device of the callee rings until `ringUntil` (also while the callee is in another call: call waiting).',
  data: z.object({
    callId: Id,
    callerId: Id,
    callerName: Name,
    calleeId: Id,
    media: Media,
    startedAt: z.iso.datetime(),
    ringUntil: z.iso.datetime(),
  }),
});

export const CallAnswered = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.CallAnswered',
  version: 1,
  description: 'The callee answered on one device; the other devices stop ringing. `media` is what was answered with.',
  data: z.object({ callId: Id, answeredAt: z.iso.datetime(), media: Media }),
});

export const CallEnded = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.CallEnded',
  version: 1,
  description:
    'A call ended: hung up, declined, cancelled while ringing, not answered in time (missed) or lost (failed). `durationSeconds` only for an answered call; `endedBy` only when a person ended it.',
  data: z.object({
    callId: Id,
    endReason: EndReason,
    endedAt: z.iso.datetime(),
    durationSeconds: z.number().int().nonnegative().optional(),
    endedBy: Id.optional(),
    /** a phone call's price (billed minutes × rate) */
    cost: Money.optional(),
  }),
});

export const CallMissed = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.CallMissed',
  version: 1,
  description:
    'A call rang until its timeout (or a phone caller hung up first) without an answer, and no voicemail was left. `callerId` is a user id, or the phone number for a phone call (then also `callerNumber`). Audience: the callee.',
  data: z.object({
    callId: Id,
    callerId: Party,
    callerName: Name,
    calleeId: Id,
    at: z.iso.datetime(),
    callerNumber: E164.optional(),
  }),
});

export const CallInbound = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.CallInbound',
  version: 1,
  description:
    "A phone dialled a user's Parley number: every device of the user rings until `ringUntil`, then the caller reaches voicemail. `from` is the caller's number, `callerName` a contact's name when the number is theirs; `to` and `country` are the user's number and its country.",
  data: z.object({
    callId: Id,
    calleeId: Id,
    from: E164,
    callerName: Name.optional(),
    to: E164,
    country: Country,
    startedAt: z.iso.datetime(),
    ringUntil: z.iso.datetime(),
  }),
});

export const VoicemailLeft = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.VoicemailLeft',
  version: 1,
  description:
    "A phone caller left a voicemail on a user's number (notifications sends the SMS). Never carries the recording, only where it is listed. Audience: the owner.",
  data: z.object({
    voicemailId: Id,
    callId: Id,
    ownerId: Id,
    from: E164,
    callerName: Name,
    to: E164,
    durationSeconds: z.number().int().nonnegative(),
    receivedAt: z.iso.datetime(),
  }),
});

export const UsageRecorded = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.UsageRecorded',
  version: 1,
  description:
    'Billable usage, charged to `userId`: attendee-minutes of an answered app call (two attendees × started minutes, charged to the caller), phone minutes by country and direction (`pstn-out`, `pstn-in`, `pstn-forward`), voicemail storage. `amountMicros` = quantity × unitPrice in integer micro-USD, as billed (`amount`: the same in USD). No audience.',
  // the ledger's shared fields (usage.ts, ADR 0021); `amountMicros` optional here only because v1 began without it
  data: z.object({
    ...usageLineFields,
    /** what was used: `app-call`, `pstn-out`, `pstn-in`, `pstn-forward`, `voicemail-storage` */
    feature: usageLineFields.feature,
    callId: Id,
    /** USD, as billed (older lines); `amountMicros` is the ledger's */
    amount: z.number().nonnegative().optional(),
    amountMicros: usageLineFields.amountMicros.optional(),
    /** the far end's country (outgoing) or the number's country (incoming) */
    country: Country.optional(),
  }),
});
