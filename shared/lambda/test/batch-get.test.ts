import { describe, expect, it } from 'vitest';
import { batchGetAll } from '../src/batch-get.ts';

describe('batchGetAll', () => {
  it('given a read that leaves keys unprocessed once, when read, then only those keys are asked again and all items come back', async () => {
    const asked: string[][] = [];
    const read = async (keys: string[]) => {
      asked.push(keys);
      return asked.length === 1 ? { data: ['a'], unprocessed: ['b'] } : { data: keys, unprocessed: [] };
    };

    const items = await batchGetAll(['a', 'b'], read, 'things');

    expect(items).toEqual(['a', 'b']);
    expect(asked).toEqual([['a', 'b'], ['b']]);
  });

  it('given a key that stays unprocessed, when read, then it throws after five rounds instead of answering partly', async () => {
    let rounds = 0;
    const read = async () => {
      rounds++;
      return { data: rounds === 1 ? ['a'] : [], unprocessed: ['b'] };
    };

    await expect(batchGetAll(['a', 'b'], read, 'things')).rejects.toThrow('1 of 2 things could not be read');
    expect(rounds).toBe(5);
  });
});
