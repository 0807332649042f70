import { storedKeys } from '@parley/testing/stored-keys';
import { Service } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { PstnDayEntity } from '../src/adapters/entities/pstn-day.ts';
import { pstnDayExpiresAt } from '../src/adapters/pstn-usage-repository.ts';

// The pstnDay entity's stored keys (the same pin belongs in entities.test.ts once table.ts registers it).
describe('pstnDay keys', () => {
  const pinned = storedKeys(new Service({ pstnDay: PstnDayEntity }, { table: 'unit-test-table' }), {
    pstnDay: [
      { userId: 'U1', day: '2026-12-02', seconds: 61, spend: 0.0203 },
      { pk: '$calling#userId_U1', sk: '$pstnDay_1#day_2026-12-02', __edb_e__: 'pstnDay', __edb_v__: '1' },
    ],
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });

  it("given a day, then its item expires three days after the day's end (epoch seconds)", () => {
    expect(pstnDayExpiresAt('2026-12-02')).toBe(Date.parse('2026-12-06T00:00:00.000Z') / 1000);
  });
});
