import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendWhatsAppMessageCommand, SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { awsMessaging } from '../src/adapters/messaging-aws.ts';
import { snsUrlRules, snsVerifier } from '../src/adapters/sns-signature.ts';
import type { Webhook } from '../src/domain/messaging-provider.ts';
import { CERT_URL, notification, signingIdentity, signSns, subscriptionConfirmation } from './sns-fixtures.ts';

const { keyPem, certPem } = signingIdentity();

function provider(overrides: { topicAccountId?: string } = {}) {
  const sns = mockClient(SNSClient);
  const social = mockClient(SocialMessagingClient);
  const smsVoice = mockClient(PinpointSMSVoiceV2Client);
  const rules = snsUrlRules();
  const got: string[] = [];
  const p = awsMessaging({
    sns: new SNSClient({ region: 'eu-central-1' }),
    smsVoice: new PinpointSMSVoiceV2Client({ region: 'eu-central-1' }),
    configurationSetName: 'parley-ci-texts',
    social: new SocialMessagingClient({ region: 'eu-central-1' }),
    senderId: 'Parley',
    whatsappPhoneNumberId: 'phone-number-id-0123',
    whatsappPhoneNumberIds: { '+50760001234': 'phone-number-id-5076' },
    verifier: snsVerifier(rules, async (url) => (url === CERT_URL ? certPem : Promise.reject(new Error('404')))),
    rules,
    topicAccountId: overrides.topicAccountId ?? '123456789012',
    get: async (url) => {
      got.push(url);
    },
  });
  return { p, sns, social, smsVoice, got };
}

const hook = (route: Webhook['route'], body: unknown): Webhook => ({
  route,
  url: `https://app.example.com/api/notifications/webhooks/${route}`,
  headers: {},
  body: JSON.stringify(body),
});

const inboundSms = {
  originationNumber: '+14255550182',
  destinationNumber: '+12125550101',
  messageKeyword: 'KEYWORD_123456789012',
  messageBody: 'Hello Parley',
  inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
  previousPublishedMessageId: 'wJ0Zaay4fmxcPDYLs5LL5BrbqSWHbLyIvPUHtQ9O',
};

const whatsappEvent = (value: unknown) => ({
  context: {
    MetaPhoneNumberIds: [
      { metaPhoneNumberId: '111', arn: 'arn:aws:social-messaging:eu-central-1:123456789012:phone-number-id/abc' },
    ],
  },
  whatsAppWebhookEntry: JSON.stringify({ id: '999', changes: [{ field: 'messages', value }] }),
  aws_account_id: '123456789012',
  message_timestamp: '2026-12-02T10:00:00.000Z',
  messageId: 'm-1',
});

