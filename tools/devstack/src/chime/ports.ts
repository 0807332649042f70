/**
 * How the parts of devstack's Chime emulator meet. Three parts, each in its own module:
 *
 * - `meetings.ts` (`MeetingsEmulator`): the Chime SDK Meetings REST API the real
 *   `@aws-sdk/client-chime-sdk-meetings` speaks, meeting/attendee state, the media signaling relay
 *   that MediaPlacement points at, and `aws.chime` meeting events;
 * - `voice.ts` (`VoiceEmulator`): the Chime SDK Voice REST API the real
 *   `@aws-sdk/client-chime-sdk-voice` speaks: phone numbers, orders, SIP media applications, SIP
 *   rules, Voice Connectors, and the two call operations, which it hands to the driver;
 * - `sma-driver.ts` (`SmaDriver`) with the virtual phone: plays the SIP media application's part,
 *   invoking the SMA's Lambda with SchemaVersion 1.0 events and running the actions it returns.
 *
 * Nothing here is reachable from a deployed stage: it lives in tools/devstack only.
 */

export type E164 = `+${string}`;

/** What the SMA driver needs to know about voice resources (implemented by `VoiceEmulator`). */
export interface VoiceDirectory {
  /**
   * The enabled SIP rule that routes a call to `to` (TriggerType ToPhoneNumber, TriggerValue = the
   * number), and the SIP media application of its lowest-Priority target. undefined: nothing routes it.
   */
  routeToPhoneNumber(to: string): InboundRoute | undefined;
  /** The same for a call arriving through a Voice Connector (TriggerType RequestUriHostname). */
  routeToHostname(hostname: string): InboundRoute | undefined;
  /** A SIP media application by id. */
  sipMediaApplication(id: string): SipMediaApplicationInfo | undefined;
  /** Whether `e164` is a phone number in this account's inventory (not deleted). */
  ownsPhoneNumber(e164: string): boolean;
  /** A Voice Connector by ARN (for CallAndBridge endpoints of type AWS). */
  voiceConnectorByArn(arn: string): VoiceConnectorInfo | undefined;
}

export interface InboundRoute {
  sipRuleId: string;
  sipMediaApplication: SipMediaApplicationInfo;
}

export interface SipMediaApplicationInfo {
  sipMediaApplicationId: string;
  awsRegion: string;
  /** Endpoints[0].LambdaArn, e.g. arn:aws:lambda:eu-central-1:000000000000:function:parley-calling-local-smaHandler */
  lambdaArn: string;
}

export interface VoiceConnectorInfo {
  voiceConnectorId: string;
  arn: string;
  /** `<id>.voiceconnector.chime.aws`, the host a SIP rule of type RequestUriHostname names. */
  outboundHostName: string;
  /** Origination routes (where calls bridged out through this connector go). */
  originationRoutes: { host: string; port: number; protocol: string; priority: number; weight: number }[];
}

/** CreateSipMediaApplicationCall / UpdateSipMediaApplicationCall, as the voice API hands them on. */
export interface SmaCallControl {
  /** Starts an outbound transaction; the driver sends NEW_OUTBOUND_CALL. */
  createCall(input: {
    sipMediaApplicationId: string;
    fromPhoneNumber: string;
    toPhoneNumber: string;
    sipHeaders?: Record<string, string>;
    argumentsMap?: Record<string, string>;
  }): { transactionId: string };
  /** false when the transaction has ended or never existed (the API answers 404 NotFoundException). */
  updateCall(input: {
    sipMediaApplicationId: string;
    transactionId: string;
    arguments: Record<string, string>;
  }): boolean;
}

/** What the SMA driver needs of meetings (implemented by `MeetingsEmulator`). */
export interface MeetingDirectory {
  /**
   * A PSTN leg joins a meeting with an attendee's JoinToken (the JoinChimeMeeting action).
   * Returns the attendee, or an error the driver reports as ACTION_FAILED InvalidActionParameter.
   */
  joinWithToken(
    meetingId: string,
    joinToken: string,
  ): { ok: true; attendeeId: string; externalUserId: string } | { ok: false; message: string };
  /** That attendee's PSTN leg hung up. */
  leave(meetingId: string, attendeeId: string): void;
  /** Mute / unmute (ModifyChimeMeetingAttendees); ids not in the meeting come back in the error list. */
  modifyAttendees(
    meetingId: string,
    operation: 'Mute' | 'Unmute',
    attendeeIds: string[],
  ): { ok: true; unknown: string[] } | { ok: false; message: string };
  /**
   * Optional: tells the driver when the meeting side of a joined PSTN leg goes away (the meeting was
   * deleted or ended, or the attendee was deleted), so it can hang that leg up. Returns an unsubscribe.
   */
  onLegEnded?(listener: (e: PstnLegEnded) => void): () => void;
}

/** The meeting side of a PSTN leg joined with JoinChimeMeeting went away. */
export interface PstnLegEnded {
  meetingId: string;
  attendeeId: string;
  reason: 'MeetingDeleted' | 'MeetingEnded' | 'AttendeeDeleted';
}

/** Invokes a Lambda function by ARN (through serverless-offline's Lambda invoke endpoint on devstack). */
export type LambdaInvoker = (lambdaArn: string, payload: unknown) => Promise<unknown>;

/** An event Chime sends to EventBridge (source `aws.chime`), put on devstack's bus by the launcher. */
export interface ChimeBusEvent {
  source: 'aws.chime';
  detailType: string;
  detail: Record<string, unknown>;
}
