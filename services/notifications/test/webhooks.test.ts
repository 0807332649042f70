import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { describe, expect, it } from 'vitest';
import { awsMessaging } from '../src/adapters/messaging-aws.ts';
import { createMessagingProvider, UnknownMessagingProvider } from '../src/adapters/messaging-factory.ts';
import { twilioMessaging } from '../src/adapters/messaging-twilio.ts';
import { snsUrlRules, snsVerifier } from '../src/adapters/sns-signature.ts';
import { twilioSignature } from '../src/adapters/twilio-signature.ts';
import { WebhookSignatureInvalid } from '../src/domain/errors.ts';
import { optKeyword, type Webhook } from '../src/domain/messaging-provider.ts';
import { guardedSms } from '../src/domain/sms-guard.ts';
import { handleWebhook } from '../src/domain/webhooks.ts';
import {
  manualClock,
  memoryOptOuts,
  memoryProfiles,
  memoryRateLimiter,
  recordingMetrics,
  recordingPublisher,
  recordingSms,
} from './fakes.ts';
import { CERT_URL, signingIdentity, signSns, subscriptionConfirmation, TOPIC } from './sns-fixtures.ts';

const TOKEN = 'unit-test-auth-token';
const URL = 'https://app.example.com/api/notifications/webhooks/twilio/sms';

const twilio = () =>
  twilioMessaging({
    apiBaseUrl: 'http://127.0.0.1:9',
    credentials: async () => ({
      accountSid: 'AC0',
      authToken: TOKEN,
      smsFrom: '+15005550006',
      whatsappFrom: '+15005550006',
    }),
    statusCallbackUrl: 'https://app.example.com/api/notifications/webhooks/twilio/status',
  });

function world(provider = twilio()) {
  return {
    provider,
    dedupe: memoryIdempotencyStore(),
    optOuts: memoryOptOuts(),
    publisher: recordingPublisher(),
    clock: manualClock('2026-12-02T10:00:00.000Z'),
  };
}

function inbound(fields: Record<string, string>, route: Webhook['route'] = 'twilio-sms', url = URL): Webhook {
  const form = new URLSearchParams({ AccountSid: 'AC0', To: '+15005550006', ...fields });
  return { route, url, headers: { 'x-twilio-signature': twilioSignature(TOKEN, url, form) }, body: form.toString() };
}

