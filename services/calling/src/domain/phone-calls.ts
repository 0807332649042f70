/**
 * Calls to phones: placed after the toll-fraud guard (nothing refused is dialled), from the
 * organisation's caller id, as a meeting the browser joins at once and a PSTN leg the SIP media
 * application dials and joins to it when the far end answers. DTMF goes to the PSTN leg.
 */
import { endCall } from './call-end.ts';
import type { CallAndJoin, CallDeps } from './calls.ts';
import { CallNotActive, CallNotFound, NotAPhoneCall, PhoneNetworkUnavailable, VideoNotSupported } from './errors.ts';
import { type Call, isParticipant, LIMITS, type Media, mediaRegionFor, PHONE_ATTENDEE, viewOf } from './model.ts';
import type { MonthlySpend } from './monthly-spend.ts';
import { assertDialable, type PstnUsageStore } from './toll-fraud.ts';

export interface PhoneCallDeps extends CallDeps {
  usage: PstnUsageStore;
  spend: MonthlySpend;
}

export async function placePhoneCall(
  deps: PhoneCallDeps,
  input: { callerId: string; to: string; media: Media },
): Promise<CallAndJoin> {
  if (input.media !== 'audio') throw new VideoNotSupported('Calls to phones are audio only.');
  const rate = await assertDialable(deps, { userId: input.callerId, to: input.to });
  const [caller, from] = await Promise.all([deps.directory.get(input.callerId), deps.sma.callerId()]);
  const id = deps.ids.id();
  const now = deps.clock.now();
  const mediaRegion = mediaRegionFor(undefined, caller?.timeZone);
  const { meetingId, joins } = await deps.meetings.create({
    callId: id,
    mediaRegion,
    userIds: [input.callerId, PHONE_ATTENDEE],
  });
  const mine = joins.get(input.callerId);
  const phoneToken = String(joins.get(PHONE_ATTENDEE)?.attendee.JoinToken ?? '');
  if (!mine || !phoneToken) throw new Error(`meeting ${meetingId} lacks an attendee for call ${id}`);
  const call: Call = {
    id,
    kind: 'pstn-out',
    media: 'audio',
    state: 'ringing',
    callerId: input.callerId,
    calleeId: input.to,
    callerName: caller?.displayName ?? input.callerId,
    meetingId,
    mediaRegion,
    startedAt: now.toISOString(),
    ringUntil: new Date(now.getTime() + LIMITS.outboundRingSeconds * 1000).toISOString(),
    phone: {
      number: input.to,
      local: from,
      country: rate.country,
      ratePerMinute: rate.ratePerMinute,
      currency: 'USD',
      billing: rate.billing,
    },
  };
  await deps.calls.create(call);
  let transactionId: string;
  try {
    transactionId = await deps.sma.dial({
      from,
      to: input.to,
      arguments: { callId: id, meetingId, joinToken: phoneToken },
    });
  } catch (error) {
    deps.diagnostics.warn('phone call not placed', { callId: id, error });
    await endCall(deps, call, 'ringing', 'failed', undefined, { hangUpPhone: false });
    throw new PhoneNetworkUnavailable('The phone network did not take the call. Try again in a moment.');
  }
  const placed = (await deps.calls.update(id, { phone: { transactionId } })) ?? call;
  return { call: viewOf(placed, input.callerId), join: mine, answeredExisting: false };
}

/** Key presses during a phone call, sent as tones on the PSTN leg. */
export async function sendDtmf(
  deps: Pick<CallDeps, 'calls' | 'sma'>,
  input: { userId: string; callId: string; digits: string },
): Promise<void> {
  const call = await deps.calls.get(input.callId);
  if (!call || !isParticipant(call, input.userId)) throw new CallNotFound('There is no such call.');
  if (call.kind === 'app') throw new NotAPhoneCall('Key tones go to phone calls only.');
  // a phone call that was never placed (the dial failed) has no transaction: it is not connected either
  const transactionId = call.phone?.transactionId;
  if (call.state !== 'active' || !transactionId) throw new CallNotActive('The call is not connected.');
  if (!(await deps.sma.update(transactionId, { op: 'dtmf', digits: input.digits })))
    throw new CallNotActive('The call is not connected.');
}
