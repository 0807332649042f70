// biome-ignore-all lint/suspicious/noExplicitAny: responses and frames are read field by field
import { ChimeSDKMeetingsClient, GetMeetingCommand } from '@aws-sdk/client-chime-sdk-meetings';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { sse } from '@parley/testing/sse';
import { afterAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiResponse, api } from '../support/http.ts';
import { verifyMobileNumber } from '../support/mobile.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Calls between people through the same HTTP routes and WebSocket frames as the web client:
// POST /api/calling/calls and its answer/decline/hangup, the calling.* frames, and the meeting in
// devstack's Chime SDK Meetings emulator (read with the real SDK).
const devstack = inject('devstack');
const { url } = devstack;
const calling = api('calling', url);
const sockets: RealtimeClient[] = [];

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
});

async function person(): Promise<RegisteredUser & { token: string }> {
  const user = await registerUser(url);
  return { ...user, token: user.tokens.accessToken };
}
async function connect(user: { token: string }): Promise<RealtimeClient> {
  const socket = await RealtimeClient.connect(websocketUrl(url), user.token);
  sockets.push(socket);
  return socket;
}
const frameOf = (type: string, callId: string) => (f: { type: string; data: Record<string, unknown> }) =>
  f.type === type && f.data.callId === callId;

/**
 * Places a call once calling's copy of the callee exists: identity.UserRegistered reaches calling
 * through the bus a moment after registration, and until then the callee is unknown (404, nothing created).
 */
async function placeCall(from: { token: string }, to: RegisteredUser, media: 'audio' | 'video' = 'audio') {
  let res: ApiResponse | undefined;
  await expect
    .poll(
      async () => {
        res = await calling('POST', '/calls', { token: from.token, body: { to: { userId: to.user.id }, media } });
        return res.status;
      },
      { timeout: 15_000, interval: 300 },
    )
    .not.toBe(404);
  return res as ApiResponse;
}

async function meetingsClient(): Promise<ChimeSDKMeetingsClient> {
  const health = (await (await fetch(`${url}/_dev/health`)).json()) as { endpoints: Record<string, string> };
  const endpoint = health.endpoints['chime-sdk-meetings'];
  expect(endpoint, 'devstack names its Chime SDK Meetings endpoint').toBeDefined();
  return new ChimeSDKMeetingsClient({ region: devstack.region, credentials: devstack.credentials, endpoint });
}
const meetingExists = async (client: ChimeSDKMeetingsClient, meetingId: string) =>
  client.send(new GetMeetingCommand({ MeetingId: meetingId })).then(
    () => true,
    (err: Error) => {
      if (err.name === 'NotFoundException') return false;
      throw err;
    },
  );

