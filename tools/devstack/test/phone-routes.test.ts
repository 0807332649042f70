import { createServer, type Server } from 'node:http';
import { CreateSipRuleCommand, CreateVoiceConnectorCommand } from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PstnCall } from '../src/chime/pstn-calls.ts';
import { pstnRoute } from '../src/chime/pstn-routes.ts';
import { PstnTrunks } from '../src/chime/pstn-trunks.ts';
import { close, listen, sendError } from '../src/http-util.ts';
import { type Harness, respond, startHarness } from './sma-harness.ts';

describe('the virtual phone at /_dev/pstn, over HTTP', () => {
  let h: Harness;
  let server: Server;
  let base = '';
  let vcHost = '';

  beforeAll(async () => {
    h = await startHarness();
    h.script.current = (event) =>
      event.InvocationEventType === 'NEW_INBOUND_CALL'
        ? respond([{ Type: 'Pause', Parameters: { DurationInMilliseconds: 60_000 } }])
        : respond();
    // origin-like: /_dev/pstn/… goes to the virtual phone, the rest is someone else's
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://devstack');
      if (url.pathname.startsWith('/_dev/pstn')) void pstnRoute(req, res, url, h.routes);
      else sendError(res, 404, 'not_found', 'not the phone');
    });
    base = `http://127.0.0.1:${await listen(server, 0)}/_dev/pstn`;
    const { VoiceConnector } = await h.voice.send(
      new CreateVoiceConnectorCommand({ Name: 'carrier', AwsRegion: 'eu-central-1', RequireEncryption: true }),
    );
    vcHost = VoiceConnector?.OutboundHostName ?? '';
    await h.voice.send(
      new CreateSipRuleCommand({
        Name: 'carrier trunk',
        TriggerType: 'RequestUriHostname',
        TriggerValue: vcHost,
        TargetApplications: [{ SipMediaApplicationId: h.smaId, Priority: 1, AwsRegion: 'eu-central-1' }],
      }),
    );
  });
  afterAll(async () => {
    await close(server);
    await h.close();
  });

  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('given a number a SIP rule routes, when dialed, then 201 and the call rings until the SMA answers, then hangs up', async () => {
    const dialed = await send('POST', '/calls', { from: '+41441230010', to: h.number });

    expect(dialed.status).toBe(201);
    expect(dialed.body).toMatchObject({
      id: expect.any(String),
      direction: 'inbound',
      from: '+41441230010',
      to: h.number,
      state: 'ringing',
    });
    const id = (dialed.body as PstnCall).id;
    await h.until(() => h.phone.get(id)?.state === 'active', 'the answer');
    const shown = await send('GET', `/calls/${id}`);
    expect(shown.body).toMatchObject({
      state: 'active',
      actions: [expect.objectContaining({ type: 'Pause' })],
      answeredAt: expect.any(String),
    });
    expect((await send('GET', '/calls')).body.items.map((c: PstnCall) => c.id)).toContain(id);
    expect((await send('POST', `/calls/${id}/digits`, { digits: '12#' })).body.digitsSent).toEqual([
      expect.objectContaining({ digits: '12#' }),
    ]);
    expect((await send('POST', `/calls/${id}/hangup`)).body).toMatchObject({
      state: 'ended',
      endReason: 'hung-up',
      endedAt: expect.any(String),
    });
    expect(await send('POST', `/calls/${id}/hangup`)).toMatchObject({
      status: 409,
      body: { error: { code: 'invalid_state' } },
    });
  });

  it('given a number no rule routes and no trunk holds, when dialed, then the call fails at once with the reason', async () => {
    const dialed = await send('POST', '/calls', { from: '+41441230011', to: '+50769990000' });

    expect(dialed.status).toBe(201);
    expect(dialed.body).toMatchObject({
      state: 'failed',
      endReason: 'not-routed',
      message: expect.stringContaining('+50769990000'),
    });
  });

  it('given a carrier trunk for a Panama number, when dialed, then the SMA sees To +17035550122 and the dialed number in X-Parley-Dialed-Number', async () => {
    const put = await send('PUT', `/trunks/${encodeURIComponent('+50761230012')}`, { voiceConnectorHost: vcHost });
    const again = await send('PUT', '/trunks/+50761230012', { voiceConnectorHost: vcHost });
    const dialed = await send('POST', '/calls', { from: '+50761111111', to: '+50761230012' });
    const id = (dialed.body as PstnCall).id;
    const tx = await h.until(() => h.phone.get(id)?.transactionId, 'the transaction');
    const inbound = await h.until(() => h.events.find((e) => e.CallDetails.TransactionId === tx), 'NEW_INBOUND_CALL');

    expect(put).toMatchObject({ status: 201, body: { e164: '+50761230012', voiceConnectorHost: vcHost } });
    expect(again.status).toBe(200);
    expect((await send('GET', '/trunks')).body.items).toEqual([expect.objectContaining({ e164: '+50761230012' })]);
    expect(inbound.CallDetails.Participants[0]).toMatchObject({
      To: '+17035550122',
      From: '+50761111111',
      SipHeaders: { 'X-Parley-Dialed-Number': '+50761230012' },
    });
    expect(dialed.body).toMatchObject({ to: '+50761230012', sipHeaders: { 'X-Parley-Dialed-Number': '+50761230012' } });
    expect(new PstnTrunks((h.routes.trunks as unknown as { file: string }).file).get('+50761230012')).toBeDefined();
    expect((await send('DELETE', '/trunks/+50761230012')).status).toBe(204);
    expect((await send('DELETE', '/trunks/+50761230012')).status).toBe(404);
  });

  it('given a trunk whose host no SIP rule names, when dialed, then the call fails at once', async () => {
    await send('PUT', '/trunks/+6561230013', { voiceConnectorHost: 'nobody.voiceconnector.chime.aws' });

    const dialed = await send('POST', '/calls', { from: '+6561111111', to: '+6561230013' });

    expect(dialed.body).toMatchObject({
      state: 'failed',
      endReason: 'not-routed',
      message: expect.stringContaining('nobody.voiceconnector.chime.aws'),
    });
  });

  it.each([
    ['POST', '/calls', 'not json', 400, 'validation_failed'],
    ['POST', '/calls', { from: '0044', to: '+41441234567' }, 400, 'validation_failed'],
    ['POST', '/calls', { from: '+41441234567' }, 400, 'validation_failed'],
    ['PUT', '/trunks/12345', { voiceConnectorHost: 'a.voiceconnector.chime.aws' }, 400, 'validation_failed'],
    ['PUT', '/trunks/+41441234567', { voiceConnectorHost: 'not a host' }, 400, 'validation_failed'],
    ['GET', '/calls/no-such-call', undefined, 404, 'not_found'],
    ['POST', '/calls/no-such-call/answer', undefined, 404, 'not_found'],
    ['DELETE', '/calls', undefined, 404, 'not_found'],
  ])('given %s %s with %j, then %i %s', async (method, path, body, status, code) => {
    expect(await send(method, path, body)).toMatchObject({
      status,
      body: { error: { code, message: expect.any(String) } },
    });
  });

  it('given a call from Parley ringing the phone, when answered over HTTP, then it is active; an inbound call cannot be answered; bad digits are refused', async () => {
    const ringing = h.phone.open({ direction: 'outbound', from: h.number, to: '+41441230014' });
    const outcome = h.phone.ring(ringing, 60_000);
    const inbound = await send('POST', '/calls', { from: '+41441230015', to: h.number });

    const answered = await send('POST', `/calls/${ringing.id}/answer`);

    expect(answered).toMatchObject({ status: 200, body: { state: 'active' } });
    expect(await outcome).toBe('answered');
    expect(await send('POST', `/calls/${inbound.body.id}/answer`)).toMatchObject({
      status: 409,
      body: { error: { code: 'invalid_state' } },
    });
    expect(await send('POST', `/calls/${ringing.id}/digits`, { digits: 'x' })).toMatchObject({ status: 400 });
  });
});
