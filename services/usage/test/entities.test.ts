import { storedKeys } from '@parley/testing/stored-keys';
import { describe, expect, it } from 'vitest';
import { usageService } from '../src/adapters/table.ts';

/**
 * The stored shape of every entity's keys and electrodb's entity/version markers. Items already in
 * the table are read by these exact values: a change here is a data migration, not a refactor.
 */
const stored = {
  usageLine: [
    {
      eventId: 'E1',
      source: 'calling',
      usageId: 'U1',
      userId: 'A',
      month: '2026-12',
      day: '2026-12-01',
      at: '2026-12-01T10:00:00.000Z',
      feature: 'pstn-out',
      quantity: 1,
      unit: 'second',
      unitPrice: 0,
      amountMicros: 0,
    },
    {
      pk: '$usage#userId_A#month_2026-12',
      sk: '$usageLine_1#at_2026-12-01T10:00:00.000Z#eventId_E1',
      gsi1pk: '$usage#month_2026-12',
      gsi1sk: '$usageLine_1#at_2026-12-01T10:00:00.000Z#eventId_E1',
      __edb_e__: 'usageLine',
      __edb_v__: '1',
    },
  ],
  lineClaim: [
    { eventId: 'E1', userId: 'A', month: '2026-12' },
    { pk: '$usage#eventId_E1', sk: '$lineClaim_1', __edb_e__: 'lineClaim', __edb_v__: '1' },
  ],
  userMonth: [
    { userId: 'A', month: '2026-12', amountMicros: 0 },
    { pk: '$usage#userId_A#month_2026-12', sk: '$userMonth_1', __edb_e__: 'userMonth', __edb_v__: '1' },
  ],
} as const;

describe('usage table keys', () => {
  const pinned = storedKeys(usageService('unit-test-table'), stored);

  it('given the service, when listing its entities, then each one has its stored key shape pinned here', () => {
    expect(pinned.entityNames).toEqual(pinned.pinnedNames);
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });
});
