/**
 * The SIP media application's use cases, one per InvocationEventType (and ActionData.Type): a
 * pure dispatch from the event and the call's TransactionAttributes to the actions to run.
 * Per-call state travels in TransactionAttributes; what other processes need is in the calls table,
 * written conditionally, so a retried invocation (the same Sequence after 5 s) is harmless.
 */
import { endCall } from '../call-end.ts';
import type { EndReason } from '../model.ts';
import { hangup, joinChimeMeeting, respond, sendDigits } from './actions.ts';
import { leg, type SmaEvent, type SmaResponse } from './contract.ts';
import { attributeMap, attributesOf, type CallAttributes, type SmaDeps } from './deps.ts';
import { onForwardAnswered } from './forward.ts';
import { onNewInboundCall, onRingbackOver } from './inbound.ts';
import { onNewOutboundCall, onOutboundAnswered } from './outbound.ts';
import { onHungUpBeforeMessage, onRecorded, voicemailActions } from './voicemail.ts';

export async function handleSmaEvent(deps: SmaDeps, event: SmaEvent): Promise<SmaResponse> {
  const attributes = attributesOf(event.CallDetails.TransactionAttributes);
  switch (event.InvocationEventType) {
    case 'NEW_INBOUND_CALL':
      return onNewInboundCall(deps, event);
    case 'NEW_OUTBOUND_CALL':
      return onNewOutboundCall(event);
    case 'RINGING':
    case 'ACTION_INTERRUPTED':
    case 'DIGITS_RECEIVED':
      // informational (RINGING and ACTION_INTERRUPTED responses are ignored; Parley sets no ReceiveDigits)
      return respond([]);
    case 'CALL_ANSWERED':
      return onOutboundAnswered(deps, event, attributes);
    case 'ACTION_SUCCESSFUL':
      return onActionSuccessful(deps, event, attributes);
    case 'ACTION_FAILED':
      return onActionFailed(deps, event, attributes);
    case 'HANGUP':
      return onHangup(deps, event, attributes);
    case 'CALL_UPDATE_REQUESTED':
      return onUpdateRequested(deps, event, attributes);
    case 'INVALID_LAMBDA_RESPONSE':
      deps.diagnostics.warn('the SIP media application refused a response', {
        errorType: event.ErrorType,
        errorMessage: event.ErrorMessage,
        callId: attributes.callId,
      });
      return endEverything(deps, event, attributes, 'failed');
  }
}

async function onActionSuccessful(deps: SmaDeps, event: SmaEvent, attributes: CallAttributes): Promise<SmaResponse> {
  switch (event.ActionData?.Type) {
    case 'PlayAudio':
    case 'Pause':
      return attributes.stage === 'ringing' && attributes.dir === 'in'
        ? onRingbackOver(deps, event, attributes)
        : respond([]);
    case 'JoinChimeMeeting':
      return respond([], attributeMap({ ...attributes, stage: 'connected' }));
    case 'CallAndBridge':
      return onForwardAnswered(deps, attributes);
    case 'RecordAudio':
      return onRecorded(deps, event, attributes);
    default:
      return respond([]);
  }
}

async function onActionFailed(deps: SmaDeps, event: SmaEvent, attributes: CallAttributes): Promise<SmaResponse> {
  const type = event.ActionData?.Type;
  deps.diagnostics.warn('SIP media application action failed', {
    type,
    errorType: event.ActionData?.ErrorType,
    errorMessage: event.ActionData?.ErrorMessage,
    callId: attributes.callId,
  });
  if ((type === 'PlayAudio' || type === 'Pause') && attributes.stage === 'ringing' && attributes.dir === 'in')
    return onRingbackOver(deps, event, attributes);
  // the forwarding phone did not answer: voicemail, as for a call nobody answered
  if (type === 'CallAndBridge' && attributes.stage === 'forwarding') return onRingbackOver(deps, event, attributes);
  // a key tone Chime could not send does not end a conversation
  if (type === 'SendDigits' && attributes.stage === 'connected') return respond([]);
  return endEverything(deps, event, attributes, type === 'RecordAudio' ? 'missed' : 'failed');
}

