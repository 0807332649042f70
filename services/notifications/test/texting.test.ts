import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { describe, expect, it } from 'vitest';
import { twilioMessaging } from '../src/adapters/messaging-twilio.ts';
import { twilioSignature } from '../src/adapters/twilio-signature.ts';
import type { OutboundText } from '../src/domain/messaging-provider.ts';
import { sendRequestedText, type TextRefStore, type TextRequest } from '../src/domain/texting.ts';
import { handleWebhook } from '../src/domain/webhooks.ts';
import { manualClock, memoryOptOuts, memoryRateLimiter, recordingMetrics, recordingPublisher } from './fakes.ts';

const PHONE = '+41791234567';

function memoryRefs(): TextRefStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    async remember(id, ref) {
      items.set(id, ref);
    },
    async refOf(id) {
      return items.get(id);
    },
  };
}

function world(optedOut: string[] = []) {
  const sent: { channel: 'sms' | 'whatsapp'; text: OutboundText }[] = [];
  let next = 0;
  return {
    sent,
    deps: {
      provider: {
        name: 'twilio' as const,
        async sendSms(text: OutboundText) {
          sent.push({ channel: 'sms', text });
          return { providerMessageId: `SM${++next}` };
        },
        async sendWhatsApp(text: OutboundText) {
          sent.push({ channel: 'whatsapp', text });
          return { providerMessageId: `wamid.${++next}` };
        },
      },
      optOuts: memoryOptOuts(optedOut),
      rateLimiter: memoryRateLimiter(),
      refs: memoryRefs(),
      publisher: recordingPublisher(),
      metrics: recordingMetrics(),
      clock: manualClock('2026-12-02T10:00:00.000Z'),
    },
  };
}

const request = (over: Partial<TextRequest> = {}): TextRequest => ({
  conversationId: 't_conv',
  messageId: 'm2_abc',
  channel: 'sms',
  from: '+41445550101',
  to: PHONE,
  text: 'Hi!',
  requestedBy: 'ana',
  ref: 't_conv.m2_abc',
  ...over,
});

