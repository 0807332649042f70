import { describe, expect, it } from 'vitest';
import { assignNumber, importNumber } from '../src/domain/inventory.ts';
import { recordMonthlyUsage } from '../src/domain/usage.ts';
import { admin, world } from './memory.ts';

async function withAssigned() {
  const w = await world();
  await importNumber(w.deps, admin, { e164: '+5072100001' });
  await importNumber(w.deps, admin, { e164: '+6531000001' });
  await importNumber(w.deps, admin, { e164: '+5072100002' });
  await assignNumber(w.deps, admin, { e164: '+5072100001', userId: 'u-ana' });
  await assignNumber(w.deps, admin, { e164: '+6531000001', userId: 'u-ben' });
  w.deps.events.published.length = 0;
  return w;
}

describe('monthly usage of numbers', () => {
  it('given assigned numbers, then one UsageRecorded per priced assigned number, the unpriced one reported', async () => {
    const { deps } = await withAssigned();

    const run = await recordMonthlyUsage(deps);

    expect(run).toEqual({ period: '2026-12', recorded: 1, unpriced: ['+6531000001'] });
    expect(deps.events.published).toEqual([
      {
        detailType: 'numbers.UsageRecorded',
        eventId: 'usage-5072100001-2026-12',
        data: {
          usageId: '5072100001-2026-12',
          feature: 'number-month',
          e164: '+5072100001',
          userId: 'u-ana',
          quantity: 1,
          unit: 'number-month',
          unitPrice: 4,
          currency: 'USD',
          period: '2026-12',
          at: '2026-12-01T10:00:00.000Z',
        },
      },
    ]);
  });

  it('given the run repeats within the month, then nothing is recorded twice; the next month records again', async () => {
    const { deps, setNow } = await withAssigned();
    await recordMonthlyUsage(deps);

    setNow('2026-12-31T23:59:00.000Z');
    expect((await recordMonthlyUsage(deps)).recorded).toBe(0);
    setNow('2027-01-01T00:01:00.000Z');
    expect(await recordMonthlyUsage(deps)).toMatchObject({ period: '2027-01', recorded: 1 });
    expect(deps.events.published.map((e) => e.eventId)).toEqual([
      'usage-5072100001-2026-12',
      'usage-5072100001-2027-01',
    ]);
  });
});
