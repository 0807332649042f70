/**
 * The actions that add, change or drop legs: CallAndBridge (to the virtual phone, directly or
 * through a Voice Connector's origination routes, whose carrier is the virtual phone too),
 * JoinChimeMeeting (LEG-B to +17035550122 From "SMA"), ModifyChimeMeetingAttendees and Hangup.
 */
import { randomUUID } from 'node:crypto';
import type { Runner } from './sma-actions.ts';
import type { ActionContext } from './sma-context.ts';
import { type ActionOutcome, type Leg, MEETING_DIAL_IN } from './sma-types.ts';
import { intOf } from './sma-validate.ts';

const failed = (errorType: string, message: string, extras?: Record<string, unknown>): ActionOutcome => ({
  kind: 'failed',
  errorType,
  message,
  ...(extras ? { extras } : {}),
});

/** Where a meeting's signaling socket is, as MediaPlacement.SignalingUrl names it. */
export function signalingUrl(publicOrigin: string, meetingId: string): string {
  return `${publicOrigin.replace(/^http/, 'ws')}/_dev/chime/meetings/${meetingId}/signal`;
}

const connected = (ctx: ActionContext) => ctx.tx.legs.filter((l) => l.status === 'Connected');

/** Tells the virtual phone behind a PSTN leg which meeting it is now part of (for its "Talk" control). */
export function shareMeeting(ctx: ActionContext, pstnLeg: Leg, meetingLeg: Leg): void {
  const call = ctx.phoneCall(pstnLeg);
  const meeting = meetingLeg.meeting;
  if (!call || !meeting) return;
  ctx.phone.update(call, (c) => {
    c.meeting = { ...meeting, signalingUrl: signalingUrl(ctx.publicOrigin(), meeting.meetingId) };
  });
}

/** Chime's SIP header rules: only x-, User-to-User and Diversion; X-AMZN is reserved; at most 2048 characters. */
function sipHeaderProblem(headers: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (/^x-amzn/i.test(name)) return `Invalid SIP header(s) provided: ${name}`;
    if (!/^x-/i.test(name) && !/^(user-to-user|diversion)$/i.test(name))
      return `Invalid SIP header(s) provided: ${name} (only x-, User-to-User and Diversion)`;
    if (typeof value !== 'string' || value.length > 2048)
      return `SIP header ${name} must be a string of at most 2048 characters`;
  }
  return undefined;
}

const callAndBridge: Runner = async (ctx, action, leg) => {
  const p = action.Parameters;
  if (connected(ctx).length >= 2) return failed('InvalidActionParameter', 'The call already has two connected legs.');
  const endpoint = (p.Endpoints as Record<string, string>[])[0] as Record<string, string>;
  const headers = (p.SipHeaders ?? {}) as Record<string, unknown>;
  if (Object.keys(headers).length) {
    if (endpoint.BridgeEndpointType !== 'AWS')
      return failed('InvalidActionParameter', 'SipHeaders are allowed only with an AWS (Voice Connector) endpoint.');
    const problem = sipHeaderProblem(headers);
    if (problem) return failed('InvalidActionParameter', problem);
  }
  if (endpoint.BridgeEndpointType === 'AWS') {
    const vc = ctx.voice.voiceConnectorByArn(String(endpoint.Arn));
    if (!vc) return failed('InvalidActionParameter', `No Voice Connector ${endpoint.Arn}.`);
    if (!vc.originationRoutes.length)
      return failed('CallNotAnswered', `Voice Connector ${vc.voiceConnectorId} has no origination routes.`);
  }
  const from = String(p.CallerIdNumber);
  const to = String(endpoint.Uri);
  const call = ctx.phone.open({
    direction: 'outbound',
    from,
    to,
    ...(Object.keys(headers).length ? { sipHeaders: headers as Record<string, string> } : {}),
  });
  ctx.phone.update(call, (c) => {
    c.transactionId = ctx.tx.id;
  });
  const ringback = p.RingbackTone as { BucketName?: string; Key?: string } | undefined;
  const caller = ctx.phoneCall(leg);
  if (ringback && caller)
    ctx.phone.note(caller, 'spoken', { kind: 'audio', text: `s3://${ringback.BucketName}/${ringback.Key}` });
  const outcome = await ctx.phone.ring(call, (intOf(p.CallTimeoutSeconds) ?? 30) * 1000, ctx.signal);
  if (outcome === 'cancelled') return { kind: 'interrupted' };
  if (outcome !== 'answered')
    return failed('CallNotAnswered', outcome === 'declined' ? 'Call was declined (busy).' : 'Call not answered');
  const bLeg: Leg = {
    callId: randomUUID(),
    tag: leg.tag === 'LEG-A' ? 'LEG-B' : 'LEG-A',
    to,
    from,
    direction: 'Outbound',
    startedAt: ctx.clock.now(),
    status: 'Connected',
    kind: 'pstn',
    phoneCallId: call.id,
  };
  ctx.tx.legs = [...ctx.tx.legs.filter((l) => l.tag !== bLeg.tag), bLeg];
  if (leg.kind === 'meeting') shareMeeting(ctx, bLeg, leg);
  return { kind: 'done' };
};

