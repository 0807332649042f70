/**
 * SchemaVersion 1.0 invocation events, built from the driver's view of a transaction. Each build
 * takes the next Sequence, so a retried invocation (the same event object) keeps its number.
 */
import { ACCOUNT_ID } from '../constants.ts';
import type { InvocationEventType, Leg, Participant, SmaAction, SmaEvent, Transaction } from './sma-types.ts';

function participant(leg: Leg): Participant {
  return {
    CallId: leg.callId,
    ParticipantTag: leg.tag,
    To: leg.to,
    From: leg.from,
    Direction: leg.direction,
    StartTimeInMilliseconds: String(leg.startedAt),
    ...(leg.status ? { Status: leg.status } : {}),
    ...(leg.sipHeaders && Object.keys(leg.sipHeaders).length ? { SipHeaders: { ...leg.sipHeaders } } : {}),
  };
}

/** The next event of `tx` (Sequence + 1). */
export function buildEvent(
  tx: Transaction,
  type: InvocationEventType,
  extra: { actionData?: Record<string, unknown>; errorType?: string; errorMessage?: string } = {},
): SmaEvent {
  tx.sequence += 1;
  return {
    SchemaVersion: '1.0',
    Sequence: tx.sequence,
    InvocationEventType: type,
    ...(extra.actionData ? { ActionData: extra.actionData } : {}),
    ...(extra.errorType ? { ErrorType: extra.errorType, ErrorMessage: extra.errorMessage ?? '' } : {}),
    CallDetails: {
      TransactionId: tx.id,
      ...(tx.attributes ? { TransactionAttributes: { ...tx.attributes } } : {}),
      AwsAccountId: ACCOUNT_ID,
      AwsRegion: tx.sma.awsRegion,
      SipMediaApplicationId: tx.sma.sipMediaApplicationId,
      ...(tx.sipRuleId ? { SipRuleId: tx.sipRuleId } : {}),
      Participants: tx.legs.map(participant),
    },
  };
}

/** ActionData of an action's outcome: the action echoed, plus what the outcome adds. */
export function actionData(action: SmaAction, extras: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: action.Type, Parameters: action.Parameters, ...extras };
}

/** ActionData of a HANGUP event. */
export function hangupData(leg: Leg, sipResponseCode: string): Record<string, unknown> {
  return {
    Type: 'Hangup',
    Parameters: { SipResponseCode: sipResponseCode, CallId: leg.callId, ParticipantTag: leg.tag },
  };
}
