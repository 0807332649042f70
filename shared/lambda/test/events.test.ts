import { UserRegistered } from '@parley/events/identity';
import { busEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import { describe, expect, it } from 'vitest';
import {
  audienceEventHandler,
  byDetailType,
  eventHandler,
  InvalidEventError,
  type RawBusEvent,
} from '../src/events.ts';
import { memoryIdempotencyStore } from '../src/idempotency.ts';

const context = lambdaContext({ functionName: 'numbers-onUserRegistered' });
const data = {
  userId: 'u1',
  displayName: 'Ana',
  email: 'ana@example.com',
  roles: [],
  registeredAt: '2026-11-22T00:00:00.000Z',
};
const delivered = (eventId: string) => busEvent(UserRegistered, data, { eventId }) as RawBusEvent;

describe('eventHandler', () => {
  it('given an eventId already processed, when it is delivered again, then the handler does not run twice', async () => {
    const seen: string[] = [];
    const handler = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(async (detail) => {
      seen.push(detail.data.userId);
    });
    await handler(delivered('e-1'), context);
    await handler(delivered('e-1'), context);
    await handler(delivered('e-2'), context);
    // e-1 once, e-2 once
    expect(seen).toEqual(['u1', 'u1']);
  });

  it('given a handler that fails, when the event is retried, then it runs again', async () => {
    let attempts = 0;
    const handler = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('transient');
    });
    await expect(handler(delivered('e-3'), context)).rejects.toThrow('transient');
    await handler(delivered('e-3'), context);
    expect(attempts).toBe(2);
  });

  it('given a detail that breaks the schema, when delivered, then it is refused and the handler never sees it', async () => {
    let ran = false;
    const handler = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(async () => {
      ran = true;
    });
    const valid = busEvent(UserRegistered, data, { eventId: 'e-4' });
    const broken = { ...valid, detail: { ...valid.detail, data: { userId: 'u1' } } } as RawBusEvent;
    await expect(handler(broken, context)).rejects.toThrow(/failed validation/);
    expect(ran).toBe(false);
  });
});

describe("eventHandler with idempotency 'by-effect'", () => {
  it('given a handler idempotent by its effect, when an event is delivered twice, then it runs each time and a failure is rethrown for retry', async () => {
    let runs = 0;
    const handler = eventHandler(UserRegistered, { idempotency: 'by-effect' }).handler(async () => {
      runs += 1;
      if (runs === 2) throw new Error('transient');
    });
    await handler(delivered('e-9'), context);
    await expect(handler(delivered('e-9'), context)).rejects.toThrow('transient');
    await handler(delivered('e-9'), context);
    expect(runs).toBe(3);
  });
});

describe('audienceEventHandler', () => {
  it('given any event type with an audience, when delivered twice, then the handler runs once with the envelope', async () => {
    const seen: string[][] = [];
    const handler = audienceEventHandler({ idempotency: memoryIdempotencyStore() }).handler(async ({ audience }) => {
      seen.push(audience);
    });
    const event = busEvent(UserRegistered, data, { eventId: 'a-1', audience: ['u1', 'u2'] }) as RawBusEvent;
    await handler(event, context);
    await handler(event, context);
    expect(seen).toEqual([['u1', 'u2']]);
  });

  it('given an event without an audience, when delivered, then it is refused', async () => {
    const handler = audienceEventHandler({ idempotency: memoryIdempotencyStore() }).handler(async () => {});
    await expect(handler(delivered('a-2'), context)).rejects.toThrow(/failed validation/);
  });
});

describe('byDetailType', () => {
  it('given consumers by detail-type, when events arrive, then each reaches its own, and an unexpected type is refused', async () => {
    const seen: string[] = [];
    const onRegistered = eventHandler(UserRegistered, { idempotency: memoryIdempotencyStore() }).handler(
      async (detail) => {
        seen.push(`registered:${detail.data.userId}`);
      },
    );
    const handler = byDetailType({ [UserRegistered.detailType]: onRegistered });

    await handler(delivered('e-1'), context);
    await expect(handler({ ...delivered('e-2'), 'detail-type': 'identity.Other' }, context)).rejects.toBeInstanceOf(
      InvalidEventError,
    );

    expect(seen).toEqual(['registered:u1']);
  });
});
