import { UserRegistered } from '@parley/events/identity';
import type { RawBusEvent } from '@parley/lambda/events';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryDirectory } from './memory.ts';

const context = lambdaContext({ functionName: 'parley-numbers-test-onUserRegistered' });
const data = {
  userId: 'u-ana',
  displayName: 'Ana',
  email: 'ana@example.com',
  roles: ['member'],
  registeredAt: '2026-11-22T09:00:00.000Z',
};
const delivered = (eventId: string, detail: Partial<typeof data> = {}) =>
  busEvent(UserRegistered, { ...data, ...detail }, { eventId }) as RawBusEvent;

describe('onUserRegistered (identity.UserRegistered → the directory)', () => {
  let handler: (event: RawBusEvent, context: Context) => Promise<void>;
  let directory = memoryDirectory();
  let idempotency = memoryIdempotencyStore();
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    // the handler's wiring, with in-memory ports instead of DynamoDB
    vi.doMock('../src/wiring/index.ts', () => ({
      directory: () => ({ directory }),
      idempotency: () => idempotency,
    }));
    ({ handler } = await import('../src/handlers/events/on-user-registered.ts'));
  });
  beforeEach(() => {
    directory = memoryDirectory();
    idempotency = memoryIdempotencyStore();
  });

  it('given a UserRegistered, when delivered, then the user is in the directory and the event is remembered', async () => {
    await handler(delivered('e-1'), context);

    expect(await directory.get('u-ana')).toEqual({ userId: 'u-ana', displayName: 'Ana' });
    expect(idempotency.keys()).toEqual(['parley-numbers-test-onUserRegistered#e-1']);
  });

  it('given the same event delivered twice, then the directory is written once', async () => {
    await handler(delivered('e-2'), context);
    await handler(delivered('e-2', { displayName: 'Not Ana' }), context);

    expect(directory.writes).toEqual(['u-ana']);
    expect(await directory.get('u-ana')).toEqual({ userId: 'u-ana', displayName: 'Ana' });
  });

  it('given an event that breaks the schema, when delivered, then it is refused and the directory is not touched', async () => {
    const valid = delivered('e-3');
    const broken = { ...valid, detail: { ...(valid.detail as object), data: { userId: 'u-ana' } } } as RawBusEvent;

    await expect(handler(broken, context)).rejects.toThrow(/failed validation/);
    expect(directory.writes).toEqual([]);
  });
});
