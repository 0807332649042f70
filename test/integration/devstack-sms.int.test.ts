// devstack's texts, reached through its origin as notifications and a phone reach them: the outbox of
// every provider, the SNS subscriptions and signing certificate, the inbound route answering with the
// webhook's HTTP status. Once with the run's devstack (provider aws), once with a second, small
// devstack started here with `messagingProvider: 'twilio'` (its own ports, data dir and build folder).
// Only devstack's own behaviour is asserted: notifications' webhooks have their own tests.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningDevstack, startDevstack } from '@parley/testing/devstack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

interface OutboxItem {
  id: string;
  provider: string;
  channel: string;
  to: string;
  from?: string;
  body: string;
  status: string;
  phoneNumber: string;
  message: string;
}
interface Subscription {
  topicArn: string;
  endpoint: string;
  confirmed: boolean;
  confirmations: number;
  confirmationStatus?: number;
}

const devstack = inject('devstack');
const json = async <T>(url: string): Promise<T> => (await fetch(url)).json() as Promise<T>;
const inbound = (url: string, body: Record<string, string>) =>
  fetch(`${url}/_dev/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Polls the outbox until the item `id` has a final status. */
async function finalStatus(url: string, id: string, timeoutMs = 15_000): Promise<OutboxItem> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const item = (await json<{ items: OutboxItem[] }>(`${url}/_dev/sms`)).items.find((i) => i.id === id);
    if (item && (item.status === 'delivered' || item.status === 'failed')) return item;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${id} had no final status within ${timeoutMs} ms`);
}

describe('devstack texts with provider aws (the run’s devstack)', () => {
  const url = devstack.url;

  it('says which provider it runs, and serves the SNS signing certificate', async () => {
    const info = await json<{ messagingProvider?: string; endpoints: Record<string, string> }>(`${url}/_dev/info`);
    expect(info.messagingProvider).toBe('aws');
    expect(info.endpoints.AWS_ENDPOINT_URL_SOCIALMESSAGING).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const res = await fetch(`${url}/_dev/sns/cert/SimpleNotificationService-devstack.pem`);
    expect(res.status).toBe(200);
    expect(new X509Certificate(await res.text()).publicKey.asymmetricKeyType).toBe('rsa');
  });

  it('lists the SNS subscriptions of notifications’ endpoints, each sent its SubscriptionConfirmation at startup', async () => {
    const { items } = await json<{ items: Subscription[] }>(`${url}/_dev/sns/subscriptions`);

    expect(items.map((s) => [s.topicArn.split(':').at(-1), s.endpoint])).toEqual([
      ['parley-local-sms-inbound', `${url}/api/notifications/webhooks/sns`],
      ['parley-local-sms-events', `${url}/api/notifications/webhooks/sns`],
      ['parley-local-whatsapp-events', `${url}/api/notifications/webhooks/whatsapp`],
    ]);
    for (const s of items) {
      expect(s.confirmationStatus).toEqual(expect.any(Number));
      expect(s.confirmed).toBe(s.confirmations > 0);
    }
  });

  it('an SMS published to SNS and a WhatsApp text sent to End User Messaging Social land in /_dev/sms, then reach a final status', async () => {
    const snsEndpoint = devstack.endpoints.AWS_ENDPOINT_URL_SNS as string;
    const published = await fetch(snsEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'Publish', PhoneNumber: '+41445550111', Message: 'devstack check' }),
    });
    const snsId = /<MessageId>([^<]+)<\/MessageId>/.exec(await published.text())?.[1] as string;
    const social = await fetch(`${devstack.endpoints.AWS_ENDPOINT_URL_SOCIALMESSAGING}/v1/whatsapp/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        originationPhoneNumberId: 'devstack-whatsapp-phone-number-id',
        metaApiVersion: 'v20.0',
        message: Buffer.from(
          JSON.stringify({ messaging_product: 'whatsapp', to: '+15005550001', type: 'text', text: { body: 'Hola' } }),
        ).toString('base64'),
      }),
    });
    const { messageId } = (await social.json()) as { messageId: string };

    expect(await finalStatus(url, snsId)).toMatchObject({
      provider: 'aws',
      channel: 'sms',
      to: '+41445550111',
      phoneNumber: '+41445550111',
      message: 'devstack check',
      status: 'delivered',
    });
    expect(await finalStatus(url, messageId)).toMatchObject({ provider: 'aws', channel: 'whatsapp', status: 'failed' });
  });

  it('POST /_dev/sms/inbound delivers to a confirmed subscription and answers its HTTP status, or 409 while it is pending', async () => {
    const { items } = await json<{ items: Subscription[] }>(`${url}/_dev/sns/subscriptions`);
    const res = await inbound(url, { from: '+41445550112', to: '+15005550006', body: 'Hello Parley' });

    if (items[0]?.confirmed) {
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { id: string; status: number; provider: string; parleyNumber: boolean };
      // the organisation's number is one of Parley's
      expect(answer).toEqual({
        id: expect.any(String),
        status: expect.any(Number),
        provider: 'aws',
        parleyNumber: true,
      });
      const received = await json<{ items: { id: string; webhookStatus: number }[] }>(`${url}/_dev/sms/inbound`);
      expect(received.items.find((i) => i.id === answer.id)?.webhookStatus).toBe(answer.status);
    } else {
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: 'not_subscribed' } });
    }
  });
});

describe('devstack texts with provider twilio (a second devstack)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-devstack-twilio-'));
  let twilio: RunningDevstack;
  let startedInMs = 0;

  beforeAll(async () => {
    const t0 = Date.now();
    twilio = await startDevstack({ fresh: true, port: 0, dataDir, messagingProvider: 'twilio', inMemory: true });
    startedInMs = Date.now() - t0;
    console.log(`second devstack (twilio) ready in ${(startedInMs / 1000).toFixed(1)} s`);
  });
  afterAll(async () => {
    await twilio?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs beside the first on its own origin and data dir, and says it texts through Twilio', async () => {
    expect(twilio.url).not.toBe(devstack.url);
    const info = await json<{ messagingProvider: string; dataDir: string }>(`${twilio.url}/_dev/info`);
    expect(info).toMatchObject({ messagingProvider: 'twilio', dataDir });
  });

  it('Twilio’s Messages API on its origin sends, puts the text in the outbox, and plays the status', async () => {
    const sid = 'AC00000000000000000000000000000000';
    const res = await fetch(`${twilio.url}/_dev/twilio/2010-04-01/Accounts/${sid}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sid}:devstack-twilio-auth-token`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: '+41445550113', From: '+15005550006', Body: 'via Twilio' }),
    });
    expect(res.status).toBe(201);
    const { sid: messageSid } = (await res.json()) as { sid: string };

    expect(await finalStatus(twilio.url, messageSid)).toMatchObject({
      provider: 'twilio',
      to: '+41445550113',
      status: 'delivered',
    });
  });

  it('POST /_dev/sms/inbound posts the signed Twilio form to notifications and answers its HTTP status', async () => {
    const res = await inbound(twilio.url, { from: '+41445550114', to: '+15005550006', body: 'Hi via Twilio' });

    expect(res.status).toBe(200);
    const answer = (await res.json()) as { id: string; status: number; provider: string };
    expect(answer).toMatchObject({ id: expect.stringMatching(/^SM[0-9a-f]{32}$/), provider: 'twilio' });
    expect(answer.status).toBeGreaterThan(0);
    const received = await json<{ items: { id: string; webhookStatus: number }[] }>(`${twilio.url}/_dev/sms/inbound`);
    expect(received.items.find((i) => i.id === answer.id)?.webhookStatus).toBe(answer.status);
  });
});
