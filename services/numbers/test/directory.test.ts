import { describe, expect, it } from 'vitest';
import { recordUser } from '../src/domain/directory.ts';
import { memoryDirectory } from './memory.ts';

const ana = { userId: 'u-ana', displayName: 'Ana', registeredAt: '2026-11-22T09:00:00.000Z' };

describe('the directory projection (who exists, for validating number assignments)', () => {
  it('given a newly registered user, when recorded, then numbers can look them up', async () => {
    const directory = memoryDirectory();

    await recordUser({ directory }, ana);

    expect(await directory.get('u-ana')).toEqual({ userId: 'u-ana', displayName: 'Ana' });
    expect(await directory.get('u-nobody')).toBeUndefined();
  });

  it('given the same user recorded twice (a redelivery), then there is still one entry with what was recorded last', async () => {
    const directory = memoryDirectory();

    await recordUser({ directory }, ana);
    await recordUser({ directory }, { ...ana, displayName: 'Ana María' });

    expect([...directory.users.values()]).toEqual([{ ...ana, displayName: 'Ana María' }]);
  });
});
