import {
  type ChimeSDKMeetingsClient,
  CreateAttendeeCommand,
  CreateMeetingWithAttendeesCommand,
  DeleteMeetingCommand,
  GetMeetingCommand,
  NotFoundException,
} from '@aws-sdk/client-chime-sdk-meetings';
import type { MeetingJoin, Meetings } from '../domain/ports.ts';

/** The SDK's shapes, passed to the browser as they are (amazon-chime-sdk-js reads them as is). */
const plain = (value: object) => ({ ...value }) as Record<string, unknown>;

/**
 * Meetings on Chime SDK Meetings (devstack's emulator through AWS_ENDPOINT_URL_CHIME_SDK_MEETINGS).
 * A call's meeting is created with the call id as ClientRequestToken and ExternalMeetingId (a
 * retried create gives back the same meeting; meeting events name the call), and one attendee per
 * person whose ExternalUserId is the Parley user id (creating it again gives back the same one).
 */
export function chimeMeetings(client: ChimeSDKMeetingsClient): Meetings {
  return {
    async create({ callId, mediaRegion, userIds }) {
      const out = await client.send(
        new CreateMeetingWithAttendeesCommand({
          ClientRequestToken: callId,
          ExternalMeetingId: callId,
          MediaRegion: mediaRegion,
          // two people, each with one attendee however many devices they use
          MeetingFeatures: { Attendee: { MaxCount: userIds.length } },
          Attendees: userIds.map((userId) => ({ ExternalUserId: userId })),
        }),
      );
      const meeting = out.Meeting;
      if (!meeting?.MeetingId) throw new Error(`CreateMeetingWithAttendees answered no meeting for call ${callId}`);
      if (out.Errors?.length) {
        throw new Error(`attendees not created for call ${callId}: ${out.Errors.map((e) => e.ErrorCode).join(', ')}`);
      }
      const joins = new Map<string, MeetingJoin>();
      for (const attendee of out.Attendees ?? []) {
        if (attendee.ExternalUserId)
          joins.set(attendee.ExternalUserId, { meeting: plain(meeting), attendee: plain(attendee) });
      }
      return { meetingId: meeting.MeetingId, joins };
    },

    async join(meetingId, userId) {
      const [{ Meeting }, { Attendee }] = await Promise.all([
        client.send(new GetMeetingCommand({ MeetingId: meetingId })),
        client.send(new CreateAttendeeCommand({ MeetingId: meetingId, ExternalUserId: userId })),
      ]);
      if (!Meeting || !Attendee) throw new Error(`meeting ${meetingId} answered no meeting or attendee`);
      return { meeting: plain(Meeting), attendee: plain(Attendee) };
    },

    async end(meetingId) {
      try {
        await client.send(new DeleteMeetingCommand({ MeetingId: meetingId }));
      } catch (err) {
        // already ended (everyone left, or Chime's own timeout): nothing to do
        if (!(err instanceof NotFoundException)) throw err;
      }
    },
  };
}
