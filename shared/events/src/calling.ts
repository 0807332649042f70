import { z } from 'zod';
import { defineEvent } from './define-event.ts';
import { Id } from './ids.ts';

/**
 * Calling events: calls between people in the app. CallRinging goes to the callee, CallAnswered
 * and CallEnded to both participants (every device: the ones still ringing stop), CallMissed to
 * the callee (notifications sends the missed-call SMS from it). UsageRecorded names no audience:
 * it is the billing ledger's input, not something a browser shows.
 */

// This module exports only event definitions: catalog.ts lists `Object.values` of it.
const Media = z.enum(['audio', 'video']);
const EndReason = z.enum(['completed', 'declined', 'missed', 'cancelled', 'busy', 'failed']);
const Name = z.string().min(1).max(80);

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
  }),
});

export const CallMissed = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.CallMissed',
  version: 1,
  description: 'A call rang until its timeout without an answer. Audience: the callee.',
  data: z.object({ callId: Id, callerId: Id, callerName: Name, calleeId: Id, at: z.iso.datetime() }),
});

export const UsageRecorded = defineEvent({
  source: 'parley.calling',
  detailType: 'calling.UsageRecorded',
  version: 1,
  description:
    'Billable usage of a finished call, charged to `userId` (the caller): attendee-minutes of an answered app call (two attendees × started minutes). No audience.',
  data: z.object({
    usageId: Id,
    userId: Id,
    /** what was used: `app-call` here; other kinds of calls add their own */
    feature: z.string().min(1).max(40),
    quantity: z.number().int().nonnegative(),
    unit: z.string().min(1).max(40),
    unitPrice: z.number().nonnegative(),
    currency: z.enum(['USD']),
    at: z.iso.datetime(),
    callId: Id,
  }),
});
