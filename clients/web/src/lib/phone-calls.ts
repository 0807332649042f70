import type { Call } from './call-model.ts';
import type { PhoneSide, Ring } from './call-state.ts';
import { formatNumber } from './phone-format.ts';
import type { InboundFrame } from './phone-model.ts';

/** How the call store turns phone calls and their frames into rings and the call in progress. */

export const isPhoneCall = (call: { kind?: Call['kind'] }): boolean =>
  call.kind === 'pstn-in' || call.kind === 'pstn-out';

/** The far end of a phone call as the API describes it. */
export function phoneSideOf(call: Call): PhoneSide | undefined {
  if (!isPhoneCall(call)) return undefined;
  const far = call.direction === 'incoming' ? call.callerId : call.calleeId;
  const { phone } = call;
  return {
    number: phone?.number ?? far,
    country: phone?.country,
    callerName: phone?.callerName,
    to: call.kind === 'pstn-in' ? call.to : undefined,
    rate: phone && { ratePerMinute: phone.ratePerMinute, currency: phone.currency, billing: phone.billing },
  };
}

/** What the device knew (the ring's number and country) completed by what the call says (its price). */
export function mergePhone(known: PhoneSide | undefined, call: Call): PhoneSide | undefined {
  const told = phoneSideOf(call);
  if (!told) return known;
  return {
    ...known,
    ...told,
    country: told.country ?? known?.country,
    callerName: told.callerName ?? known?.callerName,
    to: told.to ?? known?.to,
    rate: told.rate ?? known?.rate,
  };
}

/** A phone dialled my number: it rings like a person in the app, named by the contact or the number. */
export function ringOfInbound(frame: InboundFrame): Ring {
  return {
    callId: frame.callId,
    callerId: frame.from,
    callerName: frame.callerName ?? formatNumber(frame.from),
    media: 'audio',
    startedAt: frame.startedAt,
    ringUntil: frame.ringUntil,
    phone: {
      number: frame.from,
      country: frame.country || undefined,
      callerName: frame.callerName,
      to: frame.to || undefined,
    },
  };
}

/** A ringing incoming call read from the log (after a reconnect). */
export function ringOfCall(call: Call): Ring {
  const phone = phoneSideOf(call);
  return {
    callId: call.id,
    callerId: call.callerId,
    callerName: phone ? (phone.callerName ?? formatNumber(phone.number)) : undefined,
    media: call.media,
    startedAt: call.startedAt,
    ringUntil: call.ringUntil,
    ...(phone ? { phone } : {}),
  };
}
