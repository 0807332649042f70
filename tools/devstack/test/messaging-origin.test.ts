import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownOrigins } from '../src/dev-guard.ts';
import { EventTail } from '../src/event-tail.ts';
import { close, listen } from '../src/http-util.ts';
import { MessagingStack } from '../src/messaging/devstack.ts';
import { originHandlers } from '../src/origin.ts';
import { offlineEnvironment, type StackLayout } from '../src/services.ts';
import { SsmEmulator } from '../src/ssm-emulator.ts';
import { clientOf } from './emulator-client.ts';

// The real origin handlers with the real texts stack: which /_dev routes take Twilio's forms, which keep
// the cross-site guard, and what the outbox and certificate routes answer.
describe('texts on the devstack origin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-texts-origin-'));
  let server: Server;
  let base = '';
  let texts: MessagingStack;

  beforeAll(async () => {
    texts = new MessagingStack({
      dataDir: dir,
      provider: 'twilio',
      publicOrigin: () => base,
      log: () => {},
      statusDelayMs: 1,
    });
    const handlers = originHandlers({
      webDist: join(dir, 'no-web'),
      httpPortOf: () => undefined,
      websocketPort: () => undefined,
      chimeMeetingsPort: () => undefined,
      ownOrigins: () => ownOrigins(base),
      health: async () => ({ status: 'ok', services: {}, infrastructure: {} }),
      tail: new EventTail(),
      outbox: () => texts.outbox.list(),
      publish: async () => ({ failedEntryCount: 0 }),
      info: () => ({}),
      texts,
    });
    server = createServer((req, res) => void handlers.request(req, res));
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(async () => {
    await texts.settled();
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('Twilio’s API under /_dev/twilio takes a form with Basic credentials (not refused as a non-JSON /_dev POST), and /_dev/sms lists the text in old and new fields', async () => {
    const res = await fetch(
      `${base}/_dev/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('AC00000000000000000000000000000000:devstack-twilio-auth-token').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'To=%2B41445550101&From=%2B15005550006&Body=Hi',
      },
    );
    expect(res.status).toBe(201);
    const { sid } = (await res.json()) as { sid: string };

    const { items } = (await (await fetch(`${base}/_dev/sms`)).json()) as { items: Record<string, unknown>[] };
    expect(items.find((i) => i.id === sid)).toMatchObject({
      provider: 'twilio',
      channel: 'sms',
      to: '+41445550101',
      from: '+15005550006',
      body: 'Hi',
      status: expect.any(String),
      at: expect.any(String),
      phoneNumber: '+41445550101',
      message: 'Hi',
    });
  });

  it('POST /_dev/sms/inbound keeps the cross-site guard: another site’s Origin is 403, text/plain is 415, and nothing is received', async () => {
    const body = JSON.stringify({ from: '+41445550101', to: '+15005550006', body: 'forged' });
    const cross = await fetch(`${base}/_dev/sms/inbound`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body,
    });
    const plain = await fetch(`${base}/_dev/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });

    expect([cross.status, plain.status]).toEqual([403, 415]);
    expect(texts.outbox.received()).toEqual([]);
  });

  it('GET /_dev/sns/cert/SimpleNotificationService-devstack.pem serves the signing certificate', async () => {
    const res = await fetch(`${base}/_dev/sns/cert/SimpleNotificationService-devstack.pem`);

    expect(res.status).toBe(200);
    const cert = new X509Certificate(await res.text());
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it('an unknown /_dev/sns path is a 404 JSON error', async () => {
    const res = await fetch(`${base}/_dev/sns/cert/other.pem`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('what a service process is told about texts', () => {
  it('given provider twilio, then notifications’ serverless.yml finds the provider, Twilio’s base URL, the SNS certificate origin and the WhatsApp sender; the SDK finds the Social endpoint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devstack-texts-env-'));
    try {
      const texts = new MessagingStack({
        dataDir: dir,
        provider: 'twilio',
        publicOrigin: () => 'http://localhost:3100',
        log: () => {},
      });
      const layout: StackLayout = {
        publicOrigin: 'http://localhost:3100',
        buildFolder: '.esbuild-devstack',
        endpoints: { AWS_ENDPOINT_URL_SOCIALMESSAGING: 'http://127.0.0.1:4711' } as StackLayout['endpoints'],
        eventBridge: { port: 1, pubSubPort: 2 },
        services: { notifications: { http: 3, lambda: 4, websocket: 5 } },
        messaging: texts.environment(),
      };

      expect(offlineEnvironment('notifications', layout, { PARLEY_MESSAGING_PROVIDER: 'aws' })).toMatchObject({
        PARLEY_MESSAGING_PROVIDER: 'twilio',
        PARLEY_PUBLIC_ORIGIN: 'http://localhost:3100',
        PARLEY_TWILIO_API_BASE_URL: 'http://localhost:3100/_dev/twilio',
        PARLEY_SNS_DEV_CERT_ORIGIN: 'http://localhost:3100/_dev/sns/cert',
        PARLEY_WHATSAPP_PHONE_NUMBER_ID: 'devstack-whatsapp-phone-number-id',
        PARLEY_ACCOUNT_ID: '000000000000',
        AWS_ENDPOINT_URL_SOCIALMESSAGING: 'http://127.0.0.1:4711',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('devstack’s Twilio account in SSM', () => {
  it('is seeded where notifications reads it, the auth token as a SecureString, and an existing value is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devstack-texts-ssm-'));
    const ssm = new SsmEmulator(join(dir, 'ssm.json'), 'eu-central-1');
    const client = await clientOf(SSMClient, ssm.server);
    try {
      ssm.put('/parley/local/twilio/sms-from', 'MG11111111111111111111111111111111');
      new MessagingStack({ dataDir: dir, provider: 'twilio', publicOrigin: () => '', log: () => {} }).seedParameters(
        ssm,
      );

      const value = async (Name: string, WithDecryption = true) =>
        (await client.send(new GetParameterCommand({ Name, WithDecryption }))).Parameter;
      expect((await value('/parley/local/twilio/account-sid'))?.Value).toBe('AC00000000000000000000000000000000');
      expect(await value('/parley/local/twilio/auth-token')).toMatchObject({
        Type: 'SecureString',
        Value: 'devstack-twilio-auth-token',
      });
      expect((await value('/parley/local/twilio/auth-token', false))?.Value).not.toBe('devstack-twilio-auth-token');
      expect((await value('/parley/local/twilio/whatsapp-from'))?.Value).toBe('+15005550006');
      expect((await value('/parley/local/twilio/sms-from'))?.Value).toBe('MG11111111111111111111111111111111');
    } finally {
      client.destroy();
      await close(ssm.server);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
