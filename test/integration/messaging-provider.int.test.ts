import { createHmac, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SseCollector, sse } from '@parley/testing/sse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { smsTo, verifyMobileNumber } from '../support/mobile.ts';
import { authHeader, registerUser } from '../support/users.ts';

// Issue 17 on devstack, with the provider it runs (default aws; PARLEY_MESSAGING_PROVIDER=twilio for
// Twilio): SNS deliveries signed with devstack's certificate, or Twilio form posts signed with its auth
// token, reach notifications' public webhooks, which verify them for real (ADR 0026).
const devstack = inject('devstack');
const { url } = devstack;
const provider = devstack.messagingProvider ?? 'aws';
const TWILIO_AUTH_TOKEN = 'devstack-twilio-auth-token';
const PARLEY_NUMBER = '+41445550100';
const SMS_INBOUND_TOPIC = `arn:aws:sns:${devstack.region}:000000000000:parley-${devstack.stage}-sms-inbound`;
const CERT_URL = `${url}/_dev/sns/cert/SimpleNotificationService-devstack.pem`;

type BusEvent = { detailType: string; detail: { data: Record<string, unknown> } };
let bus: SseCollector<BusEvent>;
beforeAll(async () => {
  bus = await sse<BusEvent>(`${url}/_dev/events`);
});
afterAll(() => bus.close());

/** A number unique to this run. */
const phone = (prefix: string) => `${prefix}${String(Date.now() + Math.floor(Math.random() * 1000)).slice(-7)}`;
const of = (type: string, match: (data: Record<string, unknown>) => boolean) => (e: BusEvent) =>
  e.detailType === type && match(e.detail.data);

/** Waits for a bus event of `type` matching `match`; on a timeout, says which and what the bus carried. */
async function busEvent(type: string, match: (data: Record<string, unknown>) => boolean): Promise<BusEvent> {
  try {
    return await bus.waitFor(of(type, match), 30_000);
  } catch {
    throw new Error(`no ${type} on the bus; it carried: ${bus.events.map((e) => e.detailType).join(', ')}`);
  }
}