const joinChimeMeeting: Runner = async (ctx, action, leg) => {
  const p = action.Parameters;
  if (leg.tag !== 'LEG-A') return failed('InvalidActionParameter', 'JoinChimeMeeting runs on LEG-A only.');
  if (connected(ctx).length >= 2)
    return failed('InvalidActionParameter', 'JoinChimeMeeting is not allowed on a bridged call.');
  const meetingId = String(p.MeetingId);
  const joined = ctx.meetings.joinWithToken(meetingId, String(p.JoinToken));
  if (!joined.ok) return failed('InvalidActionParameter', `JoinToken parameter value is invalid: ${joined.message}`);
  const meetingLeg: Leg = {
    callId: randomUUID(),
    tag: 'LEG-B',
    to: MEETING_DIAL_IN,
    from: 'SMA',
    direction: 'Outbound',
    startedAt: ctx.clock.now(),
    status: 'Connected',
    kind: 'meeting',
    meeting: { meetingId, attendeeId: joined.attendeeId, joinToken: String(p.JoinToken) },
  };
  ctx.tx.legs = [...ctx.tx.legs.filter((l) => l.tag !== 'LEG-B'), meetingLeg];
  shareMeeting(ctx, leg, meetingLeg);
  return { kind: 'done' };
};

const modifyAttendees: Runner = async (ctx, action) => {
  const p = action.Parameters;
  const meetingLeg = connected(ctx).find((l) => l.kind === 'meeting');
  if (!meetingLeg?.meeting) return failed('InvalidActionParameter', 'Call is not connected to Chime Meeting');
  if (meetingLeg.meeting.meetingId !== p.MeetingId)
    return failed(
      'InvalidActionParameter',
      `The call is joined to meeting ${meetingLeg.meeting.meetingId}, not ${String(p.MeetingId)}.`,
    );
  const result = ctx.meetings.modifyAttendees(
    meetingLeg.meeting.meetingId,
    p.Operation as 'Mute' | 'Unmute',
    (p.AttendeeList as string[]).map(String),
  );
  if (!result.ok) return failed('InvalidActionParameter', result.message);
  if (result.unknown.length)
    return failed('InvalidActionParameter', 'Some attendees are not in the meeting.', {
      ErrorList: result.unknown.map((id) => ({
        AttendeeId: id,
        ErrorCode: 'AttendeeNotFound',
        ErrorMessage: 'Attendee is not in the meeting',
      })),
    });
  return { kind: 'done' };
};

/** Runners by action type (legs). */
export const LEG_RUNNERS: Record<string, Runner> = {
  CallAndBridge: callAndBridge,
  JoinChimeMeeting: joinChimeMeeting,
  ModifyChimeMeetingAttendees: modifyAttendees,
  Hangup: (ctx, action, leg) => ctx.hangupLeg(leg, String(action.Parameters.SipResponseCode ?? '0')),
};
