/**
 * devstack's texts at the wire: Twilio's Messages API and its signed webhooks, SNS HTTP deliveries
 * signed with devstack's certificate, End User Messaging SMS and Social, and `POST /_dev/sms/inbound` per
 * provider. A fake notifications (`texts-harness.ts`) checks every signature and records what came.
 */
import {
  ResourceNotFoundException,
  SendTextMessageCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { SendWhatsAppMessageCommand } from '@aws-sdk/client-socialmessaging';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PARLEY_NUMBERS, WHATSAPP_PHONE_NUMBER_IDS } from '../src/messaging/config.ts';
import { basic, type Harness, harness, MESSAGES, SID, TOKEN, verifySns } from './texts-harness.ts';

describe('Twilio’s Messages API (/_dev/twilio)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('twilio');
  });
  afterAll(() => h.close());
  afterEach(() => h.stack.settled());

  const send = (form: Record<string, string>, auth = basic(SID, TOKEN)) =>
    fetch(`${h.origin}${MESSAGES}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  it('given a wrong auth token, then 401 with Twilio’s code 20003 and nothing is sent', async () => {
    const before = h.stack.outbox.list().length;
    const res = await send({ To: '+41445550101', From: '+15005550006', Body: 'hi' }, basic(SID, 'nope'));

    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
    expect(h.stack.outbox.list()).toHaveLength(before);
  });

  it.each([
    [{ To: '0445550101', From: '+15005550006', Body: 'hi' }, 21211],
    [{ From: '+15005550006', Body: 'hi' }, 21604],
    [{ To: '+41445550101', Body: 'hi' }, 21603],
    [{ To: '+41445550101', From: '+15005550006' }, 21602],
    [{ To: '+41445550101', From: '+12025550199', Body: 'hi' }, 21606],
  ])('given %j, then 400 with Twilio’s code %i', async (form, code) => {
    const res = await send(form);

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code,
      status: 400,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
    });
  });

  it('given a valid send, then 201 with the message resource, the outbox has it, and signed status callbacks follow: sent, delivered', async () => {
    const callback = `${h.origin}/api/notifications/webhooks/twilio/status?ref=m_1`;
    const res = await send({
      To: '+41445550101',
      From: '+15005550006',
      Body: 'Your code is 123456',
      StatusCallback: callback,
    });

    expect(res.status).toBe(201);
    const message = (await res.json()) as Record<string, unknown>;
    expect(message).toMatchObject({
      account_sid: SID,
      to: '+41445550101',
      from: '+15005550006',
      body: 'Your code is 123456',
      status: 'queued',
      direction: 'outbound-api',
      api_version: '2010-04-01',
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(h.stack.outbox.get(message.sid as string)).toMatchObject({
      provider: 'twilio',
      channel: 'sms',
      to: '+41445550101',
      phoneNumber: '+41445550101',
      body: 'Your code is 123456',
      message: 'Your code is 123456',
    });

    await h.stack.settled();
    const callbacks = h.received.filter((r) => r.form?.MessageSid === message.sid);
    expect(callbacks.map((c) => [c.path, c.form?.MessageStatus, c.signatureValid])).toEqual([
      ['/webhooks/twilio/status', 'sent', true],
      ['/webhooks/twilio/status', 'delivered', true],
    ]);
    expect(callbacks[0]?.form).toMatchObject({ AccountSid: SID, To: '+41445550101', From: '+15005550006' });
    expect(h.stack.outbox.get(message.sid as string)).toMatchObject({ status: 'delivered', webhookStatus: 200 });

    // And GET of the resource shows it delivered
    const got = await fetch(`${h.origin}${MESSAGES.replace('.json', `/${message.sid}.json`)}`, {
      headers: { authorization: basic(SID, TOKEN) },
    });
    expect(await got.json()).toMatchObject({ sid: message.sid, status: 'delivered' });
  });

  it('given the unreachable number, then the callbacks say sent, then undelivered with ErrorCode 30003', async () => {
    const callback = `${h.origin}/api/notifications/webhooks/twilio/status`;
    const res = await send({ To: '+15005550001', From: '+15005550006', Body: 'hello?', StatusCallback: callback });
    const { sid } = (await res.json()) as { sid: string };

    await h.stack.settled();
    const callbacks = h.received.filter((r) => r.form?.MessageSid === sid);
    expect(callbacks.map((c) => [c.form?.MessageStatus, c.form?.ErrorCode, c.signatureValid])).toEqual([
      ['sent', undefined, true],
      ['undelivered', '30003', true],
    ]);
    expect(h.stack.outbox.get(sid)).toMatchObject({ status: 'failed', reason: 'Unreachable destination handset' });
  });

  it('given a WhatsApp send (whatsapp: addresses), then it is a WhatsApp text in the outbox', async () => {
    const res = await send({ To: 'whatsapp:+41445550101', From: 'whatsapp:+15005550006', Body: 'Hola' });

    expect(res.status).toBe(201);
    const message = (await res.json()) as { sid: string; to: string; from: string };
    expect([message.to, message.from]).toEqual(['whatsapp:+41445550101', 'whatsapp:+15005550006']);
    expect(h.stack.outbox.get(message.sid)).toMatchObject({ channel: 'whatsapp', to: '+41445550101' });
  });

  it('given a send from a Parley number of the carrier pool (a conversation reply), then it leaves from that number, SMS and WhatsApp', async () => {
    const sms = await send({ To: '+41445550101', From: '+5072100001', Body: 'Sí' });
    const whatsapp = await send({ To: 'whatsapp:+41445550101', From: 'whatsapp:+5072100001', Body: 'Sí' });

    expect([sms.status, whatsapp.status]).toEqual([201, 201]);
    const sids = [((await sms.json()) as { sid: string }).sid, ((await whatsapp.json()) as { sid: string }).sid];
    expect(sids.map((sid) => h.stack.outbox.get(sid)?.from)).toEqual(['+5072100001', '+5072100001']);
  });

  it('given a phone texting Parley, then notifications gets the signed inbound form and /_dev/sms/inbound answers its status', async () => {
    const res = await h.inbound({ from: '+41445550101', to: '+15005550006', body: 'Hi there' });

    expect(res.status).toBe(200);
    const { id, status, provider } = (await res.json()) as { id: string; status: number; provider: string };
    expect([status, provider]).toEqual([200, 'twilio']);
    const hit = h.received.find((r) => r.form?.MessageSid === id);
    expect(hit?.path).toBe('/webhooks/twilio/sms');
    expect(hit?.signatureValid).toBe(true);
    expect(hit?.form).toMatchObject({ From: '+41445550101', To: '+15005550006', Body: 'Hi there', AccountSid: SID });

    const wa = await (
      await h.inbound({ from: '+41445550101', to: '+15005550006', body: 'Hola', channel: 'whatsapp' })
    ).json();
    const waHit = h.received.find((r) => r.form?.MessageSid === (wa as { id: string }).id);
    expect(waHit?.path).toBe('/webhooks/twilio/whatsapp');
    expect(waHit?.form).toMatchObject({
      From: 'whatsapp:+41445550101',
      To: 'whatsapp:+15005550006',
      WaId: '41445550101',
    });
    expect(waHit?.signatureValid).toBe(true);
  });
});

describe('SNS HTTP deliveries and End User Messaging (provider aws)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('aws', { webhookStatus: 200 });
    await h.stack.subscribeEndpoints();
  });
  afterAll(() => h.close());
  afterEach(() => h.stack.settled());

  it('at startup, each endpoint gets one signed SubscriptionConfirmation (v2), and confirming by the SubscribeURL is recorded', async () => {
    const confirmations = h.received.filter((r) => r.sns?.Type === 'SubscriptionConfirmation');
    expect(confirmations.map((c) => [c.path, c.signatureValid, c.sns?.SignatureVersion])).toEqual([
      ['/webhooks/sns', true, '2'],
      ['/webhooks/sns', true, '2'],
      ['/webhooks/whatsapp', true, '2'],
    ]);
    expect(confirmations[0]?.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(confirmations[0]?.sns?.SigningCertURL).toBe(
      `${h.origin}/_dev/sns/cert/SimpleNotificationService-devstack.pem`,
    );

    const { items } = (await (await fetch(`${h.origin}/_dev/sns/subscriptions`)).json()) as {
      items: { topicArn: string; endpoint: string; confirmed: boolean; confirmations: number }[];
    };
    expect(items.map((s) => [s.topicArn.split(':').at(-1), s.endpoint, s.confirmed, s.confirmations])).toEqual([
      ['parley-local-sms-inbound', `${h.origin}/api/notifications/webhooks/sns`, true, 1],
      ['parley-local-sms-events', `${h.origin}/api/notifications/webhooks/sns`, true, 1],
      ['parley-local-whatsapp-events', `${h.origin}/api/notifications/webhooks/whatsapp`, true, 1],
    ]);

    // A second start does not subscribe again
    await h.stack.subscribeEndpoints();
    expect(h.received.filter((r) => r.sns?.Type === 'SubscriptionConfirmation')).toHaveLength(3);
  });

  it('given a phone texting Parley by SMS, then a signed Notification carries the two-way SMS message', async () => {
    const res = await h.inbound({ from: '+41445550101', to: '+15005550006', body: 'stop please' });

    expect(res.status).toBe(200);
    const { id, status } = (await res.json()) as { id: string; status: number };
    expect(status).toBe(200);
    const hit = h.received.find((r) => r.sns?.Type === 'Notification' && r.sns.Message?.includes(id));
    expect(hit?.path).toBe('/webhooks/sns');
    expect(hit?.signatureValid).toBe(true);
    expect(hit?.sns?.TopicArn).toBe('arn:aws:sns:eu-central-1:000000000000:parley-local-sms-inbound');
    expect(JSON.parse(hit?.sns?.Message as string)).toMatchObject({
      originationNumber: '+41445550101',
      destinationNumber: '+15005550006',
      messageKeyword: 'STOP',
      messageBody: 'stop please',
      inboundMessageId: id,
    });
    expect(h.stack.outbox.received().at(-1)).toMatchObject({ id, webhookStatus: 200, provider: 'aws' });
  });

  it('lists the numbers Parley can be texted at (the organisation’s and the carrier pool’s), and says when a text went to another', async () => {
    const { items } = (await (await fetch(`${h.origin}/_dev/sms/numbers`)).json()) as {
      items: { e164: string; use: string }[];
    };
    expect(items[0]).toEqual({ e164: '+15005550006', use: 'organisation' });
    expect(items).toContainEqual({ e164: '+41215550001', use: 'person' });

    const toParley = (await (await h.inbound({ from: '+41445550101', to: '+41215550001', body: 'a' })).json()) as {
      parleyNumber: boolean;
    };
    const elsewhere = (await (await h.inbound({ from: '+41445550101', to: '+41215559999', body: 'b' })).json()) as {
      parleyNumber: boolean;
      status: number;
    };
    expect([toParley.parleyNumber, elsewhere.parleyNumber, elsewhere.status]).toEqual([true, false, 200]);
  });

  it('given a phone texting Parley on WhatsApp, then the End User Messaging Social event arrives on the WhatsApp endpoint', async () => {
    const { id } = (await (
      await h.inbound({ from: '+41445550101', to: '+15005550006', body: 'Hola', channel: 'whatsapp' })
    ).json()) as {
      id: string;
    };

    const hit = h.received.find((r) => r.path === '/webhooks/whatsapp' && r.sns?.Message?.includes(id));
    expect(hit?.signatureValid).toBe(true);
    const event = JSON.parse(hit?.sns?.Message as string);
    expect(event.context.MetaPhoneNumberIds[0].metaPhoneNumberId).toBe('devstack-whatsapp-phone-number-id');
    const value = JSON.parse(event.whatsAppWebhookEntry).changes[0].value;
    expect(value.messages).toEqual([
      { from: '41445550101', id, timestamp: expect.any(String), type: 'text', text: { body: 'Hola' } },
    ]);
    expect(value.metadata.display_phone_number).toBe('15005550006');
  });

  it('given an SMS published through SNS, then the outbox has it and no delivery event follows (SNS tells no one, as on AWS)', async () => {
    const { MessageId } = await h.sns.send(new PublishCommand({ PhoneNumber: '+41445550102', Message: 'Missed call' }));

    await h.stack.settled();
    const about = h.received.filter(
      (r) => r.sns?.Type === 'Notification' && String(r.sns.Message).includes(MessageId as string),
    );
    expect(about).toEqual([]);
    expect(h.stack.outbox.get(MessageId as string)).toMatchObject({
      provider: 'aws',
      channel: 'sms',
      status: 'delivered',
    });
  });

  it('given a reply through End User Messaging SMS with the configuration set, then its events follow on the SMS events topic: TEXT_SUCCESSFUL, TEXT_DELIVERED, each with its context', async () => {
    const from = PARLEY_NUMBERS[0] as string;
    const { MessageId } = await h.smsVoice.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: '+41445550102',
        OriginationIdentity: from,
        MessageBody: 'Yes, at 5',
        MessageType: 'TRANSACTIONAL',
        ConfigurationSetName: 'parley-local-texts',
        Context: { ref: 'msg-1' },
      }),
    );

    await h.stack.settled();
    const events = h.received
      .filter((r) => r.sns?.Type === 'Notification' && r.sns.TopicArn?.endsWith('parley-local-sms-events'))
      .map((r) => ({ ...JSON.parse(r.sns?.Message as string), valid: r.signatureValid }))
      .filter((e) => e.messageId === MessageId);
    expect(events.map((e) => [e.eventType, e.messageStatus, e.destinationPhoneNumber, e.valid])).toEqual([
      ['TEXT_SUCCESSFUL', 'SUCCESSFUL', '+41445550102', true],
      ['TEXT_DELIVERED', 'DELIVERED', '+41445550102', true],
    ]);
    expect(events[0]).toMatchObject({
      originationPhoneNumber: from,
      configurationSetName: 'parley-local-texts',
      context: { ref: 'msg-1' },
    });
    expect(h.stack.outbox.get(MessageId as string)).toMatchObject({
      provider: 'aws',
      channel: 'sms',
      from,
      body: 'Yes, at 5',
      status: 'delivered',
    });
  });

  it('given a reply to the unreachable number, then the final event is TEXT_UNREACHABLE and the outbox says failed', async () => {
    const { MessageId } = await h.smsVoice.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: '+15005550001',
        OriginationIdentity: PARLEY_NUMBERS[0],
        MessageBody: 'hello?',
        ConfigurationSetName: 'parley-local-texts',
      }),
    );

    await h.stack.settled();
    const last = h.received
      .map((r) => (r.sns?.Type === 'Notification' ? JSON.parse(r.sns.Message as string) : {}))
      .filter((e) => e.messageId === MessageId)
      .at(-1);
    expect(last).toMatchObject({ eventType: 'TEXT_UNREACHABLE', messageStatus: 'UNREACHABLE', isFinal: true });
    expect(h.stack.outbox.get(MessageId as string)?.status).toBe('failed');
  });

  it('given what End User Messaging SMS refuses, then the SDK raises its own exceptions and nothing is sent', async () => {
    const send = (input: Partial<ConstructorParameters<typeof SendTextMessageCommand>[0]>) =>
      h.smsVoice.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: '+41445550102',
          OriginationIdentity: PARLEY_NUMBERS[0],
          MessageBody: 'hi',
          ConfigurationSetName: 'parley-local-texts',
          ...input,
        } as ConstructorParameters<typeof SendTextMessageCommand>[0]),
      );
    const before = h.stack.outbox.list().length;

    await expect(send({ OriginationIdentity: '+41445550999' })).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(send({ ConfigurationSetName: 'someone-elses' })).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(send({ DestinationPhoneNumber: '0791234567' })).rejects.toBeInstanceOf(ValidationException);
    await expect(send({ MessageBody: 'x'.repeat(1601) })).rejects.toBeInstanceOf(ValidationException);
    expect(h.stack.outbox.list()).toHaveLength(before);
  });

  it('given a WhatsApp text through the real SocialMessagingClient, then a messageId, the outbox has it, and sent/delivered statuses follow', async () => {
    // the phone wrote first: Meta's 24 h window is open (whatsapp-window.test.ts for outside it)
    await h.inbound({ from: '+41445550103', to: '+15005550006', body: 'Hola', channel: 'whatsapp' });
    const message = {
      messaging_product: 'whatsapp',
      to: '+41445550103',
      type: 'text',
      text: { body: 'Hola desde Parley' },
    };
    const out = await h.social.send(
      new SendWhatsAppMessageCommand({
        originationPhoneNumberId: 'devstack-whatsapp-phone-number-id',
        message: new TextEncoder().encode(JSON.stringify(message)),
        metaApiVersion: 'v20.0',
      }),
    );

    expect(out.messageId).toMatch(/^wamid\./);
    expect(h.stack.outbox.get(out.messageId as string)).toMatchObject({
      provider: 'aws',
      channel: 'whatsapp',
      to: '+41445550103',
      body: 'Hola desde Parley',
    });
    await h.stack.settled();
    const statuses = h.received
      .filter((r) => r.path === '/webhooks/whatsapp' && r.sns?.Type === 'Notification')
      .flatMap(
        (r) => JSON.parse(JSON.parse(r.sns?.Message as string).whatsAppWebhookEntry).changes[0].value.statuses ?? [],
      )
      .filter((s: { id: string }) => s.id === out.messageId);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['sent', 'delivered']);
    expect(statuses[0]).toMatchObject({ recipient_id: '41445550103' });
  });

  it('given the phone number id of a Parley number (PARLEY_WHATSAPP_PHONE_NUMBER_IDS), then the WhatsApp text comes from that number', async () => {
    const message = { messaging_product: 'whatsapp', to: '+41445550104', type: 'text', text: { body: 'Sí' } };
    const out = await h.social.send(
      new SendWhatsAppMessageCommand({
        originationPhoneNumberId: WHATSAPP_PHONE_NUMBER_IDS['+5072100001'],
        message: new TextEncoder().encode(JSON.stringify(message)),
        metaApiVersion: 'v20.0',
      }),
    );

    expect(h.stack.outbox.get(out.messageId as string)).toMatchObject({ channel: 'whatsapp', from: '+5072100001' });
    expect(JSON.parse(h.stack.environment().PARLEY_WHATSAPP_PHONE_NUMBER_IDS as string)).toEqual(
      WHATSAPP_PHONE_NUMBER_IDS,
    );
  });

  it('given an unknown origination phone number id, then the SDK raises ResourceNotFoundException', async () => {
    await expect(
      h.social.send(
        new SendWhatsAppMessageCommand({
          originationPhoneNumberId: 'phone-number-id-unknown',
          message: new TextEncoder().encode('{}'),
          metaApiVersion: 'v20.0',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('SignatureVersion 1 deliveries verify with SHA1withRSA against the served certificate', async () => {
    await h.stack.delivery.publish('arn:aws:sns:eu-central-1:000000000000:parley-local-sms-events', '{"v":1}', '1');

    const hit = h.received.find((r) => r.sns?.Message === '{"v":1}');
    expect(hit?.sns?.SignatureVersion).toBe('1');
    expect(hit?.signatureValid).toBe(true);
    // and a tampered message does not verify
    expect(await verifySns({ ...(hit?.sns as Record<string, string>), Message: '{"v":2}' })).toBe(false);
  });

  it.each([
    [{ from: '0445550101', to: '+15005550006', body: 'x' }, 'from must be an E.164 number'],
    [{ from: '+41445550101', to: '+15005550006', body: '' }, 'body must not be empty'],
    [{ from: '+41445550101', to: '+15005550006', body: 'x', channel: 'fax' }, 'channel is "sms" or "whatsapp"'],
  ])('given %j, then 400 validation_failed', async (body, message) => {
    const res = await h.inbound(body);

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining(message) },
    });
  });
});

describe('an SNS endpoint that never confirms', () => {
  it('gets no Notification: /_dev/sms/inbound answers 409 not_subscribed, naming the pending subscription', async () => {
    const h = await harness('aws', { confirm: false });
    try {
      await h.stack.subscribeEndpoints();
      const res = await h.inbound({ from: '+41445550101', to: '+15005550006', body: 'hi' });

      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({
        error: { code: 'not_subscribed', message: expect.stringContaining('not confirmed') },
      });
      expect(h.received.filter((r) => r.sns?.Type === 'Notification')).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
