import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioMessaging } from '../src/adapters/messaging-twilio.ts';
import { twilioSignature } from '../src/adapters/twilio-signature.ts';
import type { Webhook } from '../src/domain/messaging-provider.ts';

const creds = {
  accountSid: 'AC00000000000000000000000000000000',
  authToken: 'unit-test-auth-token',
  smsFrom: '+15005550006',
  whatsappFrom: '+15005550007',
};
const STATUS_URL = 'https://app.example.com/api/notifications/webhooks/twilio/status';

// A local stand-in for Twilio's Messages API: records each request, answers like Twilio.
const requests: { path: string; auth: string; form: URLSearchParams }[] = [];
let answer: { status: number; body: unknown } = { status: 201, body: { sid: 'SM1', status: 'queued' } };
const server = createServer(async (req: IncomingMessage, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  requests.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', form: new URLSearchParams(body) });
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(answer.body));
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  requests.length = 0;
  answer = { status: 201, body: { sid: 'SM1', status: 'queued' } };
});

const provider = (c = creds) =>
  twilioMessaging({ apiBaseUrl: base, credentials: async () => c, statusCallbackUrl: STATUS_URL });

/** A webhook as Twilio would post it: form-encoded, signed over the exact URL. */
function signed(
  route: Webhook['route'],
  fields: Record<string, string>,
  url = `https://app.example.com/api/notifications/webhooks/x`,
): Webhook {
  const form = new URLSearchParams(fields);
  return {
    route,
    url,
    headers: { 'x-twilio-signature': twilioSignature(creds.authToken, url, form) },
    body: form.toString(),
  };
}

describe('the Twilio messaging provider', () => {
  it('given an SMS with a ref, when sent, then Messages.json gets it with Basic auth, the sender and a StatusCallback carrying the ref', async () => {
    expect(await provider().sendSms({ to: '+41791234567', body: 'Parley: hi', ref: 'r-1' })).toEqual({
      providerMessageId: 'SM1',
    });
    const [req] = requests;
    expect(req?.path).toBe(`/2010-04-01/Accounts/${creds.accountSid}/Messages.json`);
    expect(req?.auth).toBe(`Basic ${Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64')}`);
    expect(Object.fromEntries(req?.form ?? [])).toEqual({
      To: '+41791234567',
      From: '+15005550006',
      Body: 'Parley: hi',
      StatusCallback: `${STATUS_URL}?ref=r-1`,
    });
  });

  it('given a Messaging Service sender, when an SMS is sent, then it goes as MessagingServiceSid', async () => {
    await provider({ ...creds, smsFrom: 'MG00000000000000000000000000000000' }).sendSms({
      to: '+41791234567',
      body: 'x',
    });
    expect(requests[0]?.form.get('MessagingServiceSid')).toBe('MG00000000000000000000000000000000');
    expect(requests[0]?.form.has('From')).toBe(false);
  });

  it('given a WhatsApp text, when sent, then both numbers carry the whatsapp: prefix', async () => {
    await provider().sendWhatsApp({ to: '+41791234567', body: 'hola' });
    expect(requests[0]?.form.get('To')).toBe('whatsapp:+41791234567');
    expect(requests[0]?.form.get('From')).toBe('whatsapp:+15005550007');
  });

  it('given a reply from a Parley number, when sent, then From is that number (whatsapp: for WhatsApp), not the stage’s sender', async () => {
    await provider({ ...creds, smsFrom: 'MG00000000000000000000000000000000' }).sendSms({
      to: '+41791234567',
      from: '+50760001234',
      body: 'x',
    });
    await provider().sendWhatsApp({ to: '+41791234567', from: '+50760001234', body: 'hola' });
    expect(requests.map((r) => [r.form.get('From'), r.form.has('MessagingServiceSid')])).toEqual([
      ['+50760001234', false],
      ['whatsapp:+50760001234', false],
    ]);
  });

  it('given Twilio refuses the send, when sent, then it throws with its code and message', async () => {
    answer = { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } };
    await expect(provider().sendSms({ to: '+1', body: 'x' })).rejects.toThrow(/400: 21211 The 'To' number/);
  });

  it('given an inbound SMS signed with the auth token, when verified and parsed, then it is one normalised text; tampered, it is refused', async () => {
    const p = provider();
    const w = signed('twilio-sms', {
      MessageSid: 'SM9',
      AccountSid: creds.accountSid,
      From: '+14155550100',
      To: '+15005550006',
      Body: 'STOP',
    });
    expect(await p.verifySignature(w)).toBe(true);
    expect(p.parseInbound(w)).toEqual([
      { channel: 'sms', from: '+14155550100', to: '+15005550006', body: 'STOP', providerMessageId: 'SM9' },
    ]);
    expect(await p.verifySignature({ ...w, body: w.body.replace('STOP', 'START') })).toBe(false);
    expect(await p.verifySignature({ ...w, url: `${w.url}?x=1` })).toBe(false);
    expect(await p.verifySignature({ ...w, headers: {} })).toBe(false);
    expect(await p.verifySignature({ ...w, route: 'sns' })).toBe(false);
  });

  it('given an inbound WhatsApp message, when parsed, then its numbers lose the whatsapp: prefix', () => {
    const w = signed('twilio-whatsapp', {
      MessageSid: 'SM8',
      From: 'whatsapp:+14155550100',
      To: 'whatsapp:+15005550007',
      Body: 'hi',
    });
    expect(provider().parseInbound(w)).toEqual([
      { channel: 'whatsapp', from: '+14155550100', to: '+15005550007', body: 'hi', providerMessageId: 'SM8' },
    ]);
  });

  it('given status callbacks, when parsed, then sent/delivered/undelivered map to sent/delivered/failed, with the ref from the URL', () => {
    const p = provider();
    const status = (MessageStatus: string, extra: Record<string, string> = {}) =>
      p.parseStatus(
        signed(
          'twilio-status',
          { MessageSid: 'SM1', MessageStatus, To: '+41791234567', ...extra },
          `${STATUS_URL}?ref=r-1`,
        ),
      );
    expect(status('sent')).toEqual([
      { channel: 'sms', providerMessageId: 'SM1', to: '+41791234567', status: 'sent', ref: 'r-1' },
    ]);
    expect(status('delivered')[0]?.status).toBe('delivered');
    expect(status('queued')).toEqual([]);
    expect(status('undelivered', { ErrorCode: '30003' })).toEqual([
      {
        channel: 'sms',
        providerMessageId: 'SM1',
        to: '+41791234567',
        status: 'failed',
        reason: 'Twilio error 30003',
        ref: 'r-1',
      },
    ]);
  });
});
