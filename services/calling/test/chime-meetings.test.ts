import {
  BadRequestException,
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteMeetingCommand,
  NotFoundException,
} from '@aws-sdk/client-chime-sdk-meetings';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { chimeMeetings } from '../src/adapters/chime-meetings.ts';

// What the devstack emulator cannot make happen on demand: Chime refusing some attendees of a batch,
// and a meeting that ended on its own before the call did. The rest runs against the emulator
// (test/integration/calling.int.test.ts).
const chime = mockClient(ChimeSDKMeetingsClient);
const meetings = chimeMeetings(new ChimeSDKMeetingsClient({ region: 'eu-central-1' }));
const meta = { $metadata: {} };

beforeEach(() => chime.reset());

describe('the Chime meetings adapter', () => {
  it('given a call, when its meeting is created, then the call id is the request token and external id, one attendee per person', async () => {
    chime.on(CreateMeetingWithAttendeesCommand).resolves({
      Meeting: { MeetingId: 'm-1', ExternalMeetingId: 'call-1' },
      Attendees: [
        { AttendeeId: 'a-1', ExternalUserId: 'u-ana', JoinToken: 't-1' },
        { AttendeeId: 'a-2', ExternalUserId: 'u-bea', JoinToken: 't-2' },
      ],
    });

    const { meetingId, joins } = await meetings.create({
      callId: 'call-1',
      mediaRegion: 'eu-central-1',
      userIds: ['u-ana', 'u-bea'],
    });

    expect(chime.commandCalls(CreateMeetingWithAttendeesCommand)[0]?.args[0].input).toMatchObject({
      ClientRequestToken: 'call-1',
      ExternalMeetingId: 'call-1',
      MediaRegion: 'eu-central-1',
      Attendees: [{ ExternalUserId: 'u-ana' }, { ExternalUserId: 'u-bea' }],
    });
    expect(meetingId).toBe('m-1');
    expect(joins.get('u-bea')).toEqual({
      meeting: { MeetingId: 'm-1', ExternalMeetingId: 'call-1' },
      attendee: { AttendeeId: 'a-2', ExternalUserId: 'u-bea', JoinToken: 't-2' },
    });
  });

  it('given Chime refuses an attendee, when the meeting is created, then it fails rather than ring without one', async () => {
    chime.on(CreateMeetingWithAttendeesCommand).resolves({
      Meeting: { MeetingId: 'm-1' },
      Attendees: [{ AttendeeId: 'a-1', ExternalUserId: 'u-ana', JoinToken: 't-1' }],
      Errors: [{ ExternalUserId: 'u-bea', ErrorCode: 'ResourceLimitExceeded', ErrorMessage: 'full' }],
    });

    await expect(
      meetings.create({ callId: 'call-1', mediaRegion: 'eu-central-1', userIds: ['u-ana', 'u-bea'] }),
    ).rejects.toThrow(/ResourceLimitExceeded/);
  });

  it('given a meeting that already ended, when the call ends it, then that is not an error; another failure is', async () => {
    chime
      .on(DeleteMeetingCommand, { MeetingId: 'gone' })
      .rejects(new NotFoundException({ message: 'not found', ...meta }))
      .on(DeleteMeetingCommand, { MeetingId: 'bad' })
      .rejects(new BadRequestException({ message: 'bad', ...meta }));

    await expect(meetings.end('gone')).resolves.toBeUndefined();
    await expect(meetings.end('bad')).rejects.toThrow('bad');
  });
});
