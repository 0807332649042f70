import { Entity } from 'electrodb';

/**
 * A call: its state (ringing → active → ended, every change a conditional write), participants
 * (the source of truth for every access check) and meeting. Item: pk `$calling#callid_<id>`,
 * sk `$call_1`.
 */
export const CallEntity = new Entity({
  model: { entity: 'call', version: '1', service: 'calling' },
  attributes: {
    callId: { type: 'string', required: true },
    kind: { type: ['app', 'pstn-in', 'pstn-out'] as const, required: true },
    media: { type: ['audio', 'video'] as const, required: true },
    state: { type: ['ringing', 'active', 'ended'] as const, required: true },
    endReason: { type: ['completed', 'declined', 'missed', 'cancelled', 'busy', 'failed', 'unanswered'] as const },
    callerId: { type: 'string', required: true },
    calleeId: { type: 'string', required: true },
    callerName: { type: 'string', required: true },
    meetingId: { type: 'string', required: true },
    mediaRegion: { type: 'string', required: true },
    startedAt: { type: 'string', required: true },
    ringUntil: { type: 'string', required: true },
    answeredAt: { type: 'string' },
    endedAt: { type: 'string' },
    durationSeconds: { type: 'number' },
    endedBy: { type: 'string' },
    /** each side's attendee in the meeting, as of the newest meeting event applied (epoch ms) */
    callerPresent: { type: 'boolean' },
    callerPresenceAt: { type: 'number' },
    calleePresent: { type: 'boolean' },
    calleePresenceAt: { type: 'number' },
    /** phone calls: the far end, the Parley number, the SIP media application transaction, the price */
    phoneNumber: { type: 'string' },
    localNumber: { type: 'string' },
    phoneCountry: { type: 'string' },
    phoneCallerName: { type: 'string' },
    transactionId: { type: 'string' },
    ratePerMinute: { type: 'number' },
    billingFirstSeconds: { type: 'number' },
    billingNextSeconds: { type: 'number' },
    forwardedTo: { type: 'string' },
    voicemailId: { type: 'string' },
    costAmount: { type: 'number' },
  },
  indexes: {
    // one call by id (ids are case-sensitive: no key casing)
    byId: {
      pk: { field: 'pk', composite: ['callId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
