import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { twilioMessaging } from '../src/adapters/messaging-twilio.ts';
import { twilioSignature } from '../src/adapters/twilio-signature.ts';
import { manualClock, memoryOptOuts, recordingPublisher } from './fakes.ts';

const TOKEN = 'unit-test-auth-token';
const BASE = 'https://app.example.com/api';
const context = lambdaContext({ functionName: 'notifications-webhooks' });

function deps() {
  return {
    provider: twilioMessaging({
      apiBaseUrl: 'http://127.0.0.1:9',
      credentials: async () => ({
        accountSid: 'AC0',
        authToken: TOKEN,
        smsFrom: '+15005550006',
        whatsappFrom: '+15005550006',
      }),
      statusCallbackUrl: `${BASE}/notifications/webhooks/twilio/status`,
    }),
    dedupe: memoryIdempotencyStore(),
    optOuts: memoryOptOuts(),
    publisher: recordingPublisher(),
    clock: manualClock(),
  };
}

/** A form post as API Gateway hands it over (HTTP API: form bodies arrive base64-encoded). */
function post(
  path: string,
  fields: Record<string, string>,
  signature?: string,
  query?: Record<string, string>,
): APIGatewayProxyEventV2 {
  const body = new URLSearchParams(fields).toString();
  const event = httpEvent({
    method: 'POST',
    path,
    ...(query ? { query } : {}),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature ? { 'x-twilio-signature': signature } : {}),
    },
  });
  return { ...event, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
}

describe('POST /webhooks/twilio/* (public, signed)', () => {
  let handler: (
    event: APIGatewayProxyEventV2,
    context: Context,
  ) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string }>;
  let w = deps();
  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.stubEnv('WEBSOCKET_API_ENDPOINT', 'http://127.0.0.1:4300');
    vi.stubEnv('PUBLIC_API_BASE_URL', `${BASE}/`);
    vi.doMock('../src/wiring/webhooks.ts', () => ({ webhooks: () => w }));
    ({ handler } = (await import('../src/handlers/http/post-webhook.ts')) as never);
  });
  beforeEach(() => {
    w = deps();
  });

  const fields = { MessageSid: 'SM1', AccountSid: 'AC0', From: '+14155550100', To: '+15005550006', Body: 'hi' };
  const url = `${BASE}/notifications/webhooks/twilio/sms`;

  it('given an inbound SMS signed over the public URL, when posted, then empty TwiML and one TextReceived', async () => {
    const result = await handler(
      post('/webhooks/twilio/sms', fields, twilioSignature(TOKEN, url, Object.entries(fields))),
      context,
    );

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/xml');
    expect(result.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(w.publisher.texts.map(([type]) => type)).toEqual(['TextReceived']);
  });

  it('given a bad or missing signature, when posted, then 403 with a JSON error and nothing published', async () => {
    const bad = await handler(post('/webhooks/twilio/sms', fields, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='), context);
    const none = await handler(post('/webhooks/twilio/sms', fields), context);
    // signed for another route's URL: still refused
    const otherUrl = twilioSignature(TOKEN, `${BASE}/notifications/webhooks/twilio/whatsapp`, Object.entries(fields));
    const moved = await handler(post('/webhooks/twilio/sms', fields, otherUrl), context);

    for (const r of [bad, none, moved]) {
      expect(r.statusCode).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'webhook_signature_invalid', message: expect.any(String) } });
    }
    expect(w.publisher.texts).toEqual([]);
  });

  it('given a status callback with a query string, when posted, then the signature covers the query and the ref is read from it', async () => {
    const status = { MessageSid: 'SM2', MessageStatus: 'failed', To: '+41791234567', ErrorCode: '30005' };
    const signed = twilioSignature(
      TOKEN,
      `${BASE}/notifications/webhooks/twilio/status?ref=r-9`,
      Object.entries(status),
    );
    const result = await handler(post('/webhooks/twilio/status', status, signed, { ref: 'r-9' }), context);

    expect(result.statusCode).toBe(200);
    expect(w.publisher.texts).toEqual([
      [
        'TextStatusChanged',
        expect.objectContaining({
          providerMessageId: 'SM2',
          status: 'failed',
          reason: 'Twilio error 30005',
          ref: 'r-9',
        }),
      ],
    ]);
  });
});