/** The phone's side: devstack delivers the text as the configured provider would. */
async function textParley(from: string, body: string, channel: 'sms' | 'whatsapp' = 'sms') {
  const res = await fetch(`${url}/_dev/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: PARLEY_NUMBER, body, channel }),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; status?: number } };
}

/** Signs an SNS Notification as SNS does (SignatureVersion 2 over AWS's canonical string). */
function snsNotification(keyPem: string, message: unknown, topicArn = SMS_INBOUND_TOPIC) {
  const m = {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Message: JSON.stringify(message),
    Timestamp: new Date().toISOString(),
  };
  const canonical = ['Message', 'MessageId', 'Timestamp', 'TopicArn', 'Type']
    .map((k) => `${k}\n${m[k as keyof typeof m]}\n`)
    .join('');
  const signer = createSign('RSA-SHA256');
  signer.update(canonical);
  return { ...m, SignatureVersion: '2', Signature: signer.sign(keyPem, 'base64'), SigningCertURL: CERT_URL };
}

const postWebhook = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/notifications/webhooks${path}`, { method: 'POST', headers, body });

/** One inbound text exactly as the provider would post it, signed: to be posted (and replayed) as is. */
function signedInbound(
  from: string,
  body: string,
  id: string,
): { path: string; body: string; headers: Record<string, string> } {
  if (provider === 'twilio') {
    const form = new URLSearchParams({
      MessageSid: id,
      AccountSid: 'AC00000000000000000000000000000000',
      From: from,
      To: PARLEY_NUMBER,
      Body: body,
    });
    let signed = `${url}/api/notifications/webhooks/twilio/sms`;
    for (const [k, v] of [...form].sort(([a], [b]) => (a < b ? -1 : 1))) signed += k + v;
    const signature = createHmac('sha1', TWILIO_AUTH_TOKEN).update(signed).digest('base64');
    return {
      path: '/twilio/sms',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    };
  }
  const { privateKeyPem } = JSON.parse(readFileSync(join(devstack.dataDir, 'sns-signing.json'), 'utf8')) as {
    privateKeyPem: string;
  };
  return {
    path: '/sns',
    body: JSON.stringify(snsNotification(privateKeyPem, inboundMessage(from, body, id))),
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
  };
}

const inboundMessage = (from: string, body: string, id: string = randomUUID()) => ({
  originationNumber: from,
  destinationNumber: PARLEY_NUMBER,
  messageKeyword: '',
  messageBody: body,
  inboundMessageId: id,
  previousPublishedMessageId: '',
});

describe(`messaging provider webhooks (${provider} on devstack)`, () => {
  it('given devstack subscribed notifications to its SNS topics, when listed, then each was confirmed exactly once (aws), or refused (twilio: only its own webhooks count)', async () => {
    const expected =
      provider === 'aws' ? { confirmed: true, confirmations: 1 } : { confirmed: false, confirmations: 0 };
    await expect
      .poll(
        async () => {
          const res = await fetch(`${url}/_dev/sns/subscriptions`);
          const { items } = (await res.json()) as {
            items: { topicArn: string; endpoint: string; confirmed: boolean; confirmations: number }[];
          };
          return items.map(({ topicArn, confirmed, confirmations }) => ({ topicArn, confirmed, confirmations }));
        },
        { timeout: 20_000 },
      )
      .toEqual(
        expect.arrayContaining([
          { topicArn: SMS_INBOUND_TOPIC, ...expected },
          { topicArn: expect.stringMatching(/whatsapp-events$/), ...expected },
        ]),
      );
  });

  it('given a phone texts Parley, when devstack delivers it, then notifications.TextReceived is on the bus', async () => {
    const from = phone('+4176');

    const sent = await textParley(from, 'Hello from a phone');

    expect(sent).toMatchObject({ status: 200, body: { status: 200 } });
    const received = await busEvent('notifications.TextReceived', (d) => d.from === from);
    expect(received.detail.data).toMatchObject({
      channel: 'sms',
      from,
      to: PARLEY_NUMBER,
      body: 'Hello from a phone',
      provider,
      providerMessageId: sent.body.id,
    });
  });

  it('given a phone writes Parley on WhatsApp, when devstack delivers it, then TextReceived says channel whatsapp', async () => {
    const from = phone('+4173');

    const sent = await textParley(from, 'Hola por WhatsApp', 'whatsapp');

    expect(sent).toMatchObject({ status: 200, body: { status: 200 } });
    const received = await busEvent('notifications.TextReceived', (d) => d.from === from);
    expect(received.detail.data).toMatchObject({
      channel: 'whatsapp',
      from,
      to: PARLEY_NUMBER,
      body: 'Hola por WhatsApp',
      provider,
      providerMessageId: sent.body.id,
    });
  });

  it('given forged webhooks (a key that is not SNS’s, no signature, a Twilio route), when posted, then 403 and nothing reaches the bus', async () => {
    const forger = phone('+4177');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = snsNotification(
      privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      inboundMessage(forger, 'STOP'),
    );
    const unsigned = { ...forged, Signature: '' };

    const answers = [
      await postWebhook('/sns', JSON.stringify(forged), { 'content-type': 'text/plain; charset=UTF-8' }),
      await postWebhook('/sns', JSON.stringify(unsigned), { 'content-type': 'text/plain; charset=UTF-8' }),
      await postWebhook('/twilio/sms', `From=${encodeURIComponent(forger)}&Body=STOP&MessageSid=SMx`, {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      }),
    ];

    for (const res of answers) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'webhook_signature_invalid' } });
    }
    // a genuine text sent after them arrives: had the forged ones been processed, they would be on the bus first
    const marker = phone('+4175');
    await textParley(marker, 'marker');
    await busEvent('notifications.TextReceived', (d) => d.from === marker);
    expect(bus.events.filter((e) => e.detail?.data?.from === forger || e.detail?.data?.phoneNumber === forger)).toEqual(
      [],
    );
  });

  it('given one signed delivery posted twice (a replay), when handled, then both are 200 and it is published once', async () => {
    const from = phone('+4174');
    const id = provider === 'twilio' ? `SM${randomUUID().replace(/-/g, '')}` : randomUUID();
    const delivery = signedInbound(from, 'only once', id);

    const first = await postWebhook(delivery.path, delivery.body, delivery.headers);
    const second = await postWebhook(delivery.path, delivery.body, delivery.headers);

    expect([first.status, second.status]).toEqual([200, 200]);
    // the replay's answer: Twilio gets its empty TwiML again; SNS's says it was a duplicate
    const answer = await second.text();
    if (provider === 'twilio') expect(answer).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    else expect(JSON.parse(answer)).toMatchObject({ inbound: 0, duplicates: 1 });
    const marker = phone('+4175');
    await textParley(marker, 'marker');
    await busEvent('notifications.TextReceived', (d) => d.from === marker);
    expect(bus.events.filter(of('notifications.TextReceived', (d) => d.providerMessageId === id))).toHaveLength(1);
  });

  it('given a verified number texts STOP, when an SMS is due to it, then nothing is sent until it texts START; a sent SMS reports its delivery where the provider tells it (Twilio; SNS does not)', async () => {
    // ana's verified number gets a code (the guard's path every SMS takes), then texts STOP
    const ana = await registerUser(url);
    const stopped = phone('+4179');
    await verifyMobileNumber(url, ana.tokens.accessToken, stopped);
    const codesBefore = (await smsTo(url, stopped)).length;
    await textParley(stopped, 'Stop');
    await busEvent('notifications.TextOptedOut', (d) => d.phoneNumber === stopped);

    // another account asks for a code to that number, and a third to another number (the marker)
    const ask = async (mobileNumber: string) => {
      const user = await registerUser(url);
      const res = await fetch(`${url}/api/identity/me/mobile/verification`, {
        method: 'POST',
        headers: { ...authHeader(user), 'content-type': 'application/json' },
        body: JSON.stringify({ mobileNumber }),
      });
      expect(res.status).toBe(202);
    };
    await ask(stopped);
    const marker = phone('+4178');
    await ask(marker);
    await expect.poll(async () => (await smsTo(url, marker)).length, { timeout: 20_000 }).toBe(1);
    expect(await smsTo(url, stopped)).toHaveLength(codesBefore);

    if (provider === 'twilio') {
      // the marker's SMS was sent: Twilio's status callback reports it sent, then delivered
      const delivered = await busEvent(
        'notifications.TextStatusChanged',
        (d) => d.to === marker && d.status === 'delivered',
      );
      expect(delivered.detail.data).toMatchObject({
        channel: 'sms',
        provider,
        providerMessageId: expect.any(String),
      });
    } else {
      // an alert by SNS Publish tells no one how it fared (AWS logs it to CloudWatch only); the outbox
      // shows the handset got it, and no status reaches notifications
      await expect.poll(async () => (await smsTo(url, marker))[0]?.status, { timeout: 20_000 }).toBe('delivered');
      expect(bus.events.filter(of('notifications.TextStatusChanged', (d) => d.to === marker))).toEqual([]);
    }

    // START opts the number back in: the next code reaches it
    await textParley(stopped, 'START');
    await busEvent('notifications.TextOptedIn', (d) => d.phoneNumber === stopped);
    await ask(stopped);
    await expect.poll(async () => (await smsTo(url, stopped)).length, { timeout: 20_000 }).toBe(codesBefore + 1);
  });
});
