import { describe, expect, it } from 'vitest';
import { TransactionFailed, transact } from './transactions.ts';

const conflict = { canceled: true, data: [{ code: 'TransactionConflict' }, { code: 'None' }] };
const committed = { canceled: false, data: [] };

describe('transact', () => {
  it('given a burst of conflicting transactions, when one conflicts six times, then it is retried and commits', async () => {
    let calls = 0;
    const result = await transact(async () => (++calls <= 6 ? conflict : committed));
    expect([result, calls]).toEqual([undefined, 7]);
  });

  it('given conflicts that never end, or a failed condition, then it reports them rather than retrying forever', async () => {
    await expect(transact(async () => conflict)).rejects.toBeInstanceOf(TransactionFailed);
    const refused = { canceled: true, data: [{ code: 'ConditionalCheckFailed' }, { code: 'None' }] };
    await expect(transact(async () => refused)).resolves.toEqual(['ConditionalCheckFailed', 'None']);
  });
});
