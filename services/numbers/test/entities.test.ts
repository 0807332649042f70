import { storedKeys } from '@parley/testing/stored-keys';
import { describe, expect, it } from 'vitest';
import { numbersService } from '../src/adapters/table.ts';

/**
 * The stored shape of every entity's keys and electrodb's entity/version markers. Items already in
 * the table are read by these exact values: a change here is a data migration, not a refactor.
 */
const stored = {
  directoryUser: [
    { userId: 'U1', displayName: 'A', registeredAt: 't' },
    { pk: '$numbers#userId_U1', sk: '$directoryUser_1', __edb_e__: 'directoryUser', __edb_v__: '1' },
  ],
  phoneNumber: [
    { e164: '+12125550101', country: 'US', type: 'local', carrier: 'chime', state: 'available', createdAt: 't' },
    { pk: '$numbers', sk: '$phoneNumber_1#e164_+12125550101', __edb_e__: 'phoneNumber', __edb_v__: '1' },
  ],
  order: [
    { id: 'O1', status: 'processing', numbers: [], carrier: 'chime', createdAt: 't', updatedAt: 't' },
    { pk: '$numbers', sk: '$order_1#id_O1', __edb_e__: 'order', __edb_v__: '1' },
  ],
  usageRecord: [
    { e164: '+12125550101', period: '2026-12', recordedAt: 't' },
    { pk: '$numbers#e164_+12125550101', sk: '$usageRecord_1#period_2026-12', __edb_e__: 'usageRecord', __edb_v__: '1' },
  ],
} as const;

describe('numbers table keys', () => {
  const pinned = storedKeys(numbersService('unit-test-table'), stored);

  it('given the service, when listing its entities, then each one has its stored key shape pinned here', () => {
    expect(pinned.entityNames).toEqual(pinned.pinnedNames);
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });
});