describe('provider webhooks', () => {
  it('given a forged or unsigned webhook, when handled, then it is refused and nothing is stored or published', async () => {
    const w = world();
    const forged = {
      ...inbound({ MessageSid: 'SM1', From: '+14155550100', Body: 'STOP' }),
      headers: { 'x-twilio-signature': 'AAAA' },
    };
    const unsigned = { ...forged, headers: {} };

    await expect(handleWebhook(w, forged)).rejects.toBeInstanceOf(WebhookSignatureInvalid);
    await expect(handleWebhook(w, unsigned)).rejects.toBeInstanceOf(WebhookSignatureInvalid);
    expect(w.publisher.texts).toEqual([]);
    expect(w.dedupe.keys()).toEqual([]);
    expect(await w.optOuts.isOptedOut('+14155550100', 'sms')).toBe(false);
  });

  it('given an inbound SMS delivered twice, when handled, then one TextReceived; the replay is a duplicate', async () => {
    const w = world();
    const hook = inbound({ MessageSid: 'SM1', From: '+14155550100', Body: 'Hello there' });

    expect(await handleWebhook(w, hook)).toEqual({ inbound: 1, statuses: 0, duplicates: 0 });
    expect(await handleWebhook(w, hook)).toEqual({ inbound: 0, statuses: 0, duplicates: 1 });
    expect(w.publisher.texts).toEqual([
      [
        'TextReceived',
        {
          channel: 'sms',
          from: '+14155550100',
          to: '+15005550006',
          body: 'Hello there',
          provider: 'twilio',
          providerMessageId: 'SM1',
          receivedAt: '2026-12-02T10:00:00.000Z',
        },
      ],
    ]);
  });

  it('given a provider that says when the phone sent the text, when handled, then receivedAt is that time, never later than now', async () => {
    // Prepare: a provider whose texts carry Meta's timestamp (as WhatsApp's do), one of them ahead of our clock
    const base = twilio();
    const texts = [
      { providerMessageId: 'wamid.old', sentAt: '2026-12-01T07:00:00.000Z' },
      { providerMessageId: 'wamid.ahead', sentAt: '2026-12-02T11:00:00.000Z' },
    ];
    const w = world({
      ...base,
      verifySignature: async () => true,
      parseInbound: () =>
        texts.map((t) => ({
          channel: 'whatsapp' as const,
          from: '+14155550100',
          to: '+15005550006',
          body: 'Hola',
          ...t,
        })),
      parseStatus: () => [],
      parseControl: () => undefined,
    });
    // Act
    await handleWebhook(w, inbound({ MessageSid: 'SM9', From: '+14155550100', Body: 'x' }));
    // Assess
    const published = w.publisher.texts.map(([, data]) => data as Record<string, unknown>);
    expect(published.map((data) => [data.providerMessageId, data.receivedAt, 'sentAt' in data])).toEqual([
      ['wamid.old', '2026-12-01T07:00:00.000Z', false],
      ['wamid.ahead', '2026-12-02T10:00:00.000Z', false],
    ]);
  });

  it('given a verified text from a short code (no E.164 number), when handled, then it is accepted and skipped', async () => {
    const w = world();
    expect(await handleWebhook(w, inbound({ MessageSid: 'SM3', From: '72345', Body: 'promo' }))).toEqual({
      inbound: 0,
      statuses: 0,
      duplicates: 0,
    });
    expect(w.publisher.texts).toEqual([]);
  });

  it('given STOP, when handled, then the number is opted out and published, and the SMS guard then refuses it; START opts back in', async () => {
    const w = world();
    await handleWebhook(w, inbound({ MessageSid: 'SM1', From: '+14155550100', Body: ' stop ' }));

    expect(w.publisher.texts.map(([type]) => type)).toEqual(['TextOptedOut', 'TextReceived']);
    expect(w.publisher.texts[0]?.[1]).toEqual({ phoneNumber: '+14155550100', channel: 'sms', keyword: 'STOP' });
    const guard = {
      profiles: memoryProfiles({ ana: '+14155550100' }),
      sms: recordingSms(),
      rateLimiter: memoryRateLimiter(),
      metrics: recordingMetrics(),
      optOuts: w.optOuts,
      clock: w.clock,
    };
    const caps = { perUser: 5, perDestination: 5, perCountry: 5, perStage: 5 };
    expect((await guardedSms(guard, caps, { userId: 'ana', text: 'Parley: missed call' })).outcome).toBe('stopped');
    expect(guard.sms.sent).toEqual([]);

    w.clock.advance(60_000);
    await handleWebhook(w, inbound({ MessageSid: 'SM2', From: '+14155550100', Body: 'START' }));
    expect(w.publisher.texts.map(([type]) => type)).toEqual([
      'TextOptedOut',
      'TextReceived',
      'TextOptedIn',
      'TextReceived',
    ]);
    expect((await guardedSms(guard, caps, { userId: 'ana', text: 'Parley: missed call' })).outcome).toBe('sent');
  });

  it('given a status callback delivered twice, when handled, then one TextStatusChanged with the ref', async () => {
    const w = world();
    const url = 'https://app.example.com/api/notifications/webhooks/twilio/status?ref=digest-1';
    const hook = inbound({ MessageSid: 'SM5', MessageStatus: 'delivered', To: '+41791234567' }, 'twilio-status', url);

    await handleWebhook(w, hook);
    await handleWebhook(w, hook);
    expect(w.publisher.texts).toEqual([
      [
        'TextStatusChanged',
        {
          channel: 'sms',
          provider: 'twilio',
          providerMessageId: 'SM5',
          to: '+41791234567',
          status: 'delivered',
          ref: 'digest-1',
        },
      ],
    ]);
  });

  it('given publishing fails, when handled, then the key is given back so the provider’s retry is processed', async () => {
    const w = world();
    const hook = inbound({ MessageSid: 'SM7', From: '+14155550100', Body: 'hi' });
    const publish = w.publisher.textReceived;
    w.publisher.textReceived = async () => {
      throw new Error('bus down');
    };
    await expect(handleWebhook(w, hook)).rejects.toThrow('bus down');
    w.publisher.textReceived = publish;

    expect(await handleWebhook(w, hook)).toEqual({ inbound: 1, statuses: 0, duplicates: 0 });
  });

  it('given a signed SNS SubscriptionConfirmation delivered twice, when handled, then its SubscribeURL is fetched once', async () => {
    const { keyPem, certPem } = signingIdentity();
    const rules = snsUrlRules();
    const got: string[] = [];
    const w = world(
      awsMessaging({
        sns: { send: async () => ({}) },
        smsVoice: { send: async () => ({}) },
        configurationSetName: 'parley-ci-texts',
        social: { send: async () => ({}) },
        verifier: snsVerifier(rules, async (u) => (u === CERT_URL ? certPem : Promise.reject(new Error('404')))),
        rules,
        topicAccountId: '123456789012',
        get: async (u) => {
          got.push(u);
        },
      }),
    );
    const hook: Webhook = {
      route: 'sns',
      url: 'https://app.example.com/api/notifications/webhooks/sns',
      headers: { 'x-amz-sns-message-type': 'SubscriptionConfirmation' },
      body: JSON.stringify(signSns(keyPem, subscriptionConfirmation(), '1')),
    };

    expect(await handleWebhook(w, hook)).toMatchObject({ control: 'subscription-confirmed' });
    expect(await handleWebhook(w, hook)).toMatchObject({ duplicates: 1 });
    expect(got).toEqual([subscriptionConfirmation().SubscribeURL]);
    await expect(
      handleWebhook(w, { ...hook, headers: { 'x-amz-sns-message-type': 'Notification' } }),
    ).rejects.toBeInstanceOf(WebhookSignatureInvalid);
  });
});

