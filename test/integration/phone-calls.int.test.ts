// biome-ignore-all lint/suspicious/noExplicitAny: responses, frames and phone calls are read field by field
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { devstackClients } from '@parley/testing/devstack-clients';
import { sse } from '@parley/testing/sse';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/http.ts';
import { smsTo, verifyMobileNumber } from '../support/mobile.ts';
import { giveNumber } from '../support/numbers.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Phone calls end to end on devstack, through the same routes and frames as the web client and
// the virtual phone playing the far end: calling's smaHandler invoked by the SIP media application
// driver, the carrier trunk to a Singapore pool number, RecordAudio into the audio bucket.
const devstack = inject('devstack');
const { url } = devstack;
const calling = api('calling', url);
const usage = api('usage', url);
const aws = devstackClients(devstack);
const sockets: RealtimeClient[] = [];
const SWISS_LANDLINE = '+41446681800';
const POLL = { timeout: 20_000, interval: 250 };

let ana: RegisteredUser & { token: string };
let anaNumber: string;

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  aws.destroy();
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
const frameOf = (type: string, callId?: string) => (f: { type: string; data: Record<string, unknown> }) =>
  f.type === type && (callId === undefined || f.data.callId === callId);

const phone = async (path = '', init?: RequestInit): Promise<any> => {
  const res = await fetch(`${url}/_dev/pstn/calls${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: url },
  });
  return res.json();
};
const dial = (from: string, to: string) => phone('', { method: 'POST', body: JSON.stringify({ from, to }) });
const phoneCall = (id: string) => phone(`/${id}`);
const act = (id: string, verb: string, body?: object) =>
  phone(`/${id}/${verb}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
const actionTypes = (call: any): string[] => call.actions.map((a: any) => a.type);
/** The virtual phone's newest outbound call to `to`, once Parley dialled it. */
const outboundTo = async (to: string) =>
  ((await phone()).items as any[]).find((c) => c.direction === 'outbound' && c.to === to);

/** Dials Ana's number once calling has learnt it is hers (NumberAssigned crosses the bus). */
async function ringAna(socket: RealtimeClient, from: string) {
  let call: any;
  let inbound: any;
  await expect
    .poll(async () => {
      call = await dial(from, anaNumber);
      inbound = await socket
        .waitFor((f) => f.type === 'calling.CallInbound' && f.data.from === from, 4_000)
        .catch(() => undefined);
      if (!inbound) await act(call.id, 'hangup');
      return inbound !== undefined;
    }, POLL)
    .toBe(true);
  return { phoneCallId: call.id as string, inbound };
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Runs calling's monthly storage charge as its schedule would at `at`, through serverless-offline's Lambda invoke API. */
async function runVoicemailStorage(at: Date): Promise<void> {
  const port = devstack.services.calling?.lambda;
  const res = await fetch(
    `http://127.0.0.1:${port}/2015-03-31/functions/parley-calling-${devstack.stage}-recordVoicemailStorage/invocations`,
    {
      method: 'POST',
      body: JSON.stringify({ id: `run-${at.getTime()}`, 'detail-type': 'Scheduled Event', time: at.toISOString() }),
    },
  );
  expect({ status: res.status, error: res.headers.get('x-amz-function-error') }).toEqual({ status: 200, error: null });
}

/** Ana and her number, set up by the first test that needs them (expect.poll runs only inside a test). */
let setUp: Promise<void> | undefined;
const anaHasNumber = () =>
  (setUp ??= (async () => {
    ana = await person();
    anaNumber = await giveNumber(devstack, ana);
  })());

describe('phone calls', () => {
  it('given a phone dials Ana’s number, when Ana answers in the browser, then the phone leg joins her meeting, and when the phone hangs up the call log has duration and cost', async () => {
    await anaHasNumber();
    const socket = await connect(ana);
    const from = '+6591234567';
    const { phoneCallId, inbound } = await ringAna(socket, from);
    expect(inbound.data).toMatchObject({ calleeId: ana.user.id, from, to: anaNumber, country: 'SG' });
    const callId = inbound.data.callId as string;
    // the caller hears ringback, never silence
    await expect.poll(async () => actionTypes(await phoneCall(phoneCallId)), POLL).toContain('PlayAudio');

    const answered = await calling('POST', `/calls/${callId}/answer`, { token: ana.token, body: {} });
    expect(answered.status).toBe(200);
    expect(answered.body.call).toMatchObject({ kind: 'pstn-in', state: 'active', from, to: anaNumber });
    expect(answered.body.join.attendee).toMatchObject({ ExternalUserId: ana.user.id });
    await expect.poll(async () => actionTypes(await phoneCall(phoneCallId)), POLL).toContain('JoinChimeMeeting');
    expect((await phoneCall(phoneCallId)).meeting.meetingId).toBe(answered.body.join.meeting.MeetingId);

    await new Promise((r) => setTimeout(r, 1_200));
    await act(phoneCallId, 'hangup');
    const ended = await socket.waitFor(frameOf('calling.CallEnded', callId));
    expect(ended.data).toMatchObject({ endReason: 'completed', cost: { currency: 'USD' } });
    const logged = (await calling('GET', `/calls/${callId}`, { token: ana.token })).body.call;
    expect(logged).toMatchObject({ kind: 'pstn-in', state: 'ended', endReason: 'completed', direction: 'incoming' });
    expect(logged.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(logged.cost.amount).toBeGreaterThan(0);

    // nobody else sees or touches it
    const cai = await person();
    for (const [method, path] of [
      ['GET', `/calls/${callId}`],
      ['POST', `/calls/${callId}/answer`],
      ['POST', `/calls/${callId}/hangup`],
      ['POST', `/calls/${callId}/dtmf`],
    ] as const) {
      const res = await calling(method, path, {
        token: cai.token,
        ...(path.endsWith('dtmf') ? { body: { digits: '1' } } : {}),
      });
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('given Ana does not answer, when the ring time is over, then the caller leaves a voicemail: a real object in S3, VoicemailLeft, an SMS to Ana, and the voicemail in her list', async () => {
    await anaHasNumber();
    const mobile = `+4179${String(Date.now()).slice(-7)}`;
    await verifyMobileNumber(url, ana.token, mobile);
    expect(
      (
        await calling('PUT', '/settings', {
          token: ana.token,
          body: { ringTimeoutSeconds: 10, voicemailEnabled: true, greeting: 'Ana here. Leave a message.' },
        })
      ).status,
    ).toBe(200);
    const socket = await connect(ana);
    const from = '+6598765432';
    const { phoneCallId, inbound } = await ringAna(socket, from);
    const callId = inbound.data.callId as string;

    // the ring time passes: the greeting, then RecordAudio; the caller speaks 2 s and presses #
    await expect
      .poll(async () => actionTypes(await phoneCall(phoneCallId)), { ...POLL, timeout: 30_000 })
      .toContain('RecordAudio');
    expect((await phoneCall(phoneCallId)).spoken.map((s: any) => s.text)).toContain('Ana here. Leave a message.');
    await new Promise((r) => setTimeout(r, 2_000));
    await act(phoneCallId, 'digits', { digits: '#' });

    const left = await socket.waitFor(frameOf('calling.VoicemailLeft', callId), 20_000);
    expect(left.data).toMatchObject({ ownerId: ana.user.id, from, to: anaNumber });
    expect(left.data.durationSeconds).toBeGreaterThanOrEqual(1);
    const recording = (await phoneCall(phoneCallId)).recordings[0];
    const object = await aws.s3.send(new HeadObjectCommand({ Bucket: recording.bucket, Key: recording.key }));
    expect(object.ContentLength).toBeGreaterThan(16_000);

    await expect
      .poll(async () => (await smsTo(url, mobile)).map((s) => s.message), POLL)
      .toContain(`Parley: ${from} left you a voicemail. Open Parley to listen.`);

    const list = await calling('GET', '/voicemails', { token: ana.token });
    expect(list.body.items[0]).toMatchObject({ id: left.data.voicemailId, from, heard: false });
    expect(list.body.unheardCount).toBeGreaterThanOrEqual(1);
    const one = await calling('GET', `/voicemails/${left.data.voicemailId}`, { token: ana.token });
    const audio = await fetch(one.body.audioUrl);
    expect([audio.status, (await audio.arrayBuffer()).byteLength]).toEqual([200, object.ContentLength]);
    const heard = await calling('POST', `/voicemails/${left.data.voicemailId}/heard`, { token: ana.token });
    expect(heard.body.voicemail.heard).toBe(true);

    // its storage: this month's line when it was stored, next month's from the monthly run, once
    // though the run is retried (the same event ids)
    const kilobytes = Math.ceil((object.ContentLength ?? 0) / 1024);
    const storageOf = async (month: string) =>
      ((await usage('GET', `/usage/me?month=${month}`, { token: ana.token })).body.costliest as any[]).filter(
        (l) => l.feature === 'voicemail-storage' && l.ref === callId,
      );
    await expect
      .poll(() => storageOf(monthOf(new Date())), POLL)
      .toEqual([expect.objectContaining({ quantity: kilobytes, unit: 'kilobyte-month', country: 'SG' })]);
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 1);
    next.setUTCHours(0, 30, 0, 0);
    await runVoicemailStorage(next);
    await runVoicemailStorage(next);
    await expect
      .poll(() => storageOf(monthOf(next)), POLL)
      .toEqual([
        expect.objectContaining({ quantity: kilobytes, unit: 'kilobyte-month', country: 'SG', at: next.toISOString() }),
      ]);
    // the retry's events reached the ledger too, and changed nothing
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await storageOf(monthOf(next))).toHaveLength(1);

    // the call itself is a missed call with its voicemail
    const call = (await calling('GET', `/calls/${callId}`, { token: ana.token })).body.call;
    expect(call).toMatchObject({ kind: 'pstn-in', endReason: 'missed', phone: { voicemailId: left.data.voicemailId } });

    const cai = await person();
    expect((await calling('GET', `/voicemails/${left.data.voicemailId}`, { token: cai.token })).status).toBe(404);
    expect((await calling('DELETE', `/voicemails/${left.data.voicemailId}`, { token: cai.token })).status).toBe(404);
    expect((await calling('DELETE', `/voicemails/${left.data.voicemailId}`, { token: ana.token })).status).toBe(204);
    await expect(
      aws.s3.send(new HeadObjectCommand({ Bucket: recording.bucket, Key: recording.key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  }, 90_000);

  it('given a quote, when Ana calls a Swiss landline and the phone answers, then CallAnswered, her key presses reach the phone, and the far end hanging up ends the call with its cost', async () => {
    await anaHasNumber();
    const socket = await connect(ana);
    const quote = await calling('GET', `/quote?to=${encodeURIComponent(SWISS_LANDLINE)}`, { token: ana.token });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ to: SWISS_LANDLINE, country: 'CH', allowed: true, currency: 'USD' });

    const placed = await calling('POST', '/calls', {
      token: ana.token,
      body: { to: { phoneNumber: SWISS_LANDLINE }, media: 'audio' },
    });
    expect(placed.status).toBe(201);
    const callId = placed.body.call.id as string;
    expect(placed.body.call).toMatchObject({
      kind: 'pstn-out',
      state: 'ringing',
      to: SWISS_LANDLINE,
      phone: { ratePerMinute: quote.body.ratePerMinute },
    });
    await expect.poll(() => outboundTo(SWISS_LANDLINE), POLL).toMatchObject({ state: 'ringing' });
    const far = await outboundTo(SWISS_LANDLINE);

    await act(far.id, 'answer');
    await socket.waitFor(frameOf('calling.CallAnswered', callId));
    await expect.poll(async () => actionTypes(await phoneCall(far.id)), POLL).toContain('JoinChimeMeeting');
    const dtmf = await calling('POST', `/calls/${callId}/dtmf`, { token: ana.token, body: { digits: '12#' } });
    expect(dtmf.status).toBe(202);
    await expect
      .poll(async () => (await phoneCall(far.id)).digitsReceived.map((d: any) => d.digits), POLL)
      .toContain('12#');

    await new Promise((r) => setTimeout(r, 1_000));
    await act(far.id, 'hangup');
    const ended = await socket.waitFor(frameOf('calling.CallEnded', callId));
    expect(ended.data).toMatchObject({ endReason: 'completed', cost: { currency: 'USD' } });
    const log = await calling('GET', '/calls', { token: ana.token });
    const entry = log.body.items.find((c: any) => c.id === callId);
    expect(entry).toMatchObject({ kind: 'pstn-out', endReason: 'completed', direction: 'outgoing' });
    // billed as the rate table says: the first minute in full
    expect(entry.cost.amount).toBeCloseTo(quote.body.ratePerMinute, 4);

    // the ledger has the call's minutes once, even when the bus delivers its UsageRecorded again
    // after the consumer's own record of it is gone (the ledger's conditional put holds alone)
    const minutes = async () =>
      (
        (await usage('GET', `/usage/me?month=${monthOf(new Date())}`, { token: ana.token })).body.costliest as any[]
      ).filter((l) => l.feature === 'pstn-out' && l.unit === 'second' && l.ref === callId);
    const line = { country: 'CH', direction: 'outbound', amountMicros: Math.round(entry.cost.amount * 1_000_000) };
    await expect.poll(minutes, POLL).toEqual([expect.objectContaining(line)]);
    const bus = await sse<{ detailType: string; detail: any }>(`${url}/_dev/events?replay=1`);
    const published = await bus.waitFor(
      (e) =>
        e.detailType === 'calling.UsageRecorded' &&
        e.detail.data.callId === callId &&
        e.detail.data.feature === 'pstn-out' &&
        e.detail.data.unit === 'second',
    );
    bus.close();
    const eventId = published.detail.metadata.eventId as string;
    expect((await minutes())[0].eventId).toBe(eventId);
    const usageTable = `parley-usage-${devstack.stage}`;
    const idem = { pk: { S: `idem#${usageTable}-onUsageRecorded#${eventId}` }, sk: { S: 'idem' } };
    await aws.dynamodb.send(new DeleteItemCommand({ TableName: usageTable, Key: idem }));
    const again = await fetch(`${url}/_dev/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'parley.calling', detailType: 'calling.UsageRecorded', detail: published.detail }),
    });
    expect(again.status).toBe(200);
    await expect
      .poll(async () => {
        const out = await aws.dynamodb.send(
          new GetItemCommand({ TableName: usageTable, Key: idem, ConsistentRead: true }),
        );
        return out.Item?.status?.S;
      }, POLL)
      .toBe('COMPLETED');
    expect(await minutes()).toEqual([expect.objectContaining({ ...line, eventId })]);
  });

  it('given Ana forwards her calls to her mobile, when a phone dials her number, then her mobile rings with the caller shown, and the forwarded minutes are charged to her', async () => {
    await anaHasNumber();
    const forward = '+6591110000';
    const settings = { ringTimeoutSeconds: 20, voicemailEnabled: true };
    const put = await calling('PUT', '/settings', {
      token: ana.token,
      body: { ...settings, forwardToNumber: forward },
    });
    expect(put.status).toBe(200);
    try {
      const from = '+6593334444';
      // calling has known Ana's number since the first test: no poll needed
      const inbound = await dial(from, anaNumber);
      await expect.poll(() => outboundTo(forward), POLL).toMatchObject({ state: 'ringing', from });
      const mobile = await outboundTo(forward);
      await act(mobile.id, 'answer');
      await expect.poll(async () => (await phoneCall(inbound.id)).state, POLL).toBe('active');
      await new Promise((r) => setTimeout(r, 1_100));
      await act(mobile.id, 'hangup');
      await expect.poll(async () => (await phoneCall(inbound.id)).state, POLL).toBe('ended');

      const log = await calling('GET', '/calls', { token: ana.token });
      const entry = log.body.items.find((c: any) => c.kind === 'pstn-in' && c.from === from);
      expect(entry).toMatchObject({ state: 'ended', endReason: 'completed', phone: { forwardedTo: forward } });
      expect(entry.cost.amount).toBeGreaterThan(0);
    } finally {
      await calling('PUT', '/settings', { token: ana.token, body: settings });
    }
  });

  it('given a premium number, when Ana sets it as her forwarding number, then 422 and her settings are unchanged', async () => {
    await anaHasNumber();
    const before = (await calling('GET', '/settings', { token: ana.token })).body;
    const put = await calling('PUT', '/settings', {
      token: ana.token,
      body: { ringTimeoutSeconds: 20, voicemailEnabled: true, forwardToNumber: '+41900123456' },
    });
    expect([put.status, put.body.error.code, put.body.error.details]).toEqual([
      422,
      'call_not_allowed',
      [{ reason: 'premium_rate' }],
    ]);
    expect((await calling('GET', '/settings', { token: ana.token })).body).toEqual(before);
  });

  it('given Cai verified his mobile, when he calls Ana from it, then her browser shows his name', async () => {
    await anaHasNumber();
    const cai = await person();
    const caiMobile = `+4178${String(Date.now()).slice(-7)}`;
    await verifyMobileNumber(url, cai.token, caiMobile);
    const socket = await connect(ana);
    // identity.ProfileUpdated reaches calling through the bus: call again until it names him
    await expect
      .poll(async () => {
        const call = await dial(caiMobile, anaNumber);
        const frame = await socket
          .waitFor(
            (f) => f.type === 'calling.CallInbound' && f.data.from === caiMobile && 'callerName' in f.data,
            4_000,
          )
          .catch(() => undefined);
        await act(call.id, 'hangup');
        return frame?.data.callerName;
      }, POLL)
      .toBe(cai.user.displayName);
  });

  it('given premium, satellite and over-cap numbers, when quoted or dialled, then refused with the reason and nothing is dialled', async () => {
    const bea = await person();
    const cases = [
      ['+41900123456', 'premium_rate'],
      ['+881631234567', 'satellite'],
    ] as const;
    for (const [to, reason] of cases) {
      const quote = await calling('GET', `/quote?to=${encodeURIComponent(to)}`, { token: bea.token });
      expect([to, quote.body.allowed, quote.body.reason]).toEqual([to, false, reason]);
      const placed = await calling('POST', '/calls', {
        token: bea.token,
        body: { to: { phoneNumber: to }, media: 'audio' },
      });
      expect([to, placed.status, placed.body.error.code, placed.body.error.details]).toEqual([
        to,
        422,
        'call_not_allowed',
        [{ reason }],
      ]);
      expect(await outboundTo(to)).toBeUndefined();
    }
    // Bea has talked 120 minutes today already
    const day = new Date().toISOString().slice(0, 10);
    await aws.dynamodb.send(
      new PutItemCommand({
        TableName: `parley-calling-${devstack.stage}`,
        Item: {
          pk: { S: `$calling#userId_${bea.user.id}` },
          sk: { S: `$pstnDay_1#day_${day}` },
          userId: { S: bea.user.id },
          day: { S: day },
          seconds: { N: '7200' },
          spend: { N: '0' },
          __edb_e__: { S: 'pstnDay' },
          __edb_v__: { S: '1' },
        },
      }),
    );
    const capped = '+6567771234';
    const quote = await calling('GET', `/quote?to=${encodeURIComponent(capped)}`, { token: bea.token });
    expect([quote.body.allowed, quote.body.reason]).toEqual([false, 'daily_minutes_cap']);
    const placed = await calling('POST', '/calls', {
      token: bea.token,
      body: { to: { phoneNumber: capped }, media: 'audio' },
    });
    expect([placed.status, placed.body.error.details]).toEqual([422, [{ reason: 'daily_minutes_cap' }]]);
    expect(await outboundTo(capped)).toBeUndefined();
  });

  it('given Ana has no device online, when a phone dials her number, then the caller reaches voicemail at once', async () => {
    await anaHasNumber();
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    // notifications.PresenceChanged (offline) reaches calling through the bus: dial until it has
    const firstAction = async () => {
      const call = await dial('+6590001111', anaNumber);
      const deadline = Date.now() + 5_000;
      let types: string[] = [];
      while (types.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        types = actionTypes(await phoneCall(call.id));
      }
      await act(call.id, 'hangup');
      return types[0];
    };
    await expect.poll(firstAction, { timeout: 30_000, interval: 500 }).toBe('Speak');
  });
});
