/**
 * The SIP media application's side of the contract: the invocation event it sends `smaHandler` and
 * the response it expects (SchemaVersion 1.0; docs/adr/0015-phone-calls.md). The event schema is
 * lenient where Chime's own examples differ (leg tag casing, optional fields) and strict where the
 * handler relies on a field.
 */
import * as z from 'zod';

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

const Tag = z
  .string()
  .transform((tag) => tag.toUpperCase())
  .pipe(z.enum(['LEG-A', 'LEG-B']));

export const Participant = z.looseObject({
  CallId: z.string().min(1),
  ParticipantTag: Tag,
  To: z.string(),
  From: z.string(),
  Direction: z.enum(['Inbound', 'Outbound']),
  StartTimeInMilliseconds: z.string(),
  Status: z.enum(['Connected', 'Disconnected']).optional(),
  SipHeaders: z.record(z.string(), z.string()).optional(),
});
export type Participant = z.infer<typeof Participant>;

export const SmaEvent = z.looseObject({
  SchemaVersion: z.literal('1.0'),
  Sequence: z.number().int().positive(),
  InvocationEventType: z.enum(INVOCATION_EVENT_TYPES),
  CallDetails: z.looseObject({
    TransactionId: z.string().min(1),
    TransactionAttributes: z.record(z.string(), z.string()).optional(),
    AwsAccountId: z.string(),
    AwsRegion: z.string(),
    SipMediaApplicationId: z.string(),
    SipRuleId: z.string().optional(),
    Participants: z.array(Participant).min(1).max(2),
  }),
  ActionData: z
    .looseObject({
      Type: z.string(),
      Parameters: z.record(z.string(), z.unknown()).optional(),
      ErrorType: z.string().optional(),
      ErrorMessage: z.string().optional(),
      ReceivedDigits: z.string().optional(),
      RecordingDestination: z.looseObject({ Type: z.string(), BucketName: z.string(), Key: z.string() }).optional(),
      RecordingTerminatorUsed: z.string().optional(),
    })
    .optional(),
  ErrorType: z.string().optional(),
  ErrorMessage: z.string().optional(),
});
export type SmaEvent = z.infer<typeof SmaEvent>;

export interface SmaAction {
  Type: string;
  Parameters: Record<string, unknown>;
}

export interface SmaResponse {
  SchemaVersion: '1.0';
  Actions: SmaAction[];
  /** the whole map (a non-empty map replaces what is stored; absent keeps it) */
  TransactionAttributes?: Record<string, string>;
}

/** Chime's limit per response. */
export const MAX_ACTIONS = 10;

/** The number Chime uses for a leg joined to a meeting (also what a carrier trunk rewrites To into). */
export const MEETING_DIAL_IN = '+17035550122';

/**
 * The SIP header the carrier puts the dialed number in when it rewrites To for a Voice Connector
 * (devstack's emulated carrier does the same); looked up case-insensitively.
 */
export const DIALED_NUMBER_HEADER = 'X-Parley-Dialed-Number';

export const leg = (event: SmaEvent, tag: 'LEG-A' | 'LEG-B'): Participant | undefined =>
  event.CallDetails.Participants.find((p) => p.ParticipantTag === tag);

/** The number the caller dialled: the To of LEG-A, or the carrier's header when To was rewritten. */
export function dialledNumber(legA: Participant): string {
  const header = Object.entries(legA.SipHeaders ?? {}).find(
    ([name]) => name.toLowerCase() === DIALED_NUMBER_HEADER.toLowerCase(),
  )?.[1];
  return header ?? legA.To;
}
