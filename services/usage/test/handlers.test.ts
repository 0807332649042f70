import { UsageRecorded as CallingUsage } from '@parley/events/calling';
import { UsageRecorded as TextReceivedUsage } from '@parley/events/messaging';
import { UsageRecorded as SmsUsage } from '@parley/events/notifications';
import { SpendChanged } from '@parley/events/usage';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent, httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { admin, ana, world } from './memory.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type Consumer = (event: unknown, context: Context) => Promise<unknown>;
const context = lambdaContext({ functionName: 'parley-usage-test-onUsageRecorded' });
let w: ReturnType<typeof world>;
let idempotency = memoryIdempotencyStore();
const handlers: Record<string, Handler> = {};
let consumer: Consumer;

const call = async (name: string, input: Parameters<typeof httpEvent>[0]) => {
  const res = await (handlers[name] as Handler)(httpEvent(input) as unknown as APIGatewayProxyEventV2, context);
  const type = String(res.headers?.['content-type'] ?? '');
  return { status: res.statusCode, type, body: type.startsWith('text/csv') ? res.body : JSON.parse(res.body ?? '{}') };
};

const phoneMinutes = {
  usageId: 'us-1',
  userId: 'u-ana',
  feature: 'pstn-out',
  quantity: 95,
  unit: 'second',
  unitPrice: 0.02 / 60,
  currency: 'USD' as const,
  at: '2026-12-01T10:01:35.000Z',
  callId: 'call-1',
  amount: 0.0317,
  amountMicros: 31_700,
  country: 'CH',
  direction: 'outbound' as const,
};

describe('usage handlers (wiring swapped for in-memory ports)', () => {
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    const ports = () => w;
    vi.doMock('../src/wiring/index.ts', () => ({ core: ports, idempotency: () => idempotency }));
    vi.doMock('../src/wiring/publishing.ts', () => ({ publishing: ports }));
    for (const name of ['get-my-usage', 'get-usage', 'export-usage']) {
      handlers[name] = (await import(`../src/handlers/http/${name}.ts`)).handler;
    }
    consumer = (await import('../src/handlers/events/on-usage-recorded.ts')).handler as Consumer;
  });
  beforeEach(() => {
    w = world();
    idempotency = memoryIdempotencyStore();
  });

  it('given a PSTN call’s UsageRecorded delivered twice (the consumer’s memory of it lost in between), then one line and one SpendChanged', async () => {
    const event = busEvent(CallingUsage, phoneMinutes, { eventId: 'evt-1' });

    await consumer(event, context);
    idempotency = memoryIdempotencyStore(); // the preset forgot it: the ledger's own condition must hold
    await consumer(event, context);

    expect(w.ledger.lines.map((l) => [l.eventId, l.amountMicros])).toEqual([['evt-1', 31_700]]);
    expect(w.events.of(SpendChanged)).toHaveLength(1);
    const mine = await call('get-my-usage', { auth: ana, query: { month: '2026-12' } });
    expect(mine.body.totalMicros).toBe(31_700);
    expect(mine.body.costliest).toHaveLength(1);
  });

  it('given an SMS UsageRecorded, then it is a line of its own feature', async () => {
    await consumer(
      busEvent(SmsUsage, {
        usageId: 'sms-m1',
        userId: 'u-ana',
        feature: 'sms',
        quantity: 1,
        unit: 'sms-segment',
        unitPrice: 0.0584,
        currency: 'USD',
        at: '2026-12-02T10:00:00.000Z',
        amountMicros: 58_400,
        country: 'CH',
        direction: 'outbound',
        reason: 'missed-call',
        providerMessageId: 'm1',
      }),
      context,
    );

    expect(w.ledger.lines).toEqual([expect.objectContaining({ feature: 'sms', amountMicros: 58_400, ref: 'm1' })]);
  });

  it('given a WhatsApp message received (messaging.UsageRecorded), then it is an inbound line of the number’s owner', async () => {
    await consumer(
      busEvent(TextReceivedUsage, {
        usageId: 'wa-in-p_abc',
        userId: 'u-ana',
        feature: 'whatsapp-message',
        quantity: 1,
        unit: 'message',
        unitPrice: 0.005,
        currency: 'USD',
        at: '2026-12-02T10:00:00.000Z',
        amountMicros: 5_000,
        country: 'CH',
        direction: 'inbound',
        reason: 'text-received',
        conversationId: 't_abc',
        messageId: 'm1_x',
        providerMessageId: 'wamid.abc',
      }),
      context,
    );

    expect(w.ledger.lines).toEqual([
      expect.objectContaining({
        source: 'messaging',
        userId: 'u-ana',
        feature: 'whatsapp-message',
        direction: 'inbound',
        amountMicros: 5_000,
        ref: 'wamid.abc',
      }),
    ]);
  });

  it('given no month, when I read my usage, then this month (UTC)', async () => {
    const res = await call('get-my-usage', { auth: ana });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-12', currency: 'USD', totalMicros: 0, capMicros: 50_000_000 });
  });

  it.each(['2026-13', '2026-1', 'december', '2026-12-01'])(
    'given month=%s, then 400 validation_failed',
    async (month) => {
      const res = await call('get-my-usage', { auth: ana, query: { month } });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    },
  );

  it('given a non-admin, when reading the organisation’s usage or its export, then 403 forbidden', async () => {
    expect((await call('get-usage', { auth: ana, query: { month: '2026-12' } })).body).toEqual({
      error: { code: 'forbidden', message: "Only an admin can read the organisation's usage." },
    });
    expect((await call('export-usage', { auth: ana })).status).toBe(403);
  });

  it('given an admin, when grouping by user, then 200; an unknown groupBy is a 400', async () => {
    await consumer(busEvent(CallingUsage, phoneMinutes), context);

    const res = await call('get-usage', { auth: admin, query: { month: '2026-12', groupBy: 'user' } });
    const bad = await call('get-usage', { auth: admin, query: { groupBy: 'team' } });

    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual([{ key: 'u-ana', amountMicros: 31_700, lines: 1 }]);
    expect(bad.status).toBe(400);
  });

  it('given an admin, when exporting, then text/csv with a line per usage', async () => {
    await consumer(busEvent(CallingUsage, phoneMinutes, { eventId: 'evt-9' }), context);

    const res = await call('export-usage', { auth: admin, query: { month: '2026-12' } });

    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(String(res.body).split('\r\n')[1]).toContain(',0.031700,call-1,evt-9');
  });
});
