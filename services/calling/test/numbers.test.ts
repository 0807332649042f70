import { describe, expect, it } from 'vitest';
import { recordNumberAssigned, recordNumberReleased } from '../src/domain/numbers.ts';
import type { NumberOwners } from '../src/domain/ports.ts';

/** The port as the table implements it: a change applies only when newer than the stored one. */
function memoryOwners(): NumberOwners & { rows: Map<string, { at: string; owner?: { userId: string } }> } {
  const rows = new Map<string, { at: string; owner?: { userId: string; country: string; carrier: string } }>();
  return {
    rows,
    async apply(change) {
      const row = rows.get(change.e164);
      if (row && row.at >= change.at) return false;
      rows.set(change.e164, { at: change.at, ...(change.owner ? { owner: change.owner } : {}) });
      return true;
    },
    async ownerOf(e164) {
      return rows.get(e164)?.owner;
    },
  };
}

describe('which number rings whom', () => {
  it('given an assignment, when it is recorded, then the number rings that user', async () => {
    const numberOwners = memoryOwners();

    const result = await recordNumberAssigned(
      { numberOwners },
      { e164: '+6561234567', userId: 'ana', country: 'SG', carrier: 'sip-trunk', at: '2026-12-01T10:00:00.000Z' },
    );

    expect(result).toBe('applied');
    expect(await numberOwners.ownerOf('+6561234567')).toEqual({ userId: 'ana', country: 'SG', carrier: 'sip-trunk' });
  });

  it('given a release after the assignment, when the older assignment arrives again, then it is stale and the number rings nobody', async () => {
    const numberOwners = memoryOwners();
    const assigned = { e164: '+6561234567', userId: 'ana', country: 'SG', carrier: 'sip-trunk' };
    await recordNumberAssigned({ numberOwners }, { ...assigned, at: '2026-12-01T10:00:00.000Z' });
    await recordNumberReleased({ numberOwners }, { e164: '+6561234567', at: '2026-12-01T11:00:00.000Z' });

    const late = await recordNumberAssigned({ numberOwners }, { ...assigned, at: '2026-12-01T10:30:00.000Z' });

    expect(late).toBe('stale');
    expect(await numberOwners.ownerOf('+6561234567')).toBeUndefined();
  });
});
