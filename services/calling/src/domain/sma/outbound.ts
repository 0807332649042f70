/**
 * A call Parley placed to a phone (CreateSipMediaApplicationCall, pattern B): the PSTN leg rings
 * first; when the far end answers, the call is active and the leg joins the caller's meeting.
 */
import { CallAnswered } from '@parley/events/calling';
import { usersOf } from '../model.ts';
import { domainEvent } from '../ports.ts';
import { hangup, joinChimeMeeting, respond } from './actions.ts';
import { leg, type SmaEvent, type SmaResponse } from './contract.ts';
import { attributeMap, type CallAttributes, type SmaDeps } from './deps.ts';

/** NEW_OUTBOUND_CALL: the arguments Parley passed become the call's attributes (actions are ignored here). */
export function onNewOutboundCall(event: SmaEvent): SmaResponse {
  const args = (event.ActionData?.Parameters?.Arguments ?? {}) as Record<string, unknown>;
  const attributes: CallAttributes = {
    callId: String(args.callId ?? ''),
    meetingId: String(args.meetingId ?? ''),
    joinToken: String(args.joinToken ?? ''),
    dir: 'out',
    stage: 'ringing',
  };
  return respond([], attributeMap(attributes));
}

/**
 * CALL_ANSWERED: the far end picked up. The call becomes active (once: a retried event finds it
 * active and joins again) and the leg joins the meeting; a call the person gave up on is hung up.
 */
export async function onOutboundAnswered(
  deps: SmaDeps,
  event: SmaEvent,
  attributes: CallAttributes,
): Promise<SmaResponse> {
  const legA = leg(event, 'LEG-A')?.CallId ?? '';
  const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
  if (!call || call.state === 'ended' || !attributes.meetingId || !attributes.joinToken)
    return respond([hangup(legA)], attributeMap({ ...attributes, stage: 'done' }));
  if (call.state === 'ringing') {
    const answeredAt = deps.clock.now().toISOString();
    const active = await deps.calls.transition(call.id, 'ringing', { state: 'active', answeredAt });
    if (!active) return onOutboundAnswered(deps, event, attributes);
    await deps.calls.clearRinging(active);
    await deps.events.publishAll([
      domainEvent(CallAnswered, { callId: active.id, answeredAt, media: 'audio' }, { audience: usersOf(active) }),
    ]);
  }
  return respond(
    [joinChimeMeeting(legA, attributes.meetingId, attributes.joinToken)],
    attributeMap({ ...attributes, stage: 'joining' }),
  );
}