describe('conversation texts (messaging.TextRequested)', () => {
  it('sends through the provider from the conversation’s number with the ref, remembers it, charges the segments and reports sent', async () => {
    const w = world();
    expect(
      await sendRequestedText(
        w.deps,
        { perUser: 100, perDestination: 100, perCountry: 100, perStage: 1000 },
        request(),
      ),
    ).toBe('sent');
    // from the Parley number the conversation belongs to (its `via`), not the stage's default sender
    expect(w.sent).toEqual([
      { channel: 'sms', text: { to: PHONE, from: '+41445550101', body: 'Hi!', ref: 't_conv.m2_abc' } },
    ]);
    expect(w.deps.refs.items.get('SM1')).toBe('t_conv.m2_abc');
    expect(w.deps.publisher.usage).toMatchObject([
      { userId: 'ana', feature: 'sms', quantity: 1, reason: 'text-message', providerMessageId: 'SM1' },
    ]);
    expect(w.deps.metrics.countries).toEqual(['41']);
    expect(w.deps.publisher.texts).toEqual([
      [
        'TextStatusChanged',
        {
          channel: 'sms',
          provider: 'twilio',
          providerMessageId: 'SM1',
          to: PHONE,
          status: 'sent',
          ref: 't_conv.m2_abc',
        },
      ],
    ]);
  });

  it('sends WhatsApp by WhatsApp from the conversation’s number, charged as one whatsapp-message (ADR 0029)', async () => {
    const w = world();
    await sendRequestedText(
      w.deps,
      { perUser: 100, perDestination: 100, perCountry: 100, perStage: 1000 },
      request({ channel: 'whatsapp' }),
    );
    expect(w.sent).toEqual([
      { channel: 'whatsapp', text: { to: PHONE, from: '+41445550101', body: 'Hi!', ref: 't_conv.m2_abc' } },
    ]);
    expect(w.deps.publisher.usage).toEqual([
      {
        usageId: 'wa-wamid-1',
        userId: 'ana',
        feature: 'whatsapp-message',
        quantity: 1,
        unit: 'message',
        unitPrice: 0.005,
        currency: 'USD',
        at: '2026-12-02T10:00:00.000Z',
        amountMicros: 5_000,
        country: 'CH',
        direction: 'outbound',
        reason: 'text-message',
        providerMessageId: 'wamid.1',
      },
    ]);
    // no SMS counted in the SMS metric
    expect(w.deps.metrics.countries).toEqual([]);
  });

  it('refuses an opted-out number before any cap and reports failed, opted-out', async () => {
    const w = world([PHONE]);
    expect(
      await sendRequestedText(w.deps, { perUser: 0, perDestination: 0, perCountry: 0, perStage: 0 }, request()),
    ).toBe('opted-out');
    expect(w.sent).toEqual([]);
    expect(w.deps.publisher.texts).toEqual([
      [
        'TextStatusChanged',
        {
          channel: 'sms',
          provider: 'twilio',
          providerMessageId: 'refused-m2_abc',
          to: PHONE,
          status: 'failed',
          reason: 'opted-out',
          ref: 't_conv.m2_abc',
        },
      ],
    ]);
  });

  it('stops at the user’s daily texting cap, apart from the stage', async () => {
    const w = world();
    const caps = { perUser: 2, perDestination: 1000, perCountry: 1000, perStage: 1000 };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await sendRequestedText(w.deps, caps, request()));
    expect(outcomes).toEqual(['sent', 'sent', 'daily-cap']);
    expect(w.sent).toHaveLength(2);
    // another user still texts
    expect(await sendRequestedText(w.deps, caps, request({ requestedBy: 'bo' }))).toBe('sent');
    expect(w.deps.publisher.texts.at(-2)).toMatchObject([
      'TextStatusChanged',
      { status: 'failed', reason: 'daily-cap' },
    ]);
  });

  it('stops at the destination’s daily cap, whoever texts it, apart from other numbers', async () => {
    const w = world();
    const caps = { perUser: 100, perDestination: 2, perCountry: 1000, perStage: 1000 };
    expect(await sendRequestedText(w.deps, caps, request())).toBe('sent');
    expect(await sendRequestedText(w.deps, caps, request({ requestedBy: 'bo' }))).toBe('sent');
    // a third person, another Parley number: still the same phone
    expect(await sendRequestedText(w.deps, caps, request({ requestedBy: 'cy', from: '+6560001234' }))).toBe(
      'daily-cap',
    );
    expect(await sendRequestedText(w.deps, caps, request({ to: '+41791234568' }))).toBe('sent');
    expect(w.sent.map((s) => s.text.to)).toEqual([PHONE, PHONE, '+41791234568']);
    // the same cap holds on WhatsApp
    expect(await sendRequestedText(w.deps, caps, request({ channel: 'whatsapp' }))).toBe('daily-cap');
  });

  it('stops SMS at the country’s cap, the counter the SMS guard shares, and not WhatsApp', async () => {
    const w = world();
    const caps = { perUser: 100, perDestination: 100, perCountry: 2, perStage: 1000 };
    // the SMS guard already texted one Swiss number today (a missed-call alert)
    expect(await w.deps.rateLimiter.tryTake('sms#country#41', 2, 86_400, w.deps.clock.now())).toBe(true);
    expect(await sendRequestedText(w.deps, caps, request({ to: '+41791110001' }))).toBe('sent');
    expect(await sendRequestedText(w.deps, caps, request({ to: '+41791110002' }))).toBe('daily-cap');
    // another country is counted apart, and WhatsApp to Switzerland has no country cap
    expect(await sendRequestedText(w.deps, caps, request({ to: '+6591110001' }))).toBe('sent');
    expect(await sendRequestedText(w.deps, caps, request({ to: '+41791110003', channel: 'whatsapp' }))).toBe('sent');
    expect(w.sent.map((s) => [s.channel, s.text.to])).toEqual([
      ['sms', '+41791110001'],
      ['sms', '+6591110001'],
      ['whatsapp', '+41791110003'],
    ]);
    expect(w.deps.publisher.texts.filter(([, t]) => (t as { status: string }).status === 'failed')).toHaveLength(1);
  });

  it('stops at the stage cap', async () => {
    const w = world();
    expect(
      await sendRequestedText(w.deps, { perUser: 100, perDestination: 100, perCountry: 100, perStage: 0 }, request()),
    ).toBe('daily-cap');
    expect(w.sent).toEqual([]);
  });
});

describe('status webhooks without a ref', () => {
  it('get the ref the send remembered', async () => {
    const token = 'unit-test-auth-token';
    const provider = twilioMessaging({
      apiBaseUrl: 'http://127.0.0.1:9',
      credentials: async () => ({ accountSid: 'AC0', authToken: token, smsFrom: '+15005550006', whatsappFrom: '' }),
      statusCallbackUrl: 'https://app.example.com/api/notifications/webhooks/twilio/status',
    });
    const refs = memoryRefs();
    await refs.remember('SM9', 't_conv.m2_abc');
    const deps = {
      provider,
      dedupe: memoryIdempotencyStore(),
      optOuts: memoryOptOuts(),
      publisher: recordingPublisher(),
      clock: manualClock(),
      refs,
    };
    const url = 'https://app.example.com/api/notifications/webhooks/twilio/status';
    const form = new URLSearchParams({ AccountSid: 'AC0', MessageSid: 'SM9', MessageStatus: 'delivered', To: PHONE });
    await handleWebhook(deps, {
      route: 'twilio-status',
      url,
      headers: { 'x-twilio-signature': twilioSignature(token, url, form) },
      body: form.toString(),
    });
    expect(deps.publisher.texts).toMatchObject([
      ['TextStatusChanged', { providerMessageId: 'SM9', status: 'delivered', ref: 't_conv.m2_abc' }],
    ]);
  });
});
