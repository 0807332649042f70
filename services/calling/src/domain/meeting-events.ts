import { type EndDeps, endCall } from './call-end.ts';
import type { Side } from './model.ts';

/** What Chime tells EventBridge about a meeting (the fields calling reads). */
export interface MeetingStateChange {
  eventType: string;
  meetingId: string;
  /** when it happened (epoch ms): events may arrive out of order */
  timestamp: number;
  /** the call id: every call's meeting is created with it */
  externalMeetingId?: string;
  externalUserId?: string;
}

/**
 * Keeps calls in step with their meetings, for browsers that vanish without hanging up:
 * the meeting ending ends the call (`completed` if it was answered, `failed` if it never was), and
 * an active call ends when both sides have been in the meeting and neither is any more. Presence
 * is applied newest first per side (a late "joined" does not undo a newer "left"; a "left" also
 * says that side had joined). Events about other meetings, or for a call already ended, change nothing.
 */
export async function onMeetingStateChange(deps: EndDeps, event: MeetingStateChange): Promise<string> {
  if (!event.externalMeetingId) return 'not a call';
  const call = await deps.calls.get(event.externalMeetingId);
  if (!call || call.meetingId !== event.meetingId || call.state === 'ended') return 'no live call';
  switch (event.eventType) {
    case 'chime:MeetingEnded': {
      const reason = call.state === 'active' ? 'completed' : 'failed';
      return (await endCall(deps, call, call.state, reason)) ? reason : 'changed meanwhile';
    }
    case 'chime:AttendeeJoined':
    case 'chime:AttendeeLeft': {
      const side: Side | undefined =
        event.externalUserId === call.callerId
          ? 'caller'
          : event.externalUserId === call.calleeId
            ? 'callee'
            : undefined;
      if (!side) return 'not a participant';
      const present = event.eventType === 'chime:AttendeeJoined';
      const now = await deps.calls.setPresence(call.id, side, { present, at: event.timestamp });
      if (!now) return 'stale';
      const { caller, callee } = now.presence ?? {};
      const bothGone = caller && callee && !caller.present && !callee.present;
      if (now.state !== 'active' || !bothGone) return present ? 'joined' : 'left';
      return (await endCall(deps, now, 'active', 'completed')) ? 'completed' : 'changed meanwhile';
    }
    default:
      return 'ignored';
  }
}
