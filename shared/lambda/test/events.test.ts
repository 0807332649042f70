import { UserRegistered } from '@parley/events/identity';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { eventHandler, type RawBusEvent } from '../src/events.ts';
import { memoryIdempotencyStore } from '../src/idempotency.ts';

const context = {
  functionName: 'numbers-onUserRegistered',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;

function busEvent(eventId: string, overrides: Record<string, unknown> = {}): RawBusEvent {
  return {
    version: '0',
    id: `eb-${eventId}`,
    'detail-type': 'identity.UserRegistered',
    source: 'parley.identity',
    account: '000000000000',
    time: '2026-11-22T00:00:00Z',
    region: 'eu-central-1',
    resources: [],
    detail: {
      metadata: { eventId, version: 1, occurredAt: '2026-11-22T00:00:00.000Z', correlationId: 'c-1' },
      data: {
        userId: 'u1',
        displayName: 'Ana',
        email: 'ana@example.com',
        roles: [],
        registeredAt: '2026-11-22T00:00:00.000Z',
      },
      ...overrides,
    },
  };
}

describe('eventHandler', () => {
  it('given an eventId already processed, when it is delivered again, then the handler does not run twice', async () => {
    const seen: string[] = [];
    const handler = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(async (detail) => {
      seen.push(detail.data.userId);
    });
    await handler(busEvent('e-1'), context);
    await handler(busEvent('e-1'), context);
    await handler(busEvent('e-2'), context);
    // e-1 once, e-2 once
    expect(seen).toEqual(['u1', 'u1']);
  });

  it('given a handler that fails, when the event is retried, then it runs again', async () => {
    let attempts = 0;
    const handler = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('transient');
    });
    await expect(handler(busEvent('e-3'), context)).rejects.toThrow('transient');
    await handler(busEvent('e-3'), context);
    expect(attempts).toBe(2);
  });

  it('given a detail that breaks the schema, when delivered, then it is refused and the handler never sees it', async () => {
    let ran = false;
    const handler = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(async () => {
      ran = true;
    });
    await expect(handler(busEvent('e-4', { data: { userId: 'u1' } }), context)).rejects.toThrow(/failed validation/);
    expect(ran).toBe(false);
  });
});
