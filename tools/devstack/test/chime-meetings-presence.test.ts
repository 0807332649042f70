import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetMeetingCommand,
} from '@aws-sdk/client-chime-sdk-meetings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MeetingsEmulator } from '../src/chime/meetings.ts';
import type { ChimeBusEvent, PstnLegEnded } from '../src/chime/ports.ts';
import { close, listen } from '../src/http-util.ts';

interface Frame {
  type: string;
  [key: string]: unknown;
}

/** A signaling client that keeps every frame it receives, to wait on them in order. */
function client(url: string) {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  let read = 0;
  const waiters: (() => void)[] = [];
  ws.on('message', (raw) => {
    frames.push(JSON.parse(raw.toString()) as Frame);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return {
    ws,
    frames,
    closed,
    opened: new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    }),
    async next(): Promise<Frame> {
      while (frames.length <= read) await new Promise<void>((resolve) => waiters.push(resolve));
      return frames[read++] as Frame;
    },
    send: (frame: unknown) => ws.send(JSON.stringify(frame)),
  };
}

/** The HTTP status a refused WebSocket handshake answers. */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => {});
  });
}

describe('Chime meetings presence: the signaling relay, the SMA side and the life cycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-meetings-'));
  const events: ChimeBusEvent[] = [];
  const legs: PstnLegEnded[] = [];
  let clock = Date.parse('2026-12-01T10:00:00Z');
  let emulator: MeetingsEmulator;
  let chime: ChimeSDKMeetingsClient;
  let port = 0;
  const signalUrl = (meetingId: string, token: string) =>
    `ws://127.0.0.1:${port}/_dev/chime/meetings/${meetingId}/signal?joinToken=${encodeURIComponent(token)}`;
  const eventTypes = (meetingId: string) =>
    events.filter((e) => e.detail.meetingId === meetingId).map((e) => e.detail.eventType);
  async function meetingOf(...users: string[]) {
    const out = await chime.send(
      new CreateMeetingWithAttendeesCommand({
        MediaRegion: 'eu-central-1',
        ExternalMeetingId: `call-${users.join('-')}`,
        Attendees: users.map((ExternalUserId) => ({ ExternalUserId })),
      }),
    );
    const attendees = out.Attendees ?? [];
    return {
      meetingId: out.Meeting?.MeetingId as string,
      signalingUrl: out.Meeting?.MediaPlacement?.SignalingUrl as string,
      a: { id: attendees[0]?.AttendeeId as string, token: attendees[0]?.JoinToken as string },
      b: { id: attendees[1]?.AttendeeId as string, token: attendees[1]?.JoinToken as string },
      c: { id: attendees[2]?.AttendeeId as string, token: attendees[2]?.JoinToken as string },
    };
  }

  beforeAll(async () => {
    emulator = new MeetingsEmulator({
      file: join(dir, 'chime-meetings.json'),
      region: 'eu-central-1',
      accountId: '000000000000',
      publicOrigin: () => 'http://localhost:3000',
      emit: (e) => events.push(e),
      now: () => clock,
    });
    emulator.onLegEnded((e) => legs.push(e));
    port = await listen(emulator.server, 0);
    chime = new ChimeSDKMeetingsClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    chime.destroy();
    emulator.close();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given two attendees on sockets, then presence frames flow, a signal reaches its addressee only, and DeleteMeeting ends both', async () => {
    const m = await meetingOf('alice', 'bob', 'carol');
    expect(m.signalingUrl).toBe(`ws://localhost:3000/_dev/chime/meetings/${m.meetingId}/signal`);
    const alice = client(signalUrl(m.meetingId, m.a.token));
    expect(await alice.next()).toEqual({
      type: 'joined',
      meetingId: m.meetingId,
      attendeeId: m.a.id,
      externalUserId: 'alice',
      attendees: [],
    });

    const bob = client(signalUrl(m.meetingId, m.b.token));
    expect(await bob.next()).toMatchObject({
      type: 'joined',
      attendees: [{ attendeeId: m.a.id, externalUserId: 'alice' }],
    });
    expect(await alice.next()).toEqual({ type: 'attendee-joined', attendeeId: m.b.id, externalUserId: 'bob' });
    const carol = client(signalUrl(m.meetingId, m.c.token));
    await carol.next();
    await alice.next();
    await bob.next();

    alice.send({ type: 'signal', to: m.b.id, data: { sdp: 'offer' } });
    expect(await bob.next()).toEqual({ type: 'signal', from: m.a.id, data: { sdp: 'offer' } });
    bob.ws.close();
    expect(await alice.next()).toEqual({ type: 'attendee-left', attendeeId: m.b.id });
    // The relay is ordered per socket: had carol been sent the signal, it would come before this frame.
    expect(await carol.next()).toEqual({ type: 'attendee-left', attendeeId: m.b.id });
    expect(carol.frames.map((f) => f.type)).toEqual(['joined', 'attendee-left']);

    await chime.send(new DeleteMeetingCommand({ MeetingId: m.meetingId }));
    expect(await alice.next()).toEqual({ type: 'ended' });
    expect(await alice.closed).toBe(1000);
    expect(await carol.closed).toBe(1000);
    expect(eventTypes(m.meetingId)).toEqual([
      'chime:MeetingStarted',
      ...['chime:AttendeeAdded', 'chime:AttendeeAdded', 'chime:AttendeeAdded'],
      ...['chime:AttendeeJoined', 'chime:AttendeeJoined', 'chime:AttendeeJoined', 'chime:AttendeeLeft'],
      ...['chime:AttendeeLeft', 'chime:AttendeeLeft', 'chime:MeetingEnded'],
    ]);
    expect(events.find((e) => e.detail.eventType === 'chime:AttendeeJoined')?.detail).toMatchObject({
      networkType: 'Voip',
    });
  });

  it('when the handshake names an unknown meeting, then 404; a token of another meeting, then 403', async () => {
    const one = await meetingOf('dan', 'erin');
    const two = await meetingOf('fay', 'gus');

    expect(await handshakeStatus(signalUrl('00000000-0000-4000-8000-000000000000', one.a.token))).toBe(404);
    expect(await handshakeStatus(signalUrl(one.meetingId, two.a.token))).toBe(403);
    expect(await handshakeStatus(signalUrl(one.meetingId, 'made-up'))).toBe(403);
  });

  it('given an attendee on a socket, when it is deleted, then its socket ends and the others see it leave', async () => {
    const m = await meetingOf('hal', 'ivy');
    const hal = client(signalUrl(m.meetingId, m.a.token));
    await hal.next();
    const ivy = client(signalUrl(m.meetingId, m.b.token));
    await ivy.next();
    await hal.next();

    await chime.send(new DeleteAttendeeCommand({ MeetingId: m.meetingId, AttendeeId: m.b.id }));

    expect(await ivy.next()).toEqual({ type: 'ended' });
    expect(await ivy.closed).toBe(1000);
    expect(await hal.next()).toEqual({ type: 'attendee-left', attendeeId: m.b.id });
    expect(eventTypes(m.meetingId).slice(-2)).toEqual(['chime:AttendeeLeft', 'chime:AttendeeDeleted']);
    hal.ws.close();
  });

  it('given a PSTN leg, then joinWithToken makes it present, modifyAttendees mutes it, leave ends its presence', async () => {
    const m = await meetingOf('web', 'phone');
    const web = client(signalUrl(m.meetingId, m.a.token));
    await web.next();

    expect(emulator.joinWithToken(m.meetingId, 'wrong')).toEqual({
      ok: false,
      message: 'JoinToken parameter value is invalid',
    });
    expect(emulator.joinWithToken(m.meetingId, m.b.token)).toEqual({
      ok: true,
      attendeeId: m.b.id,
      externalUserId: 'phone',
    });
    expect(await web.next()).toEqual({ type: 'attendee-joined', attendeeId: m.b.id, externalUserId: 'phone' });
    expect(events.at(-1)?.detail).toMatchObject({
      eventType: 'chime:AttendeeJoined',
      attendeeId: m.b.id,
      networkType: 'PSTN',
    });

    const phonePage = client(signalUrl(m.meetingId, m.b.token));
    expect(await phonePage.next()).toMatchObject({ type: 'joined', attendeeId: m.b.id });
    expect(emulator.modifyAttendees(m.meetingId, 'Mute', [m.b.id, 'not-an-attendee'])).toEqual({
      ok: true,
      unknown: ['not-an-attendee'],
    });
    expect(await phonePage.next()).toEqual({ type: 'muted', muted: true });
    expect(emulator.modifyAttendees('00000000-0000-4000-8000-000000000000', 'Unmute', [m.b.id])).toMatchObject({
      ok: false,
    });
    phonePage.ws.close();
    await phonePage.closed;

    emulator.leave(m.meetingId, m.b.id);
    expect(await web.next()).toEqual({ type: 'attendee-left', attendeeId: m.b.id });
    expect(events.at(-1)?.detail).toMatchObject({
      eventType: 'chime:AttendeeLeft',
      attendeeId: m.b.id,
      networkType: 'PSTN',
    });
    web.ws.close();
  });

  it('given a joined PSTN leg, when the meeting is deleted, then the driver hears that the leg ended', async () => {
    const m = await meetingOf('x-web', 'x-phone');
    emulator.joinWithToken(m.meetingId, m.b.token);

    await chime.send(new DeleteMeetingCommand({ MeetingId: m.meetingId }));

    expect(legs).toEqual([{ meetingId: m.meetingId, attendeeId: m.b.id, reason: 'MeetingDeleted' }]);
    expect(emulator.joinWithToken(m.meetingId, m.b.token)).toEqual({
      ok: false,
      message: 'MeetingId parameter value is invalid',
    });
  });

  it('given nobody present, then the meeting ends after 5 minutes; presence holds it open, and the clock restarts when the last one leaves', async () => {
    const idle = await meetingOf('idle-1', 'idle-2');
    const held = await meetingOf('held-1', 'held-2');
    emulator.joinWithToken(held.meetingId, held.a.token);

    clock += 4 * 60_000 + 59_000;
    emulator.sweep();
    expect((await chime.send(new GetMeetingCommand({ MeetingId: idle.meetingId }))).Meeting).toBeDefined();
    clock += 1000;
    emulator.sweep();
    await expect(chime.send(new GetMeetingCommand({ MeetingId: idle.meetingId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    expect(eventTypes(idle.meetingId).at(-1)).toBe('chime:MeetingEnded');

    clock += 10 * 60_000;
    emulator.sweep();
    emulator.leave(held.meetingId, held.a.id);
    clock += 4 * 60_000;
    emulator.sweep();
    expect((await chime.send(new GetMeetingCommand({ MeetingId: held.meetingId }))).Meeting).toBeDefined();
    clock += 60_000;
    emulator.sweep();
    await expect(chime.send(new GetMeetingCommand({ MeetingId: held.meetingId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    expect(legs.filter((l) => l.meetingId === held.meetingId)).toEqual([]);
  });
});