describe('the AWS messaging provider', () => {
  it('given an SMS, when sent, then it is one SNS Publish, Transactional with the sender id', async () => {
    const { p, sns } = provider();
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });

    expect(await p.sendSms({ to: '+41791234567', body: 'Parley: hi' })).toEqual({ providerMessageId: 'sns-1' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+41791234567',
      Message: 'Parley: hi',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Parley' },
      },
    });
  });

  it('given a WhatsApp text, when sent, then End User Messaging Social gets the Meta text message from the configured number', async () => {
    const { p, social } = provider();
    social.on(SendWhatsAppMessageCommand).resolves({ messageId: 'wamid.1' });

    expect(await p.sendWhatsApp({ to: '+41791234567', body: 'hola' })).toEqual({ providerMessageId: 'wamid.1' });
    const input = social.commandCalls(SendWhatsAppMessageCommand)[0]?.args[0].input;
    expect(input?.originationPhoneNumberId).toBe('phone-number-id-0123');
    expect(input?.metaApiVersion).toMatch(/^v\d+\.\d+$/);
    expect(JSON.parse(new TextDecoder().decode(input?.message))).toEqual({
      messaging_product: 'whatsapp',
      to: '+41791234567',
      type: 'text',
      text: { body: 'hola' },
    });
  });

  it('given a reply from a Parley number, when sent, then it is one End User Messaging SMS SendTextMessage from that number with the configuration set and its ref, not SNS', async () => {
    const { p, sns, smsVoice } = provider();
    smsVoice.on(SendTextMessageCommand).resolves({ MessageId: 'eum-1' });

    expect(await p.sendSms({ to: '+41791234567', from: '+50760001234', body: 'Sí', ref: 'msg-9' })).toEqual({
      providerMessageId: 'eum-1',
    });
    expect(smsVoice.commandCalls(SendTextMessageCommand)[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: '+41791234567',
      OriginationIdentity: '+50760001234',
      MessageBody: 'Sí',
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'parley-ci-texts',
      Context: { ref: 'msg-9' },
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('given End User Messaging SMS answers without a MessageId, then the send fails rather than claim it was sent', async () => {
    const { p, smsVoice } = provider();
    smsVoice.on(SendTextMessageCommand).resolves({});

    await expect(p.sendSms({ to: '+41791234567', from: '+50760001234', body: 'Sí' })).rejects.toThrow(/MessageId/);
  });

  it('given a WhatsApp reply from a mapped Parley number, when sent, then it leaves from that number’s phone number id; an unmapped one from the default', async () => {
    const { p, social } = provider();
    social.on(SendWhatsAppMessageCommand).resolves({ messageId: 'wamid.2' });

    await p.sendWhatsApp({ to: '+41791234567', from: '+50760001234', body: 'hola' });
    await p.sendWhatsApp({ to: '+41791234567', from: '+6531000001', body: 'hola' });
    expect(
      social.commandCalls(SendWhatsAppMessageCommand).map((c) => c.args[0].input.originationPhoneNumberId),
    ).toEqual(['phone-number-id-5076', 'phone-number-id-0123']);
  });

  it('given a signed inbound SMS from a topic of our account, when verified and parsed, then it is one normalised text', async () => {
    const { p } = provider();
    const w = hook('sns', signSns(keyPem, notification(inboundSms)));

    expect(await p.verifySignature(w)).toBe(true);
    expect(p.parseInbound(w)).toEqual([
      {
        channel: 'sms',
        from: '+14255550182',
        to: '+12125550101',
        body: 'Hello Parley',
        providerMessageId: inboundSms.inboundMessageId,
      },
    ]);
    expect(p.parseStatus(w)).toEqual([]);
  });

  it("given a validly signed delivery from another account's topic, when verified, then it is refused", async () => {
    const { p } = provider({ topicAccountId: '210987654321' });
    expect(await p.verifySignature(hook('sns', signSns(keyPem, notification(inboundSms))))).toBe(false);
    expect(
      await provider({ topicAccountId: '' }).p.verifySignature(hook('sns', signSns(keyPem, notification(inboundSms)))),
    ).toBe(false);
  });

  it('given a Twilio route or a body that is no SNS envelope, when verified, then it is refused', async () => {
    const { p } = provider();
    expect(await p.verifySignature(hook('twilio-sms', signSns(keyPem, notification(inboundSms))))).toBe(false);
    expect(await p.verifySignature({ ...hook('sns', {}), body: 'From=%2B1&Body=hi' })).toBe(false);
  });

  it('given End User Messaging SMS delivery events, when parsed, then successful is sent, delivered is delivered, the rest failed with a reason', () => {
    const { p } = provider();
    const event = (eventType: string, extra: object = {}) =>
      hook(
        'sns',
        signSns(
          keyPem,
          notification({
            eventType,
            eventVersion: '1.0',
            messageId: 'msg-1',
            destinationPhoneNumber: '+14255550156',
            originationPhoneNumber: '+12065550152',
            messageStatus: eventType.replace('TEXT_', ''),
            messageStatusDescription: 'Destination phone number unreachable',
            ...extra,
          }),
        ),
      );
    expect(p.parseStatus(event('TEXT_SUCCESSFUL', { context: { ref: 'r-1' } }))).toEqual([
      { channel: 'sms', providerMessageId: 'msg-1', to: '+14255550156', status: 'sent', ref: 'r-1' },
    ]);
    expect(p.parseStatus(event('TEXT_DELIVERED'))[0]?.status).toBe('delivered');
    expect(p.parseStatus(event('TEXT_QUEUED'))).toEqual([]);
    expect(p.parseStatus(event('TEXT_UNREACHABLE'))).toEqual([
      {
        channel: 'sms',
        providerMessageId: 'msg-1',
        to: '+14255550156',
        status: 'failed',
        reason: 'Destination phone number unreachable',
      },
    ]);
    expect(p.parseInbound(event('TEXT_DELIVERED'))).toEqual([]);
  });

  it('given End User Messaging Social events, when parsed, then Meta text messages and statuses are normalised with E.164 numbers', () => {
    const { p } = provider();
    const inbound = hook(
      'whatsapp',
      signSns(
        keyPem,
        notification(
          whatsappEvent({
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '111' },
            contacts: [{ profile: { name: 'Kerry' }, wa_id: '16505551234' }],
            messages: [
              {
                from: '16505551234',
                id: 'wamid.in1',
                timestamp: '1700000000',
                type: 'text',
                text: { body: 'hi there' },
              },
              { from: '16505551234', id: 'wamid.img', timestamp: '1700000001', type: 'image', image: { id: 'x' } },
            ],
          }),
        ),
      ),
    );
    expect(p.parseInbound(inbound)).toEqual([
      {
        channel: 'whatsapp',
        from: '+16505551234',
        to: '+15550783881',
        body: 'hi there',
        providerMessageId: 'wamid.in1',
        // Meta's timestamp: WhatsApp's 24 h reply window counts from it (ADR 0030)
        sentAt: '2023-11-14T22:13:20.000Z',
      },
    ]);
    const statuses = hook(
      'whatsapp',
      signSns(
        keyPem,
        notification(
          whatsappEvent({
            statuses: [
              { id: 'wamid.out1', status: 'delivered', recipient_id: '16505551234', timestamp: '1' },
              { id: 'wamid.out1', status: 'read', recipient_id: '16505551234', timestamp: '2' },
              {
                id: 'wamid.out2',
                status: 'failed',
                recipient_id: '16505551234',
                errors: [{ code: 131026, title: 'Message undeliverable' }],
              },
            ],
          }),
        ),
      ),
    );
    expect(p.parseStatus(statuses)).toEqual([
      { channel: 'whatsapp', providerMessageId: 'wamid.out1', to: '+16505551234', status: 'delivered' },
      {
        channel: 'whatsapp',
        providerMessageId: 'wamid.out2',
        to: '+16505551234',
        status: 'failed',
        reason: '131026 Message undeliverable',
      },
    ]);
  });

  it('given a signed SubscriptionConfirmation, when handled, then it is housekeeping confirmed by a GET of its SubscribeURL', async () => {
    const { p, got } = provider();
    const w = hook('sns', signSns(keyPem, subscriptionConfirmation()));
    expect(await p.verifySignature(w)).toBe(true);
    const control = p.parseControl(w);
    expect(control).toMatchObject({ kind: 'subscription-confirmation' });
    if (control?.kind === 'subscription-confirmation') await p.confirmSubscription(control.confirmUrl);
    expect(got).toEqual([subscriptionConfirmation().SubscribeURL]);
  });

  it('given a SubscriptionConfirmation whose SubscribeURL is off the SNS hosts, when verified, then it is refused and never fetched', async () => {
    const { p, got } = provider();
    const w = hook(
      'sns',
      signSns(keyPem, subscriptionConfirmation({ SubscribeURL: 'https://169.254.169.254/latest/meta-data/' })),
    );
    expect(await p.verifySignature(w)).toBe(false);
    await expect(p.confirmSubscription('https://169.254.169.254/latest/meta-data/')).rejects.toThrow(
      /not on an SNS host/,
    );
    expect(got).toEqual([]);
  });
});