/**
 * Ends the call (if still live) and hangs up every leg still connected. A hang-up ends an active
 * call `completed`; a failure (a failed action, an invalid response) ends it `failed` in any state.
 */
async function endEverything(
  deps: SmaDeps,
  event: SmaEvent,
  attributes: CallAttributes,
  reason: EndReason,
): Promise<SmaResponse> {
  const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
  const ending = call?.state === 'active' && reason === 'cancelled' ? 'completed' : reason;
  if (call && call.state !== 'ended') await endCall(deps, call, call.state, ending, undefined, { hangUpPhone: false });
  const live = event.CallDetails.Participants.filter((p) => p.Status !== 'Disconnected');
  return respond(
    live.map((p) => hangup(p.CallId)),
    attributeMap({ ...attributes, stage: 'done' }),
  );
}

/**
 * HANGUP of one leg. The phone's leg (LEG-A): the call ends (a ringing inbound call is missed, an
 * outgoing one busy or unanswered, an active one completed) and the meeting leg is hung up too,
 * since Chime never hangs up the other leg itself. The meeting's leg (LEG-B, the meeting ended):
 * the call ends and the phone is hung up.
 */
async function onHangup(deps: SmaDeps, event: SmaEvent, attributes: CallAttributes): Promise<SmaResponse> {
  const params = event.ActionData?.Parameters ?? {};
  const tag = String(params.ParticipantTag ?? 'LEG-A').toUpperCase();
  const others = event.CallDetails.Participants.filter((p) => p.ParticipantTag !== tag && p.Status !== 'Disconnected');
  const done = attributeMap({ ...attributes, stage: 'done' });
  const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
  if (call?.state === 'ended') {
    // declined (voicemail on its way) or in the greeting: the caller left no message after all
    const beforeMessage =
      attributes.stage === 'voicemail' || (attributes.stage === 'ringing' && call.endReason === 'declined');
    if (call.kind === 'pstn-in' && beforeMessage && !attributes.voicemailId) await onHungUpBeforeMessage(deps, call);
  } else if (call) {
    const code = String(params.SipResponseCode ?? '0');
    const reason: EndReason =
      call.state === 'active'
        ? 'completed'
        : call.kind === 'pstn-out'
          ? code === '486'
            ? 'busy'
            : 'unanswered'
          : 'missed';
    await endCall(deps, call, call.state, reason, undefined, { hangUpPhone: false });
  }
  return respond(
    others.map((p) => hangup(p.CallId)),
    done,
  );
}

/** UpdateSipMediaApplicationCall from Parley's own API: join, voicemail, DTMF or hang up. */
async function onUpdateRequested(deps: SmaDeps, event: SmaEvent, attributes: CallAttributes): Promise<SmaResponse> {
  const args = (event.ActionData?.Parameters?.Arguments ?? {}) as Record<string, string>;
  const legA = leg(event, 'LEG-A')?.CallId ?? '';
  switch (args.op) {
    case 'join':
      if (!args.meetingId || !args.joinToken) return respond([]);
      return respond(
        [joinChimeMeeting(legA, args.meetingId, args.joinToken)],
        attributeMap({ ...attributes, stage: 'joining', meetingId: args.meetingId }),
      );
    case 'voicemail': {
      if (attributes.stage !== 'ringing') return respond([]);
      const call = attributes.callId ? await deps.calls.get(attributes.callId) : undefined;
      if (!call) return respond([hangup(legA)], attributeMap({ ...attributes, stage: 'done' }));
      return voicemailActions(deps, event, attributes, call);
    }
    case 'dtmf':
      return args.digits ? respond([sendDigits(legA, args.digits)]) : respond([]);
    case 'hangup':
      return endEverything(deps, event, attributes, 'cancelled');
    default:
      deps.diagnostics.warn('unknown update', { op: args.op, callId: attributes.callId });
      return respond([]);
  }
}
