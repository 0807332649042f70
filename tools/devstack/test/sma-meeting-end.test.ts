import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetMeetingCommand,
  ListAttendeesCommand,
} from '@aws-sdk/client-chime-sdk-meetings';
import { UpdateSipMediaApplicationCallCommand } from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingsEmulator } from '../src/chime/meetings.ts';
import type { ChimeBusEvent } from '../src/chime/ports.ts';
import type { SmaEvent } from '../src/chime/sma-types.ts';
import { close, listen } from '../src/http-util.ts';
import { type Harness, respond, type Script, startHarness } from './sma-harness.ts';

const CALLER = '+6591234567';
const legOf = (e: SmaEvent, tag: string) => e.CallDetails.Participants.find((p) => p.ParticipantTag === tag);

/**
 * Chime drops the meeting leg of a PSTN call when its meeting ends or its attendee is deleted: the
 * SMA gets HANGUP for that leg and, the call being bridged, runs what the handler returns. Here the
 * real meetings emulator (through the real Chime SDK Meetings client) is wired to the driver.
 */
describe('SMA driver, a joined meeting leg when the meeting side goes away', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-sma-meeting-'));
  const bus: ChimeBusEvent[] = [];
  let now = Date.now();
  let meetings: MeetingsEmulator;
  let chime: ChimeSDKMeetingsClient;
  let h: Harness<MeetingsEmulator>;

  beforeAll(async () => {
    meetings = new MeetingsEmulator({
      file: join(dir, 'chime-meetings.json'),
      region: 'eu-central-1',
      accountId: '000000000000',
      publicOrigin: () => 'http://localhost:3000',
      emit: (e) => bus.push(e),
      now: () => now,
    });
    const port = await listen(meetings.server, 0);
    chime = new ChimeSDKMeetingsClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    h = await startHarness(meetings);
  });
  afterAll(async () => {
    await h.close();
    chime.destroy();
    meetings.close();
    await close(meetings.server);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A meeting with a web and a phone attendee. */
  const meeting = async (name: string) => {
    const out = await chime.send(
      new CreateMeetingWithAttendeesCommand({
        MediaRegion: 'eu-central-1',
        ExternalMeetingId: name,
        Attendees: [{ ExternalUserId: `${name}-web` }, { ExternalUserId: `${name}-phone` }],
      }),
    );
    return {
      meetingId: out.Meeting?.MeetingId ?? '',
      phone: { id: out.Attendees?.[1]?.AttendeeId ?? '', token: out.Attendees?.[1]?.JoinToken ?? '' },
    };
  };

  /** An inbound call the handler joins to `m` as its phone attendee; `onHangup` answers HANGUP. */
  const joinedCall = async (m: Awaited<ReturnType<typeof meeting>>, onHangup: Script) => {
    h.script.current = (event, attempt) => {
      if (event.InvocationEventType === 'NEW_INBOUND_CALL')
        return respond([
          { Type: 'JoinChimeMeeting', Parameters: { JoinToken: m.phone.token, MeetingId: m.meetingId } },
        ]);
      if (event.InvocationEventType === 'HANGUP') return onHangup(event, attempt);
      return respond();
    };
    const call = h.dial(CALLER);
    const active = await h.until(() => h.phone.get(call.id)?.meeting && h.phone.get(call.id), 'the join');
    const tx = active.transactionId ?? '';
    await h.until(() => h.sequence(tx).includes('ACTION_SUCCESSFUL:JoinChimeMeeting'), 'ACTION_SUCCESSFUL');
    return { call, tx };
  };
  const hangups = (tx: string) =>
    h.events.filter((e) => e.CallDetails.TransactionId === tx && e.InvocationEventType === 'HANGUP');
  const hangUpLegA: Script = (event) =>
    legOf(event, 'LEG-A')?.Status === 'Connected'
      ? respond([{ Type: 'Hangup', Parameters: { ParticipantTag: 'LEG-A', SipResponseCode: '0' } }])
      : respond();
  const busTypes = (meetingId: string) =>
    bus
      .filter((e) => e.detail.meetingId === meetingId)
      .map((e) => `${e.detail.eventType}:${e.detail.networkType ?? ''}`);

  it('given a call joined with JoinChimeMeeting, when DeleteMeeting, then HANGUP for LEG-B (Disconnected) runs the handler’s Hangup of LEG-A and the transaction ends', async () => {
    const m = await meeting('deleted');
    const { call, tx } = await joinedCall(m, hangUpLegA);
    const joined = h.events.find(
      (e) => e.CallDetails.TransactionId === tx && e.ActionData?.Type === 'JoinChimeMeeting',
    );
    const meetingLegId = legOf(joined as SmaEvent, 'LEG-B')?.CallId;

    await chime.send(new DeleteMeetingCommand({ MeetingId: m.meetingId }));
    await h.until(() => hangups(tx).length === 2, 'both HANGUPs');

    expect(h.sequence(tx)).toEqual(['NEW_INBOUND_CALL', 'ACTION_SUCCESSFUL:JoinChimeMeeting', 'HANGUP', 'HANGUP']);
    const [meetingGone, callerGone] = hangups(tx) as [SmaEvent, SmaEvent];
    expect(meetingGone.ActionData).toEqual({
      Type: 'Hangup',
      Parameters: { SipResponseCode: '0', CallId: meetingLegId, ParticipantTag: 'LEG-B' },
    });
    expect(legOf(meetingGone, 'LEG-B')).toMatchObject({
      To: '+17035550122',
      From: 'SMA',
      Direction: 'Outbound',
      Status: 'Disconnected',
    });
    expect(legOf(meetingGone, 'LEG-A')?.Status).toBe('Connected');
    expect(callerGone.ActionData).toMatchObject({ Parameters: { ParticipantTag: 'LEG-A', SipResponseCode: '0' } });
    expect(callerGone.CallDetails.Participants.map((p) => p.Status)).toEqual(['Disconnected', 'Disconnected']);
    expect(h.phone.get(call.id)).toMatchObject({ state: 'ended', endReason: 'remote-hung-up' });
    expect(busTypes(m.meetingId).slice(-2)).toEqual(['chime:AttendeeLeft:PSTN', 'chime:MeetingEnded:']);
    const update = await h.voice
      .send(
        new UpdateSipMediaApplicationCallCommand({ SipMediaApplicationId: h.smaId, TransactionId: tx, Arguments: {} }),
      )
      .catch((e: Error) => e);
    expect(update).toMatchObject({ name: 'NotFoundException' });
  });

  it('given a call joined with JoinChimeMeeting, when its attendee is deleted, then HANGUP for LEG-B and the handler’s actions run on the caller; the meeting goes on', async () => {
    const m = await meeting('attendee-deleted');
    const { call, tx } = await joinedCall(m, (event) =>
      legOf(event, 'LEG-A')?.Status === 'Connected'
        ? respond([
            { Type: 'Speak', Parameters: { CallId: legOf(event, 'LEG-A')?.CallId, Text: 'The call has ended.' } },
            { Type: 'Hangup', Parameters: { ParticipantTag: 'LEG-A', SipResponseCode: '0' } },
          ])
        : respond(),
    );

    await chime.send(new DeleteAttendeeCommand({ MeetingId: m.meetingId, AttendeeId: m.phone.id }));
    await h.until(() => hangups(tx).length === 2, 'both HANGUPs');

    expect(h.sequence(tx)).toEqual(['NEW_INBOUND_CALL', 'ACTION_SUCCESSFUL:JoinChimeMeeting', 'HANGUP', 'HANGUP']);
    expect(hangups(tx)[0]?.ActionData).toMatchObject({ Parameters: { ParticipantTag: 'LEG-B', SipResponseCode: '0' } });
    expect(legOf(hangups(tx)[0] as SmaEvent, 'LEG-B')?.Status).toBe('Disconnected');
    expect(h.phone.get(call.id)?.spoken).toContainEqual(expect.objectContaining({ text: 'The call has ended.' }));
    expect(h.phone.get(call.id)).toMatchObject({ state: 'ended', endReason: 'remote-hung-up' });
    expect((await chime.send(new GetMeetingCommand({ MeetingId: m.meetingId }))).Meeting).toBeDefined();
    const left = await chime.send(new ListAttendeesCommand({ MeetingId: m.meetingId }));
    expect(left.Attendees?.map((a) => a.ExternalUserId)).toEqual(['attendee-deleted-web']);
    expect(busTypes(m.meetingId).slice(-2)).toEqual(['chime:AttendeeLeft:PSTN', 'chime:AttendeeDeleted:']);
  });

  it('given a handler that returns nothing on that HANGUP, then the caller stays connected (the peer is never hung up for it) until they hang up', async () => {
    const m = await meeting('left-open');
    const { call, tx } = await joinedCall(m, () => respond());

    await chime.send(new DeleteMeetingCommand({ MeetingId: m.meetingId }));
    await h.until(() => hangups(tx).length === 1, 'HANGUP of LEG-B');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.phone.get(call.id)?.state).toBe('active');
    h.phone.hangup(call.id);
    await h.until(() => hangups(tx).length === 2, 'HANGUP of LEG-A');

    expect(h.sequence(tx)).toEqual(['NEW_INBOUND_CALL', 'ACTION_SUCCESSFUL:JoinChimeMeeting', 'HANGUP', 'HANGUP']);
    expect(hangups(tx)[1]?.ActionData).toMatchObject({ Parameters: { ParticipantTag: 'LEG-A' } });
    expect(h.phone.get(call.id)).toMatchObject({ state: 'ended', endReason: 'hung-up' });
  });

  it('given a joined call, when the meeting ends on its own (24 h after creation), then the meeting leg hangs up the same way', async () => {
    const m = await meeting('max-duration');
    const { call, tx } = await joinedCall(m, hangUpLegA);

    now += 24 * 60 * 60_000;
    meetings.sweep();
    await h.until(() => hangups(tx).length === 2, 'both HANGUPs');

    expect(hangups(tx)[0]?.ActionData).toMatchObject({ Parameters: { ParticipantTag: 'LEG-B', SipResponseCode: '0' } });
    expect(h.phone.get(call.id)).toMatchObject({ state: 'ended', endReason: 'remote-hung-up' });
    await expect(chime.send(new GetMeetingCommand({ MeetingId: m.meetingId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});
