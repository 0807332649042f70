/**
 * devstack's WhatsApp behaves like Meta's customer service window: a free-form message more than 24 h
 * after the person's last message to that business number (or before any) is accepted by the API and
 * then fails, End User Messaging Social with Meta's error 131047, Twilio with 63016 (ADR 0030).
 */
import { SendWhatsAppMessageCommand } from '@aws-sdk/client-socialmessaging';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basic, type Harness, harness, MESSAGES, SID, TOKEN } from './texts-harness.ts';

const BUSINESS = '+15005550006';
const HOUR = 60 * 60 * 1000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

/** The statuses of one WhatsApp message as End User Messaging Social told notifications. */
function socialStatuses(h: Harness, id: string) {
  return h.received
    .filter((r) => r.path === '/webhooks/whatsapp' && r.sns?.Type === 'Notification')
    .flatMap(
      (r) => JSON.parse(JSON.parse(r.sns?.Message as string).whatsAppWebhookEntry).changes[0].value.statuses ?? [],
    )
    .filter((s: { id: string }) => s.id === id) as { status: string; errors?: { code: number; title: string }[] }[];
}

describe('WhatsApp’s 24 h window on End User Messaging Social (provider aws)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('aws');
    await h.stack.subscribeEndpoints();
  });
  afterAll(() => h.close());
  afterEach(() => h.stack.settled());

  const sendTo = async (to: string) => {
    const message = { messaging_product: 'whatsapp', to, type: 'text', text: { body: 'Hola' } };
    const out = await h.social.send(
      new SendWhatsAppMessageCommand({
        originationPhoneNumberId: 'devstack-whatsapp-phone-number-id',
        message: new TextEncoder().encode(JSON.stringify(message)),
        metaApiVersion: 'v20.0',
      }),
    );
    await h.stack.settled();
    return out.messageId as string;
  };

  it('given the phone never wrote, when Parley sends, then the API accepts it and it fails with 131047', async () => {
    // Act
    const id = await sendTo('+41445550201');
    // Assess
    expect(id).toMatch(/^wamid\./);
    expect(socialStatuses(h, id)).toEqual([
      expect.objectContaining({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] }),
    ]);
    expect(h.stack.outbox.get(id)).toMatchObject({ status: 'failed', reason: expect.stringContaining('131047') });
  });

  it('given the phone wrote 25 h ago (sentAt, Meta’s timestamp), then 131047; 23 h ago, then sent and delivered', async () => {
    // Prepare
    const old = await h.inbound({
      from: '+41445550202',
      to: BUSINESS,
      body: 'Hola',
      channel: 'whatsapp',
      sentAt: hoursAgo(25),
    });
    expect(old.status).toBe(200);
    const { id: inboundId } = (await old.json()) as { id: string };
    const delivered = h.received.find((r) => r.sns?.Message?.includes(inboundId));
    const value = JSON.parse(JSON.parse(delivered?.sns?.Message as string).whatsAppWebhookEntry).changes[0].value;
    // the webhook carries the phone's time, as Meta's does
    expect(Number(value.messages[0].timestamp)).toBeLessThan(Date.now() / 1000 - 24 * 3600);
    // Act, Assess
    expect(socialStatuses(h, await sendTo('+41445550202')).map((s) => s.status)).toEqual(['failed']);
    await h.inbound({
      from: '+41445550202',
      to: BUSINESS,
      body: 'Sigo aquí',
      channel: 'whatsapp',
      sentAt: hoursAgo(23),
    });
    expect(socialStatuses(h, await sendTo('+41445550202')).map((s) => s.status)).toEqual(['sent', 'delivered']);
  });

  it('counts per business number: a message to another Parley number opens no window for this one', async () => {
    await h.inbound({ from: '+41445550203', to: '+5072100001', body: 'Hola', channel: 'whatsapp' });
    expect(socialStatuses(h, await sendTo('+41445550203')).map((s) => s.status)).toEqual(['failed']);
  });

  it.each([
    [{ channel: 'sms', sentAt: hoursAgo(1) }, 'WhatsApp on provider aws only'],
    [{ channel: 'whatsapp', sentAt: new Date(Date.now() + HOUR).toISOString() }, 'must not be in the future'],
    [{ channel: 'whatsapp', sentAt: 'yesterday' }, 'ISO 8601'],
  ])('given %j, then 400 validation_failed', async (extra, message) => {
    const res = await h.inbound({ from: '+41445550204', to: BUSINESS, body: 'x', ...extra });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining(message) },
    });
  });
});

describe('WhatsApp’s 24 h window on Twilio', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('twilio');
  });
  afterAll(() => h.close());
  afterEach(() => h.stack.settled());

  const send = async (to: string) => {
    const res = await fetch(`${h.origin}${MESSAGES}`, {
      method: 'POST',
      headers: { authorization: basic(SID, TOKEN), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        To: `whatsapp:${to}`,
        From: `whatsapp:${BUSINESS}`,
        Body: 'Hola',
        StatusCallback: `${h.origin}/api/notifications/webhooks/twilio/status`,
      }).toString(),
    });
    expect(res.status).toBe(201);
    const { sid } = (await res.json()) as { sid: string };
    await h.stack.settled();
    return h.received.filter((r) => r.form?.MessageSid === sid).map((r) => [r.form?.MessageStatus, r.form?.ErrorCode]);
  };

  it('given the phone never wrote, then the callback says failed with ErrorCode 63016; after it writes, sent and delivered', async () => {
    expect(await send('+41445550211')).toEqual([['failed', '63016']]);
    await h.inbound({ from: '+41445550211', to: BUSINESS, body: 'Hola', channel: 'whatsapp' });
    expect(await send('+41445550211')).toEqual([
      ['sent', undefined],
      ['delivered', undefined],
    ]);
  });

  it('Twilio’s inbound form carries no time: sentAt is refused', async () => {
    const res = await h.inbound({
      from: '+41445550212',
      to: BUSINESS,
      body: 'x',
      channel: 'whatsapp',
      sentAt: hoursAgo(1),
    });
    expect(res.status).toBe(400);
  });
});