describe('app calls', () => {
  it('given Ana calls Bea, when Bea answers and Ana hangs up, then both see ringing → active → completed with its duration, and the meeting lives only while the call does', async () => {
    const [ana, bea] = [await person(), await person()];
    const [anaSocket, beaSocket] = [await connect(ana), await connect(bea)];
    const bus = await sse<{ detailType: string; detail: any }>(`${url}/_dev/events`);
    const chime = await meetingsClient();

    const placed = await placeCall(ana, bea, 'video');

    expect(placed.status).toBe(201);
    const { call, join } = placed.body;
    expect(call).toMatchObject({
      kind: 'app',
      media: 'video',
      state: 'ringing',
      callerId: ana.user.id,
      calleeId: bea.user.id,
      direction: 'outgoing',
    });
    expect(join.attendee).toMatchObject({ ExternalUserId: ana.user.id, AttendeeId: expect.any(String) });
    expect(join.meeting).toMatchObject({ ExternalMeetingId: call.id, MediaRegion: expect.any(String) });
    expect(join.meeting.MediaPlacement.SignalingUrl).toContain(`/_dev/chime/meetings/${join.meeting.MeetingId}/signal`);
    const ringing = await beaSocket.waitFor(frameOf('calling.CallRinging', call.id));
    expect(ringing.data).toEqual({
      callId: call.id,
      callerId: ana.user.id,
      callerName: ana.user.displayName,
      calleeId: bea.user.id,
      media: 'video',
      startedAt: call.startedAt,
      ringUntil: call.ringUntil,
    });
    expect(await meetingExists(chime, join.meeting.MeetingId)).toBe(true);

    const answered = await calling('POST', `/calls/${call.id}/answer`, { token: bea.token, body: {} });
    expect(answered.status).toBe(200);
    expect(answered.body.call).toMatchObject({ id: call.id, state: 'active', direction: 'incoming' });
    expect(answered.body.join.attendee).toMatchObject({ ExternalUserId: bea.user.id });
    expect(answered.body.join.meeting.MeetingId).toBe(join.meeting.MeetingId);
    await anaSocket.waitFor(frameOf('calling.CallAnswered', call.id));
    await new Promise((r) => setTimeout(r, 1_100)); // a call that lasted at least a second

    const hungUp = await calling('POST', `/calls/${call.id}/hangup`, { token: ana.token });

    expect(hungUp.status).toBe(200);
    expect(hungUp.body.call).toMatchObject({ state: 'ended', endReason: 'completed' });
    expect(hungUp.body.call.durationSeconds).toBeGreaterThanOrEqual(1);
    for (const socket of [anaSocket, beaSocket]) {
      const ended = await socket.waitFor(frameOf('calling.CallEnded', call.id));
      expect(ended.data).toMatchObject({
        endReason: 'completed',
        durationSeconds: hungUp.body.call.durationSeconds,
        endedBy: ana.user.id,
      });
    }
    await expect.poll(() => meetingExists(chime, join.meeting.MeetingId), { timeout: 5_000 }).toBe(false);
    const usage = await bus.waitFor(
      (e) => e.detailType === 'calling.UsageRecorded' && e.detail.data.callId === call.id,
    );
    expect(usage.detail.data).toMatchObject({ userId: ana.user.id, feature: 'app-call', unit: 'attendee-minute' });
    expect(usage.detail.data.quantity).toBe(2 * Math.ceil(hungUp.body.call.durationSeconds / 60));
    const log = await calling('GET', '/calls', { token: bea.token });
    expect(log.body.items).toEqual([hungUp.body.call && { ...hungUp.body.call, direction: 'incoming' }]);
    bus.close();
    chime.destroy();
  });

  it('given an answered call with both in the meeting, when both browsers vanish without hanging up, then the call ends as completed', async () => {
    const [ana, bea] = [await person(), await person()];
    const anaSocket = await connect(ana);
    const placed = (await placeCall(ana, bea)).body;
    const answered = (await calling('POST', `/calls/${placed.call.id}/answer`, { token: bea.token, body: {} })).body;
    // each browser joins the meeting's media signaling with its attendee's token, as the web client does
    const media = await Promise.all(
      [placed.join, answered.join].map(
        (join: any) =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(
              `${join.meeting.MediaPlacement.SignalingUrl}?joinToken=${encodeURIComponent(join.attendee.JoinToken)}`,
            );
            socket.once('message', () => resolve(socket)); // the `joined` frame
            socket.once('error', reject);
          }),
      ),
    );
    // calling has seen both join before they leave
    const bus = await sse<{ detailType: string; detail: any }>(`${url}/_dev/events?replay=1`);
    await bus.waitFor(
      (e) =>
        e.detailType === 'Chime Meeting State Change' &&
        e.detail.eventType === 'chime:AttendeeJoined' &&
        e.detail.externalMeetingId === placed.call.id &&
        e.detail.externalUserId === bea.user.id,
    );

    for (const socket of media) socket.terminate();

    const ended = await anaSocket.waitFor(frameOf('calling.CallEnded', placed.call.id), 20_000);
    expect(ended.data).toMatchObject({ endReason: 'completed' });
    expect(ended.data.endedBy).toBeUndefined();
    const read = await calling('GET', `/calls/${placed.call.id}`, { token: ana.token });
    expect(read.body.call).toMatchObject({ state: 'ended', endReason: 'completed' });
    bus.close();
  });

  it('given a ringing call, when Bea declines, then it ends as declined for Ana too', async () => {
    const [ana, bea] = [await person(), await person()];
    const anaSocket = await connect(ana);
    const { body } = await placeCall(ana, bea);

    const declined = await calling('POST', `/calls/${body.call.id}/decline`, { token: bea.token });

    expect(declined.status).toBe(200);
    expect(declined.body.call).toMatchObject({ state: 'ended', endReason: 'declined', direction: 'incoming' });
    const ended = await anaSocket.waitFor(frameOf('calling.CallEnded', body.call.id));
    expect(ended.data).toMatchObject({ endReason: 'declined', endedBy: bea.user.id });
    const again = await calling('POST', `/calls/${body.call.id}/answer`, { token: bea.token, body: {} });
    expect({ status: again.status, code: again.body.error?.code }).toEqual({ status: 409, code: 'call_not_ringing' });
  });

  it('given Bea on two devices, when one answers, then the other gets CallAnswered; when both answer at once, then exactly one wins', async () => {
    const [ana, bea] = [await person(), await person()];
    const [phone, laptop] = [await connect(bea), await connect(bea)];
    const first = (await placeCall(ana, bea)).body.call;
    await Promise.all([phone, laptop].map((s) => s.waitFor(frameOf('calling.CallRinging', first.id))));

    expect((await calling('POST', `/calls/${first.id}/answer`, { token: bea.token, body: {} })).status).toBe(200);
    const other = await laptop.waitFor(frameOf('calling.CallAnswered', first.id));
    expect(other.data).toMatchObject({ callId: first.id, media: 'audio' });
    await calling('POST', `/calls/${first.id}/hangup`, { token: bea.token });

    const second = (await placeCall(ana, bea)).body.call;
    const raced = await Promise.all(
      [1, 2].map(() => calling('POST', `/calls/${second.id}/answer`, { token: bea.token, body: { media: 'audio' } })),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(raced.find((r) => r.status === 409)?.body.error.code).toBe('call_not_ringing');
    await calling('POST', `/calls/${second.id}/hangup`, { token: ana.token });
  });

  it("given Bea's call to Ana is ringing, when Ana calls Bea, then that call is answered and returned (glare)", async () => {
    const [ana, bea] = [await person(), await person()];
    await placeCall(ana, bea).then((r) => calling('POST', `/calls/${r.body.call.id}/hangup`, { token: ana.token }));
    const beaToAna = (await placeCall(bea, ana)).body.call;

    const crossing = await calling('POST', '/calls', {
      token: ana.token,
      body: { to: { userId: bea.user.id }, media: 'audio' },
    });

    expect(crossing.status).toBe(200);
    expect(crossing.body.call).toMatchObject({ id: beaToAna.id, state: 'active', direction: 'incoming' });
    expect(crossing.body.join.attendee).toMatchObject({ ExternalUserId: ana.user.id });
    await calling('POST', `/calls/${beaToAna.id}/hangup`, { token: ana.token });
  });

  it('given a call between Ana and Bea, when a stranger reads, answers, declines or hangs it up, then 404 and the call rings on', async () => {
    const [ana, bea, eve] = [await person(), await person(), await person()];
    const { call } = (await placeCall(ana, bea)).body;

    for (const [method, path] of [
      ['GET', `/calls/${call.id}`],
      ['POST', `/calls/${call.id}/answer`],
      ['POST', `/calls/${call.id}/decline`],
      ['POST', `/calls/${call.id}/hangup`],
    ] as const) {
      const res = await calling(method, path, { token: eve.token, ...(method === 'POST' ? { body: {} } : {}) });
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 404,
        code: 'call_not_found',
      });
    }
    const seen = await calling('GET', `/calls/${call.id}`, { token: bea.token });
    expect(seen.body.call).toMatchObject({ state: 'ringing', direction: 'incoming' });
    expect((await calling('GET', '/calls', { token: eve.token })).body.items).toEqual([]);
    await calling('POST', `/calls/${call.id}/hangup`, { token: ana.token });
  });

  it('given Bea rings for 10 s and has a verified mobile number, when she does not answer, then the call is missed, she gets CallMissed and an SMS, and can mark it seen', async () => {
    const [ana, bea] = [await person(), await person()];
    const number = `+4179${String(Date.now()).slice(-7)}`;
    await verifyMobileNumber(url, bea.token, number);
    const settings = { ringTimeoutSeconds: 10, voicemailEnabled: false };
    expect((await calling('PUT', '/settings', { token: bea.token, body: settings })).body).toEqual(settings);
    const [anaSocket, beaSocket] = [await connect(ana), await connect(bea)];

    const { call } = (await placeCall(ana, bea)).body;

    expect(Date.parse(call.ringUntil) - Date.parse(call.startedAt)).toBe(10_000);
    const missed = await beaSocket.waitFor(frameOf('calling.CallMissed', call.id), 30_000);
    expect(missed.data).toEqual({
      callId: call.id,
      callerId: ana.user.id,
      callerName: ana.user.displayName,
      calleeId: bea.user.id,
      at: expect.any(String),
    });
    expect(Date.parse(missed.data.at as string)).toBeGreaterThanOrEqual(Date.parse(call.ringUntil));
    const ended = await anaSocket.waitFor(frameOf('calling.CallEnded', call.id));
    expect(ended.data).toMatchObject({ endReason: 'missed' });
    expect(ended.data.durationSeconds).toBeUndefined();
    const log = await calling('GET', '/calls', { token: bea.token });
    expect(log.body.unseenMissedCount).toBe(1);
    expect(log.body.items[0]).toMatchObject({ id: call.id, endReason: 'missed', direction: 'incoming', seen: false });
    await expect
      .poll(
        async () => {
          const { items } = (await (await fetch(`${url}/_dev/sms`)).json()) as {
            items: { phoneNumber: string; message: string }[];
          };
          return items
            .filter((i) => i.phoneNumber === number && !i.message.includes('verification code'))
            .map((i) => i.message);
        },
        { timeout: 15_000 },
      )
      .toEqual([`Parley: missed call from ${ana.user.displayName}. Open Parley to call back.`]);

    expect((await calling('POST', '/calls/seen', { token: bea.token })).status).toBe(204);

    const after = await calling('GET', '/calls', { token: bea.token });
    expect(after.body.unseenMissedCount).toBe(0);
    expect(after.body.items[0]).toMatchObject({ id: call.id, seen: true });
  });

  it('given bad input, when calling, then 4xx with the error and nothing is created', async () => {
    const [ana, bea, cai] = [await person(), await person(), await person()];
    // calling knows Bea (a call from Cai rang her): a refusal below is the input's, not a lagging copy
    await placeCall(cai, bea).then((r) => calling('POST', `/calls/${r.body.call.id}/hangup`, { token: cai.token }));
    const attempt = (body: unknown) => calling('POST', '/calls', { token: ana.token, body });

    const answers = [
      await attempt({ to: { userId: bea.user.id }, media: 'fax' }),
      await attempt({ to: { userId: bea.user.id }, media: 'audio', priority: 'high' }),
      await attempt({ to: { userId: 'nobody-at-all' }, media: 'audio' }),
      await attempt({ to: { userId: ana.user.id }, media: 'audio' }),
    ];

    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [404, 'user_not_found'],
      [422, 'cannot_call_yourself'],
    ]);
    const log = await calling('GET', '/calls', { token: ana.token });
    expect(log.body).toEqual({ items: [], unseenMissedCount: 0 });
    expect((await calling('GET', '/calls?limit=0', { token: ana.token })).status).toBe(400);
  });
});
