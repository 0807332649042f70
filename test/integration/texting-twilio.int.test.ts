// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerFrame } from '@parley/realtime/frames';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { type RunningDevstack, startDevstack } from '@parley/testing/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/http.ts';
import { assignNumber } from '../support/numbers.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Issue 17 on Twilio (ADRs 0026, 0028, 0029): the run's devstack texts through AWS, so this file boots
// a second devstack with `messagingProvider: 'twilio'` (its own free ports, its own data dir, hence its
// own build folder) and walks a text conversation through its public routes and its Twilio emulator,
// as a phone and a person would: the phone texts the person's Parley number (a signed form post to
// notifications' webhook), the person replies (a Messages create on "Twilio"), Twilio's signed status
// callbacks move the reply's delivery, forged webhooks change nothing, and STOP stops the next reply.
const TWILIO = {
  accountSid: 'AC00000000000000000000000000000000',
  authToken: 'devstack-twilio-auth-token',
} as const;
/** the Twilio test number every send to it accepts and then reports `undelivered` (error 30003) */
const UNREACHABLE = '+15005550001';
const POLL = { timeout: 30_000, interval: 250 };

const dataDir = mkdtempSync(join(tmpdir(), 'parley-devstack-twilio-texting-'));
let stack: RunningDevstack;
let url: string;
let messaging: ReturnType<typeof api>;
let ana: RegisteredUser;
let parleyNumber: string;
let socket: RealtimeClient;
/** the phone that texts Ana; unique per run although the stack is fresh */
const phone = `+4179${String(Date.now()).slice(-7)}`;
let conversationId: string;

/** Twilio's X-Twilio-Signature: base64(HMAC-SHA1(token, url + each form field sorted by name, name then value)). */
function twilioSignature(token: string, signedUrl: string, form: Record<string, string>): string {
  const data = Object.keys(form)
    .sort()
    .reduce((acc, key) => acc + key + form[key], signedUrl);
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

const webhookUrl = (route: 'sms' | 'status', query = '') => `${url}/api/notifications/webhooks/twilio/${route}${query}`;

/**
 * A Twilio webhook as Twilio posts it: form-encoded, `X-Twilio-Signature` over `signedUrl` (by default
 * the URL posted to) with `token`, or no signature header with `token: null`; `tamper` edits the form
 * after it was signed.
 */
async function postTwilio(
  route: 'sms' | 'status',
  form: Record<string, string>,
  opts: { query?: string; token?: string | null; signedUrl?: string; tamper?: Record<string, string> } = {},
) {
  const target = webhookUrl(route, opts.query);
  const token = opts.token === undefined ? TWILIO.authToken : opts.token;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'TwilioProxy/1.1',
  };
  if (token !== null) headers['x-twilio-signature'] = twilioSignature(token, opts.signedUrl ?? target, form);
  const res = await fetch(target, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ ...form, ...opts.tamper }).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const smsSid = () => `SM${randomBytes(16).toString('hex')}`;

/** An inbound SMS's form, in the fields Twilio sends. */
const inboundForm = (from: string, body: string, sid = smsSid()): Record<string, string> => ({
  MessageSid: sid,
  SmsMessageSid: sid,
  SmsSid: sid,
  AccountSid: TWILIO.accountSid,
  From: from,
  To: parleyNumber,
  Body: body,
  NumMedia: '0',
  NumSegments: '1',
  SmsStatus: 'received',
  ApiVersion: '2010-04-01',
});

