/**
 * Call forwarding: a person who set `forwardToNumber` has every call to their number bridged to
 * that phone (CallAndBridge, the caller's own number shown, as Chime allows), after the same
 * toll-fraud guard as a call they dial; the forwarded minutes are charged to them at that
 * number's rate. No answer within their ring time: voicemail, as for any unanswered call.
 */
import { CallAnswered } from '@parley/events/calling';
import type { Call } from '../model.ts';
import { domainEvent } from '../ports.ts';
import { assertDialable, CallNotAllowed } from '../toll-fraud.ts';
import { callAndBridge, respond } from './actions.ts';
import type { Participant, SmaResponse } from './contract.ts';
import { attributeMap, type CallAttributes, type SmaDeps } from './deps.ts';

/** The rate of forwarding `ownerId`'s calls to `to` now, or undefined when the guard refuses it (the call rings as usual). */
export async function forwardingRate(deps: SmaDeps, ownerId: string, to: string) {
  try {
    return await assertDialable(deps, { userId: ownerId, to });
  } catch (err) {
    if (!(err instanceof CallNotAllowed)) throw err;
    deps.diagnostics.warn('forwarding refused by the guard; ringing instead', { ownerId, reason: err.reason });
    return undefined;
  }
}

/** The bridge to the forwarding number, for a call stored as ringing. */
export function forwardActions(legA: Participant, call: Call, ringSeconds: number): SmaResponse {
  const to = call.phone?.forwardedTo as string;
  const attributes: CallAttributes = { callId: call.id, dir: 'in', stage: 'forwarding' };
  return respond(
    [callAndBridge({ callerId: legA.From, to, timeoutSeconds: Math.min(120, Math.max(1, ringSeconds)) })],
    attributeMap(attributes),
  );
}

/** ACTION_SUCCESSFUL(CallAndBridge): the forwarding phone answered; the call is active. */
export async function onForwardAnswered(deps: SmaDeps, attributes: CallAttributes): Promise<SmaResponse> {
  const connected = attributeMap({ ...attributes, stage: 'connected' });
  const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
  if (call?.state !== 'ringing') return respond([], connected);
  const answeredAt = deps.clock.now().toISOString();
  const active = await deps.calls.transition(call.id, 'ringing', { state: 'active', answeredAt });
  if (active) {
    await deps.calls.clearRinging(active);
    await deps.events.publishAll([
      domainEvent(CallAnswered, { callId: active.id, answeredAt, media: 'audio' }, { audience: [active.calleeId] }),
    ]);
  }
  return respond([], connected);
}
