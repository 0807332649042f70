import { ProfileUpdated } from '@parley/events/identity';
import type { RawBusEvent } from '@parley/lambda/events';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { assignNumber, importNumber } from '../src/domain/inventory.ts';
import { admin, world } from './memory.ts';

const context = lambdaContext({ functionName: 'parley-numbers-test-onProfileUpdated' });
const delivered = (eventId: string, data: { displayName: string; changed: string[] }) =>
  busEvent(ProfileUpdated, { userId: 'u-ana', ...data }, { eventId }) as RawBusEvent;

describe('onProfileUpdated (identity.ProfileUpdated → names in the directory and on numbers)', () => {
  let handler: (event: RawBusEvent, context: Context) => Promise<void>;
  let w: Awaited<ReturnType<typeof world>>;
  let idempotency = memoryIdempotencyStore();
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.doMock('../src/wiring/index.ts', () => ({ core: () => w.deps, idempotency: () => idempotency }));
    ({ handler } = await import('../src/handlers/events/on-profile-updated.ts'));
  });
  beforeEach(async () => {
    w = await world();
    idempotency = memoryIdempotencyStore();
    await importNumber(w.deps, admin, { e164: '+5072100001' });
    await assignNumber(w.deps, admin, { e164: '+5072100001', userId: 'u-ana' });
  });

  it('given Ana changed her name, when delivered, then the directory and her number show it', async () => {
    await handler(delivered('e-1', { displayName: 'Ana María', changed: ['displayName'] }), context);

    expect(await w.deps.directory.get('u-ana')).toEqual({ userId: 'u-ana', displayName: 'Ana María' });
    expect((await w.deps.numbers.get('+5072100001'))?.assignedTo?.displayName).toBe('Ana María');
  });

  it('given a change that is not the name, when delivered, then nothing is written', async () => {
    const writes = w.deps.directory.writes.length;

    await handler(delivered('e-2', { displayName: 'Ana', changed: ['statusMessage'] }), context);

    expect(w.deps.directory.writes).toHaveLength(writes);
    expect(idempotency.keys()).toEqual(['parley-numbers-test-onProfileUpdated#e-2']);
  });
});