/** The phone's side: devstack's Twilio posts the text, signed, to notifications' webhook. */
async function phoneTexts(from: string, body: string): Promise<{ id: string; status: number; provider: string }> {
  const res = await fetch(`${url}/_dev/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: parleyNumber, body, channel: 'sms' }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; status: number; provider: string };
}

/** What devstack's Twilio was asked to send to `to` (its outbox, GET /_dev/sms), oldest first. */
async function twilioSentTo(to: string): Promise<any[]> {
  const { items } = (await (await fetch(`${url}/_dev/sms`)).json()) as { items: any[] };
  return items.filter((i) => i.to === to);
}

/** The message resource devstack's Twilio answers for `sid` (GET …/Messages/{sid}.json, Basic auth). */
async function twilioMessage(sid: string): Promise<any> {
  const res = await fetch(`${url}/_dev/twilio/2010-04-01/Accounts/${TWILIO.accountSid}/Messages/${sid}.json`, {
    headers: { authorization: `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function textConversation(party: string): Promise<any | undefined> {
  const list = await messaging('GET', '/conversations', { token: ana.tokens.accessToken });
  expect(list.status).toBe(200);
  return list.body.items.find((c: any) => c.kind === 'sms' && c.party?.phoneNumber === party);
}

async function history(id = conversationId): Promise<any[]> {
  const res = await messaging('GET', `/conversations/${id}/messages`, { token: ana.tokens.accessToken });
  expect(res.status).toBe(200);
  return res.body.items;
}

let replies = 0;
async function reply(text: string, id = conversationId): Promise<{ id: string; seq: number }> {
  const res = await messaging('POST', `/conversations/${id}/messages`, {
    token: ana.tokens.accessToken,
    body: { clientMessageId: `twilio-reply-${Date.now()}-${++replies}`, text },
  });
  expect(res.status).toBe(201);
  return res.body.message;
}

const deliveryOf = async (messageId: string, id = conversationId) =>
  (await history(id)).find((m) => m.id === messageId)?.delivery;

/** The delivery frames of one message, in the order the socket got them. */
const deliveryFrames = (messageId: string) =>
  socket
    .frames((f: ServerFrame) => f.type === 'messaging.MessageDeliveryChanged' && f.data.messageId === messageId)
    .map((f) => ({ delivery: f.data.delivery, ...(f.data.reason ? { reason: f.data.reason } : {}) }));

beforeAll(async () => {
  const started = Date.now();
  stack = await startDevstack({ fresh: true, port: 0, dataDir, messagingProvider: 'twilio', inMemory: true });
  url = stack.url;
  console.log(`devstack (twilio) for texting ready at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  messaging = api('messaging', url);
  ana = await registerUser(url);
  socket = await RealtimeClient.connect(websocketUrl(url), ana.tokens.accessToken);
});

afterAll(async () => {
  await socket?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('texting through Twilio (a second devstack, provider twilio)', () => {
  it('given a second devstack with Twilio, when an admin gives Ana a Parley number, then she can text from it', async () => {
    const info = (await (await fetch(`${url}/_dev/info`)).json()) as any;
    expect(info).toMatchObject({ messagingProvider: 'twilio', dataDir });
    expect(info.ports.origin).toBe(Number(new URL(url).port));

    parleyNumber = (await assignNumber(stack.info, ana.user.id)).e164;

    expect(parleyNumber).toMatch(/^\+65\d+$/);
    // messaging learns who owns the number from numbers' event (until then a text to it is dropped):
    // it lets her start a conversation, here with the number Twilio cannot reach (used below)
    await expect
      .poll(
        async () =>
          (
            await messaging('POST', '/conversations', {
              token: ana.tokens.accessToken,
              body: { kind: 'sms', phoneNumber: UNREACHABLE },
            })
          ).status,
        POLL,
      )
      .toBe(201);
  });

  it('given Ana has a Parley number, when a phone texts it, then her sms conversation appears with the message, on the API and her socket', async () => {
    expect(await textConversation(phone)).toBeUndefined();

    const sent = await phoneTexts(phone, 'Hola, ¿está abierto hoy?');

    // devstack's Twilio posted it signed and notifications took it (200, empty TwiML)
    expect(sent).toMatchObject({ id: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 200, provider: 'twilio' });
    const { items } = (await (await fetch(`${url}/_dev/sms/inbound`)).json()) as { items: any[] };
    expect(items.find((i) => i.id === sent.id)).toMatchObject({ from: phone, to: parleyNumber, webhookStatus: 200 });
    await expect
      .poll(async () => (await textConversation(phone))?.lastMessage?.preview, POLL)
      .toBe('Hola, ¿está abierto hoy?');
    const conversation = await textConversation(phone);
    expect(conversation).toMatchObject({
      kind: 'sms',
      party: { phoneNumber: phone, channel: 'sms', via: parleyNumber },
      members: [{ userId: ana.user.id }],
    });
    conversationId = conversation.id;
    const [first] = await history();
    expect(first).toMatchObject({ senderId: `tel:${phone}`, text: 'Hola, ¿está abierto hoy?' });
    const frame = await socket.waitFor(
      (f) => f.type === 'messaging.MessageSent' && f.data.conversationId === conversationId,
      POLL.timeout,
    );
    expect(frame.data).toMatchObject({ messageId: first.id, seq: first.seq, senderId: `tel:${phone}` });
  });

  it('given Twilio’s own form post of a second text, signed with the account’s token, then it is answered empty TwiML and appended', async () => {
    const answer = await postTwilio('sms', inboundForm(phone, '¿Y mañana?'));

    expect(answer).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/xml/),
      text: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    });
    await expect
      .poll(async () => (await history()).map((m) => m.text), POLL)
      .toEqual(['Hola, ¿está abierto hoy?', '¿Y mañana?']);
  });

  it('when Ana replies, then Twilio is asked to send it From her number To the phone, and its signed status callbacks move it to delivered', async () => {
    const before = (await twilioSentTo(phone)).length;

    const message = await reply('Sí, hasta las 18h.');

    await expect.poll(async () => (await twilioSentTo(phone)).length, POLL).toBe(before + 1);
    const [sent] = (await twilioSentTo(phone)).slice(-1);
    expect(sent).toMatchObject({
      id: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      provider: 'twilio',
      channel: 'sms',
      from: parleyNumber,
      to: phone,
      body: 'Sí, hasta las 18h.',
    });
    expect(await twilioMessage(sent.id)).toMatchObject({
      sid: sent.id,
      from: parleyNumber,
      to: phone,
      body: 'Sí, hasta las 18h.',
      direction: 'outbound-api',
      messaging_service_sid: null,
    });
    // Twilio's callbacks (sent, then delivered) were each accepted by notifications' status webhook
    await expect
      .poll(async () => (await twilioSentTo(phone)).find((i) => i.id === sent.id), POLL)
      .toMatchObject({ status: 'delivered', webhookStatus: 200 });
    await expect.poll(async () => (await deliveryOf(message.id))?.status, POLL).toBe('delivered');
    // her socket heard it move forward, each step once (`sent` may be overtaken by `delivered`: never backwards)
    await expect.poll(() => deliveryFrames(message.id).at(-1), POLL).toEqual({ delivery: 'delivered' });
    expect([['sent', 'delivered'], ['delivered']]).toContainEqual(deliveryFrames(message.id).map((f) => f.delivery));
  });

  it('when a reply goes to a number Twilio cannot reach, then its undelivered callback fails the message with Twilio’s error', async () => {
    const other = (await textConversation(UNREACHABLE)).id as string;

    const message = await reply('Hello?', other);

    // only Twilio's status callback knows this: Parley's own send said `sent`
    await expect
      .poll(async () => deliveryOf(message.id, other), POLL)
      .toMatchObject({ status: 'failed', reason: 'Twilio error 30003' });
    expect((await twilioSentTo(UNREACHABLE)).at(-1)).toMatchObject({ body: 'Hello?', status: 'failed' });
  });

  it('given unsigned and wrongly signed webhooks, when posted, then each is refused 403 and nothing changes', async () => {
    const forger = `+4178${String(Date.now()).slice(-7)}`;
    const text = (body: string) => inboundForm(forger, body);
    const refused = (answer: { status: number; text: string }) => {
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'webhook_signature_invalid' } });
    };
    const conversationBefore = await history();

    refused(await postTwilio('sms', text('no signature'), { token: null }));
    refused(await postTwilio('sms', text('another token'), { token: 'not-the-auth-token' }));
    // signed over the address the test could reach instead of the public one Twilio calls
    refused(
      await postTwilio('sms', text('another url'), {
        signedUrl: webhookUrl('sms').replace('//localhost:', '//127.0.0.1:'),
      }),
    );
    refused(await postTwilio('sms', text('signed'), { tamper: { Body: 'tampered' } }));
    // a forged STOP from Ana's phone would stop her replies
    refused(await postTwilio('sms', inboundForm(phone, 'STOP'), { token: 'not-the-auth-token' }));
    // a forged "undelivered" for a reply that is on its way would fail it (failed is final)
    const message = await reply('¿Reserva para dos?');
    const ref = `?ref=${encodeURIComponent(`${conversationId}.${message.id}`)}`;
    const status = {
      MessageSid: smsSid(),
      AccountSid: TWILIO.accountSid,
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
      From: parleyNumber,
      To: phone,
    };
    refused(await postTwilio('status', status, { query: ref, token: 'not-the-auth-token' }));
    refused(await postTwilio('status', status, { query: ref, token: null }));
    // the callback's ref is signed too: a valid signature over another ref is refused
    refused(await postTwilio('status', status, { query: ref, signedUrl: webhookUrl('status', '?ref=x.y') }));

    // a genuine text after them arrives; the forged ones never did, and the reply was delivered
    await phoneTexts(phone, 'marker');
    await expect.poll(async () => (await history()).at(-1)?.text, POLL).toBe('marker');
    await expect.poll(async () => (await deliveryOf(message.id))?.status, POLL).toBe('delivered');
    const texts = (await history()).map((m) => m.text);
    expect(texts).toEqual([...conversationBefore.map((m) => m.text), '¿Reserva para dos?', 'marker']);
    expect(await textConversation(forger)).toBeUndefined();
    expect(deliveryFrames(message.id).map((f) => f.delivery)).not.toContain('failed');
  });

  it('given the phone texts STOP, when Ana replies again, then the reply fails (opted-out) and nothing reaches Twilio', async () => {
    const stop = await phoneTexts(phone, 'STOP');
    expect(stop.status).toBe(200);
    await expect.poll(async () => (await history()).at(-1)?.text, POLL).toBe('STOP');
    const sentBefore = (await twilioSentTo(phone)).length;

    const message = await reply('Are you still there?');

    await expect
      .poll(async () => deliveryOf(message.id), POLL)
      .toMatchObject({ status: 'failed', reason: 'opted-out' });
    await expect.poll(() => deliveryFrames(message.id), POLL).toEqual([{ delivery: 'failed', reason: 'opted-out' }]);
    // the refusal comes before any send: once it is visible, nothing can still be on its way to Twilio
    expect(await twilioSentTo(phone)).toHaveLength(sentBefore);
    const { items } = (await (await fetch(`${url}/_dev/sms`)).json()) as { items: any[] };
    expect(items.filter((i) => i.body === 'Are you still there?')).toEqual([]);
  });
});