describe('SNS UnsubscribeConfirmation', () => {
  const unsubscribeConfirmation = {
    Type: 'UnsubscribeConfirmation' as const,
    MessageId: 'dead0000-0000-4000-8000-000000000003',
    TopicArn: TOPIC,
    Token: '2336412f37fb687f5d51e6e2425dacbbb',
    Message: `You have chosen to deactivate subscription arn:aws:sns:eu-central-1:123456789012:parley-ci-sms-inbound:1.`,
    SubscribeURL: `https://sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f`,
    Timestamp: '2026-12-02T10:00:00.000Z',
  };
  const aws = (got: string[]) => {
    const { certPem } = identity;
    const rules = snsUrlRules();
    return awsMessaging({
      sns: { send: async () => ({}) },
      smsVoice: { send: async () => ({}) },
      configurationSetName: 'parley-ci-texts',
      social: { send: async () => ({}) },
      verifier: snsVerifier(rules, async (u) => (u === CERT_URL ? certPem : Promise.reject(new Error('404')))),
      rules,
      topicAccountId: '123456789012',
      get: async (u) => {
        got.push(u);
      },
    });
  };
  const identity = signingIdentity();
  const hook = (body: unknown): Webhook => ({
    route: 'sns',
    url: 'https://app.example.com/api/notifications/webhooks/sns',
    headers: { 'x-amz-sns-message-type': 'UnsubscribeConfirmation' },
    body: JSON.stringify(body),
  });

  it('given a signed UnsubscribeConfirmation, when handled, then it is answered as housekeeping: nothing fetched, published or opted', async () => {
    const got: string[] = [];
    const w = world(aws(got));
    const signed = signSns(identity.keyPem, unsubscribeConfirmation, '2');

    expect(await handleWebhook(w, hook(signed))).toEqual({
      inbound: 0,
      statuses: 0,
      duplicates: 0,
      control: 'unsubscribed',
    });
    // a redelivery is answered the same (nothing to do once)
    expect(await handleWebhook(w, hook(signed))).toMatchObject({ control: 'unsubscribed', duplicates: 0 });
    // its SubscribeURL (which would subscribe again) is never followed
    expect(got).toEqual([]);
    expect(w.publisher.texts).toEqual([]);
  });

  it('given an UnsubscribeConfirmation tampered with or from another account’s topic, when handled, then it is refused', async () => {
    const got: string[] = [];
    const w = world(aws(got));
    const signed = signSns(identity.keyPem, unsubscribeConfirmation, '2');
    await expect(handleWebhook(w, hook({ ...signed, Token: 'other' }))).rejects.toBeInstanceOf(WebhookSignatureInvalid);
    const foreign = signSns(
      identity.keyPem,
      { ...unsubscribeConfirmation, TopicArn: 'arn:aws:sns:eu-central-1:999999999999:someone-else' },
      '2',
    );
    await expect(handleWebhook(w, hook(foreign))).rejects.toBeInstanceOf(WebhookSignatureInvalid);
    expect(got).toEqual([]);
    expect(w.publisher.texts).toEqual([]);
  });
});

describe('opt keywords', () => {
  it('given texts, when read, then only a whole-text keyword counts, in any case, with accents and a trailing mark ignored', () => {
    expect(
      ['STOP', 'stop', 'Baja', 'ARRÊT', 'arret!', 'StopAll', 'unsubscribe', 'cancel', 'END', 'quit.'].map(
        (t) => optKeyword(t)?.kind,
      ),
    ).toEqual(Array(10).fill('out'));
    expect(['START', 'unstop', 'Alta'].map((t) => optKeyword(t)?.kind)).toEqual(['in', 'in', 'in']);
    expect(['please stop', 'stopp', 'halt', ''].map((t) => optKeyword(t))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(optKeyword(' arrêt ')?.keyword).toBe('ARRET');
  });
});

describe('the messaging provider factory', () => {
  const built: string[] = [];
  const builders = {
    aws: () => {
      built.push('aws');
      return twilio();
    },
    twilio: () => {
      built.push('twilio');
      return twilio();
    },
  };

  it('given an unknown provider name, when the provider is made, then it is refused naming the allowed values, and nothing is built', () => {
    expect(() => createMessagingProvider('vonage', builders)).toThrow(UnknownMessagingProvider);
    expect(() => createMessagingProvider('AWS', builders)).toThrow(
      'MESSAGING_PROVIDER is "AWS": it must be one of aws, twilio.',
    );
    expect(built).toEqual([]);
  });

  it('given a known name, when the provider is made, then only that adapter is built', () => {
    createMessagingProvider('twilio', builders);
    expect(built).toEqual(['twilio']);
  });
});
