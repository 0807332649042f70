import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { assignNumber, importNumber } from '../src/domain/inventory.ts';
import { placeOrder } from '../src/domain/orders.ts';
import { admin, world } from './memory.ts';

type Scheduled = (event: ScheduledEvent, context: Context) => Promise<unknown>;
const context = lambdaContext({ functionName: 'parley-numbers-test-schedule' });
const tick = { id: 'schedule-run-1', resources: ['arn:aws:events:eu-central-1:000000000000:rule/x'] } as ScheduledEvent;

describe('scheduled functions (wiring swapped for in-memory ports)', () => {
  let pollOrders: Scheduled;
  let recordUsage: Scheduled;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.doMock('../src/wiring/chime.ts', () => ({ chime: () => w.deps }));
    vi.doMock('../src/wiring/publishing.ts', () => ({ publishing: () => w.deps }));
    ({ handler: pollOrders } = await import('../src/handlers/schedule/poll-orders.ts'));
    ({ handler: recordUsage } = await import('../src/handlers/schedule/record-usage.ts'));
  });
  beforeEach(async () => {
    w = await world();
  });

  it('given an order Chime completed, when the poll runs, then it reports the number provisioned', async () => {
    await placeOrder(w.deps, admin, { numbers: ['+12125550101'] });
    w.chime.complete('order-1');

    expect(await pollOrders(tick, context)).toEqual({ polled: 1, provisioned: 1, failed: 0 });
    expect((await w.deps.numbers.get('+12125550101'))?.state).toBe('available');
  });

  it('given an assigned priced number, when the usage run goes twice, then one UsageRecorded', async () => {
    await importNumber(w.deps, admin, { e164: '+5072100001' });
    await assignNumber(w.deps, admin, { e164: '+5072100001', userId: 'u-ana' });

    expect(await recordUsage(tick, context)).toEqual({ period: '2026-12', recorded: 1, unpriced: [] });
    expect(await recordUsage(tick, context)).toEqual({ period: '2026-12', recorded: 0, unpriced: [] });
    expect(w.deps.events.published.filter((e) => e.detailType === 'numbers.UsageRecorded')).toHaveLength(1);
  });
});
