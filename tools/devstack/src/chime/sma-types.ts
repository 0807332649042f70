/**
 * The SIP media application's wire shapes (SchemaVersion 1.0) and the driver's view of a call,
 * shared by the driver, the event builders, the response validation and the action runners.
 */
import type { SipMediaApplicationInfo } from './ports.ts';

/** The number a call dials to reach a Chime SDK meeting; also the To of a JoinChimeMeeting leg. */
export const MEETING_DIAL_IN = '+17035550122';

export const INVOCATION_EVENT_TYPES = [
  'NEW_INBOUND_CALL',
  'NEW_OUTBOUND_CALL',
  'RINGING',
  'CALL_ANSWERED',
  'ACTION_SUCCESSFUL',
  'ACTION_FAILED',
  'ACTION_INTERRUPTED',
  'HANGUP',
  'INVALID_LAMBDA_RESPONSE',
  'DIGITS_RECEIVED',
  'CALL_UPDATE_REQUESTED',
] as const;
export type InvocationEventType = (typeof INVOCATION_EVENT_TYPES)[number];

export type ParticipantTag = 'LEG-A' | 'LEG-B';

export interface Participant {
  CallId: string;
  ParticipantTag: ParticipantTag;
  To: string;
  From: string;
  Direction: 'Inbound' | 'Outbound';
  StartTimeInMilliseconds: string;
  Status?: 'Connected' | 'Disconnected';
  SipHeaders?: Record<string, string>;
}

export interface CallDetails {
  TransactionId: string;
  TransactionAttributes?: Record<string, string>;
  AwsAccountId: string;
  AwsRegion: string;
  SipMediaApplicationId: string;
  SipRuleId?: string;
  Participants: Participant[];
}

export interface SmaEvent {
  SchemaVersion: '1.0';
  Sequence: number;
  InvocationEventType: InvocationEventType;
  CallDetails: CallDetails;
  ActionData?: Record<string, unknown>;
  ErrorType?: string;
  ErrorMessage?: string;
}

/** One action as the Lambda returned it (validated by sma-validate.ts). */
export interface SmaAction {
  Type: string;
  Parameters: Record<string, unknown>;
}

/** A response that passed validation. `attributes`: undefined keeps, {} clears, else replaces. */
export interface SmaResponse {
  actions: SmaAction[] | undefined;
  attributes: Record<string, string> | undefined;
}

/** Where a leg's far end is. */
export type LegKind = 'pstn' | 'meeting';

/** One leg of a transaction, as the driver tracks it. */
export interface Leg {
  callId: string;
  tag: ParticipantTag;
  to: string;
  from: string;
  direction: 'Inbound' | 'Outbound';
  startedAt: number;
  /** undefined while an outbound leg is still being set up (NEW_OUTBOUND_CALL, RINGING). */
  status: 'Connected' | 'Disconnected' | undefined;
  sipHeaders?: Record<string, string>;
  kind: LegKind;
  /** The virtual phone's call id (pstn legs). */
  phoneCallId?: string;
  /** The meeting and attendee (meeting legs). */
  meeting?: { meetingId: string; attendeeId: string; joinToken: string };
}

/** One SMA transaction: a call with its one or two legs. */
export interface Transaction {
  id: string;
  sma: SipMediaApplicationInfo;
  sipRuleId?: string;
  sequence: number;
  attributes: Record<string, string> | undefined;
  legs: Leg[];
  /** Set once any action has run on an inbound call (it counts as answered). */
  answered: boolean;
  ended: boolean;
}

/** How an action ended. `events` are the mid-list (or end-of-list) success ActionData extras. */
export type ActionOutcome =
  | { kind: 'done'; extras?: Record<string, unknown> }
  | { kind: 'failed'; errorType: string; message: string; extras?: Record<string, unknown> }
  | { kind: 'interrupted' }
  /** The action already reported through its own invocation (Hangup sends HANGUP itself). */
  | { kind: 'reported' };

/** Actions after which ACTION_SUCCESSFUL is sent even mid-list. */
export const MID_LIST_SUCCESS = new Set([
  'CallAndBridge',
  'Hangup',
  'JoinChimeMeeting',
  'ModifyChimeMeetingAttendees',
  'PlayAudioAndGetDigits',
  'RecordAudio',
  // "ReceiveDigits reports ACTION_SUCCESSFUL right away, and DIGITS_RECEIVED later"
  'ReceiveDigits',
]);

/** Actions that UpdateSipMediaApplicationCall cuts short. */
export const INTERRUPTIBLE = new Set(['PlayAudio', 'RecordAudio', 'Pause']);
