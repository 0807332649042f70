import { describe, expect, it } from 'vitest';
import { refreshing } from '../src/refreshing.ts';

describe('refreshing', () => {
  it('given a loaded value, when read within the TTL, then it is not loaded again; after the TTL it is', async () => {
    let clock = 0;
    let loads = 0;
    const read = refreshing(
      1_000,
      async () => ++loads,
      () => clock,
    );

    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    clock = 900;
    expect(await read()).toBe(1);
    clock = 1_500;
    expect(await read()).toBe(2);
  });

  it('given a failed load, when read again, then it loads again instead of keeping the failure', async () => {
    let loads = 0;
    const read = refreshing(60_000, async () => {
      loads++;
      if (loads === 1) throw new Error('SSM unreachable');
      return 'value';
    });

    await expect(read()).rejects.toThrow('SSM unreachable');
    expect(await read()).toBe('value');
  });
});
