import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchCreateAttendeeCommand,
  ChimeSDKMeetingsClient,
  CreateAttendeeCommand,
  CreateMeetingCommand,
  CreateMeetingWithAttendeesCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetAttendeeCommand,
  GetMeetingCommand,
  ListAttendeesCommand,
} from '@aws-sdk/client-chime-sdk-meetings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingsEmulator } from '../src/chime/meetings.ts';
import type { ChimeBusEvent } from '../src/chime/ports.ts';
import { close, listen } from '../src/http-util.ts';
import { clientOf } from './emulator-client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Chime SDK Meetings emulator, through the real ChimeSDKMeetingsClient', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-meetings-'));
  const file = join(dir, 'chime-meetings.json');
  const events: ChimeBusEvent[] = [];
  let emulator: MeetingsEmulator;
  let chime: ChimeSDKMeetingsClient;
  const meeting = (token: string, extra: Record<string, unknown> = {}) =>
    chime.send(
      new CreateMeetingCommand({
        ClientRequestToken: token,
        MediaRegion: 'eu-central-1',
        ExternalMeetingId: `call-${token}`,
        ...extra,
      }),
    );
  const eventTypes = (meetingId: string) =>
    events.filter((e) => e.detail.meetingId === meetingId).map((e) => e.detail.eventType);

  beforeAll(async () => {
    emulator = new MeetingsEmulator({
      file,
      region: 'eu-central-1',
      accountId: '000000000000',
      publicOrigin: () => 'http://localhost:3000',
      emit: (e) => events.push(e),
    });
    chime = await clientOf(ChimeSDKMeetingsClient, emulator.server);
  });
  afterAll(async () => {
    chime.destroy();
    emulator.close();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when CreateMeeting, then the Meeting has a uuid, its ARN, features echoed and media placement on the public origin', async () => {
    const { Meeting } = await meeting('token-a', { MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } } });

    expect(Meeting?.MeetingId).toMatch(UUID);
    expect(Meeting).toMatchObject({
      ExternalMeetingId: 'call-token-a',
      MediaRegion: 'eu-central-1',
      MeetingArn: `arn:aws:chime:eu-central-1:000000000000:meeting/${Meeting?.MeetingId}`,
      MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } },
      MediaPlacement: {
        SignalingUrl: `ws://localhost:3000/_dev/chime/meetings/${Meeting?.MeetingId}/signal`,
        AudioHostUrl: `http://localhost:3000/_dev/chime/meetings/${Meeting?.MeetingId}/audio`,
        TurnControlUrl: `http://localhost:3000/_dev/chime/meetings/${Meeting?.MeetingId}/turn`,
        EventIngestionUrl: `http://localhost:3000/_dev/chime/meetings/${Meeting?.MeetingId}/events`,
      },
    });
    const got = await chime.send(new GetMeetingCommand({ MeetingId: Meeting?.MeetingId }));
    expect(got.Meeting).toEqual(Meeting);
  });

  it('given a ClientRequestToken already used, when CreateMeeting again, then the same meeting comes back and starts once', async () => {
    const first = await meeting('token-same');
    const second = await meeting('token-same');

    expect(second.Meeting?.MeetingId).toBe(first.Meeting?.MeetingId);
    expect(eventTypes(first.Meeting?.MeetingId as string)).toEqual(['chime:MeetingStarted']);
  });

  it.each([
    ['a region that is not a media region', { MediaRegion: 'eu-central-2' }],
    ['an ExternalMeetingId with the reserved aws: prefix', { ExternalMeetingId: 'AWS:mine' }],
    ['a one-character ExternalMeetingId', { ExternalMeetingId: 'x' }],
    ['FHD video without Attendee.MaxCount', { MeetingFeatures: { Video: { MaxResolution: 'FHD' } } }],
  ])('when CreateMeeting with %s, then the SDK raises BadRequestException', async (_what, extra) => {
    await expect(meeting('token-bad', extra)).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('given an unknown meeting id, then GetMeeting raises NotFoundException; a malformed id is a BadRequestException', async () => {
    await expect(
      chime.send(new GetMeetingCommand({ MeetingId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(chime.send(new GetMeetingCommand({ MeetingId: 'nope' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('when attendees are created, got, listed in pages and deleted, then each answer has the AWS shape', async () => {
    const { Meeting } = await meeting('token-attendees');
    const MeetingId = Meeting?.MeetingId as string;

    const { Attendee } = await chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'user-1' }));
    expect(Attendee?.AttendeeId).toMatch(UUID);
    expect(Attendee?.JoinToken?.length).toBeGreaterThan(20);
    expect(Attendee?.Capabilities).toEqual({ Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' });
    const again = await chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'user-1' }));
    expect(again.Attendee).toEqual(Attendee);
    await chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'user-2' }));
    await chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'user-3' }));

    const got = await chime.send(new GetAttendeeCommand({ MeetingId, AttendeeId: Attendee?.AttendeeId }));
    expect(got.Attendee).toEqual(Attendee);
    const page1 = await chime.send(new ListAttendeesCommand({ MeetingId, MaxResults: 2 }));
    const page2 = await chime.send(new ListAttendeesCommand({ MeetingId, MaxResults: 2, NextToken: page1.NextToken }));
    expect([...(page1.Attendees ?? []), ...(page2.Attendees ?? [])].map((a) => a.ExternalUserId)).toEqual([
      'user-1',
      'user-2',
      'user-3',
    ]);
    expect(page2.NextToken).toBeUndefined();

    await chime.send(new DeleteAttendeeCommand({ MeetingId, AttendeeId: Attendee?.AttendeeId }));
    await expect(
      chime.send(new GetAttendeeCommand({ MeetingId, AttendeeId: Attendee?.AttendeeId })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(
      chime.send(new DeleteAttendeeCommand({ MeetingId, AttendeeId: Attendee?.AttendeeId })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('when BatchCreateAttendee mixes valid and invalid items, then valid ones are created and the others come back in Errors', async () => {
    const { Meeting } = await meeting('token-batch');
    const MeetingId = Meeting?.MeetingId as string;

    const out = await chime.send(
      new BatchCreateAttendeeCommand({
        MeetingId,
        Attendees: [
          { ExternalUserId: 'ok-1' },
          { ExternalUserId: 'aws:reserved' },
          { ExternalUserId: 'ok-2', Capabilities: { Audio: 'SendReceive', Video: 'None', Content: 'Receive' } },
        ],
      }),
    );

    expect(out.Attendees?.map((a) => a.ExternalUserId)).toEqual(['ok-1']);
    expect(out.Errors?.map((e) => [e.ExternalUserId, e.ErrorCode])).toEqual([
      ['aws:reserved', 'BadRequest'],
      ['ok-2', 'BadRequest'],
    ]);
    await expect(chime.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: [] }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ ExternalUserId: `u-${i}` }));
    await expect(chime.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: tooMany }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('given a meeting of 250 attendees, when one more is created, then the SDK raises LimitExceededException', async () => {
    const { Meeting } = await meeting('token-full');
    const MeetingId = Meeting?.MeetingId as string;
    for (let batch = 0; batch < 3; batch++) {
      const size = batch < 2 ? 100 : 50;
      const Attendees = Array.from({ length: size }, (_, i) => ({ ExternalUserId: `u-${batch}-${i}` }));
      const out = await chime.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees }));
      expect(out.Errors).toEqual([]);
    }

    await expect(
      chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'one-too-many' })),
    ).rejects.toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } });
  });

  it('when CreateMeetingWithAttendees, then the meeting and its attendees come back; more than 20 is a BadRequestException', async () => {
    const out = await chime.send(
      new CreateMeetingWithAttendeesCommand({
        ClientRequestToken: 'token-with',
        MediaRegion: 'ap-southeast-1',
        ExternalMeetingId: 'call-with',
        Attendees: [{ ExternalUserId: 'caller' }, { ExternalUserId: 'callee' }],
      }),
    );

    expect(out.Meeting?.MediaRegion).toBe('ap-southeast-1');
    expect(out.Attendees?.map((a) => a.ExternalUserId)).toEqual(['caller', 'callee']);
    expect(out.Errors).toEqual([]);
    expect(eventTypes(out.Meeting?.MeetingId as string)).toEqual([
      'chime:MeetingStarted',
      'chime:AttendeeAdded',
      'chime:AttendeeAdded',
    ]);
    const Attendees = Array.from({ length: 21 }, (_, i) => ({ ExternalUserId: `u-${i}` }));
    await expect(
      chime.send(
        new CreateMeetingWithAttendeesCommand({ MediaRegion: 'eu-central-1', ExternalMeetingId: 'big', Attendees }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('when DeleteMeeting, then it is gone and MeetingEnded follows the events of its life, with the documented detail', async () => {
    const { Meeting } = await meeting('token-delete');
    const MeetingId = Meeting?.MeetingId as string;
    const { Attendee } = await chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'user-x' }));

    await chime.send(new DeleteMeetingCommand({ MeetingId }));

    await expect(chime.send(new GetMeetingCommand({ MeetingId }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(chime.send(new DeleteMeetingCommand({ MeetingId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    const mine = events.filter((e) => e.detail.meetingId === MeetingId);
    expect(mine.map((e) => e.detail.eventType)).toEqual([
      'chime:MeetingStarted',
      'chime:AttendeeAdded',
      'chime:MeetingEnded',
    ]);
    expect(mine[1]).toEqual({
      source: 'aws.chime',
      detailType: 'Chime Meeting State Change',
      detail: {
        version: '0',
        eventType: 'chime:AttendeeAdded',
        timestamp: expect.any(Number),
        meetingId: MeetingId,
        attendeeId: Attendee?.AttendeeId,
        externalUserId: 'user-x',
        externalMeetingId: 'call-token-delete',
        mediaRegion: 'eu-central-1',
      },
    });
  });

  it('given a restart on the same file, then meetings and attendees persist', async () => {
    const { Meeting } = await meeting('token-a');
    const again = new MeetingsEmulator({
      file,
      region: 'eu-central-1',
      accountId: '000000000000',
      publicOrigin: () => 'http://localhost:3000',
      emit: () => {},
    });
    const port = await listen(again.server, 0);
    const other = new ChimeSDKMeetingsClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

    const got = await other.send(new GetMeetingCommand({ MeetingId: Meeting?.MeetingId }));

    expect(got.Meeting?.ExternalMeetingId).toBe('call-token-a');
    other.destroy();
    again.close();
    await close(again.server);
  });
});
