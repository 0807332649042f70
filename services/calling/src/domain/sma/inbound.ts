/**
 * A phone dials a Parley number (NEW_INBOUND_CALL): the owner's devices ring while the caller hears
 * ringback; answered in the browser, the caller's leg joins the call's meeting; not answered in the
 * owner's ring time, or declined, the caller reaches voicemail.
 */
import { createHash } from 'node:crypto';
import { CallInbound } from '@parley/events/calling';
import { endCall } from '../call-end.ts';
import { type Call, DEFAULT_SETTINGS, PHONE_ATTENDEE } from '../model.ts';
import { CallExists, domainEvent } from '../ports.ts';
import { inboundRateFor } from '../rates.ts';
import { hangup, pause, playAudio, respond, speak } from './actions.ts';
import { dialledNumber, leg, type SmaEvent, type SmaResponse } from './contract.ts';
import { attributeMap, type CallAttributes, type SmaDeps } from './deps.ts';
import { forwardActions, forwardingRate } from './forward.ts';
import { promptsFor } from './prompts.ts';
import { voicemailActions } from './voicemail.ts';

/**
 * A phone call's id from its TransactionId: a retried NEW_INBOUND_CALL finds the call it stored
 * (the TransactionId is as unguessable as a random id, and never leaves Parley's backend).
 */
export const inboundCallId = (transactionId: string) =>
  createHash('sha256').update(`pstn-in:${transactionId}`).digest('base64url').slice(0, 20);

export async function onNewInboundCall(deps: SmaDeps, event: SmaEvent): Promise<SmaResponse> {
  const legA = leg(event, 'LEG-A') ?? event.CallDetails.Participants[0];
  if (!legA) throw new Error('NEW_INBOUND_CALL without a leg');
  const dialled = dialledNumber(legA);
  const owner = await deps.numberOwners.ownerOf(dialled);
  if (!owner) {
    // not anyone's number: say so and hang up (nobody is charged for it)
    return respond([speak(legA.CallId, promptsFor().notInService, promptsFor().voice), hangup(legA.CallId)], {
      stage: 'done',
    });
  }
  const transactionId = event.CallDetails.TransactionId;
  const id = inboundCallId(transactionId);
  const [settings, colleague] = await Promise.all([
    deps.settings.get(owner.userId),
    deps.directory.byMobile(legA.From),
  ]);
  const ringTimeoutSeconds = (settings ?? DEFAULT_SETTINGS).ringTimeoutSeconds;
  const now = deps.clock.now();
  const forwardTo = settings?.forwardToNumber;
  const forward = forwardTo ? await forwardingRate(deps, owner.userId, forwardTo) : undefined;
  const rate = forward ?? inboundRateFor(owner.country);
  // The caller's leg enters through the SIP media application's region: the meeting sits there too.
  const mediaRegion = event.CallDetails.AwsRegion;
  const { meetingId } = await deps.meetings.create({
    callId: id,
    mediaRegion,
    userIds: [owner.userId, PHONE_ATTENDEE],
  });
  const call: Call = {
    id,
    kind: 'pstn-in',
    media: 'audio',
    state: 'ringing',
    callerId: legA.From,
    calleeId: owner.userId,
    callerName: colleague?.displayName ?? legA.From,
    meetingId,
    mediaRegion,
    startedAt: now.toISOString(),
    ringUntil: new Date(now.getTime() + ringTimeoutSeconds * 1000).toISOString(),
    phone: {
      number: legA.From,
      local: dialled,
      ...(colleague ? { callerName: colleague.displayName } : {}),
      country: owner.country,
      transactionId,
      ratePerMinute: rate.ratePerMinute,
      currency: 'USD',
      billing: rate.billing,
      ...(forward && forwardTo ? { forwardedTo: forwardTo } : {}),
    },
  };
  const stored = await storeOnce(deps, call);
  if (stored.phone?.forwardedTo) {
    return stored.state === 'ringing'
      ? forwardActions(legA, stored, ringTimeoutSeconds)
      : respond([], attributeMap({ callId: id, dir: 'in', stage: 'forwarding' }));
  }
  const attributes: CallAttributes = { callId: id, dir: 'in', stage: 'ringing' };
  if (stored.state === 'active') return respond([], attributeMap(attributes));
  // no device of the owner online (or a retry of a call that went there): straight to voicemail
  if (stored.state === 'ended' || (await deps.presence.statusOf(owner.userId)) === 'offline')
    return onRingbackOver(deps, event, attributes);
  await deps.events.publishAll([
    domainEvent(
      CallInbound,
      {
        callId: id,
        calleeId: owner.userId,
        from: legA.From,
        ...(stored.phone?.callerName ? { callerName: stored.phone.callerName } : {}),
        to: dialled,
        country: owner.country,
        startedAt: stored.startedAt,
        ringUntil: stored.ringUntil,
      },
      { audience: [owner.userId] },
    ),
  ]);
  return respond([await ringback(deps, legA.CallId, stored, now)], attributeMap(attributes));
}

/** Stores the call, or finds it when a retried invocation stored it already. */
async function storeOnce(deps: SmaDeps, call: Call): Promise<Call> {
  try {
    await deps.calls.create(call);
    return call;
  } catch (err) {
    if (!(err instanceof CallExists)) throw err;
    const existing = await deps.calls.get(call.id);
    if (!existing) throw err;
    return existing;
  }
}

/** Ringback until the ring time is over: the WAV prompt repeated, or silence-free Pause if it cannot be had. */
async function ringback(deps: SmaDeps, callId: string, call: Call, now: Date) {
  const remainingMs = Math.max(1000, Date.parse(call.ringUntil) - now.getTime());
  try {
    const tone = await deps.audio.ringback();
    // enough repeats to last the whole ring time: fewer would send the caller to voicemail while the owner's devices ring
    return playAudio(callId, tone, Math.max(1, Math.ceil(remainingMs / 1000 / tone.seconds)));
  } catch (error) {
    deps.diagnostics.warn('ringback prompt unavailable, pausing instead', { callId: call.id, error });
    return pause(callId, remainingMs);
  }
}

/**
 * The ringback finished (ACTION_SUCCESSFUL of its PlayAudio or Pause): nobody answered in the ring
 * time, so the call is missed and the caller reaches voicemail (or a goodbye when it is off). A call
 * answered meanwhile is left to its JoinChimeMeeting.
 */
export async function onRingbackOver(deps: SmaDeps, event: SmaEvent, attributes: CallAttributes): Promise<SmaResponse> {
  const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
  if (!call)
    return respond([hangup(leg(event, 'LEG-A')?.CallId ?? '')], attributeMap({ ...attributes, stage: 'done' }));
  if (call.state === 'active') return respond([], attributeMap(attributes));
  if (call.state === 'ringing') {
    const settings = (await deps.settings.get(call.calleeId)) ?? DEFAULT_SETTINGS;
    await endCall(deps, call, 'ringing', 'missed', undefined, {
      hangUpPhone: false,
      announceMissed: !settings.voicemailEnabled,
    });
  }
  return voicemailActions(deps, event, attributes, call);
}
