import { describe, expect, it } from 'vitest';
import { renameUser } from '../src/domain/directory.ts';
import { assignNumber, importNumber, listNumbers, releaseNumber, unassignNumber } from '../src/domain/inventory.ts';
import type { PhoneNumber } from '../src/domain/model.ts';
import { admin, HOST, member, world } from './memory.ts';

const chimeNumber: PhoneNumber = {
  e164: '+12125550101',
  country: 'US',
  type: 'local',
  carrier: 'chime',
  state: 'available',
  orderId: 'order-1',
  createdAt: '2026-12-01T09:00:00.000Z',
};

async function withChimeNumber() {
  const w = await world();
  await w.deps.numbers.save(chimeNumber, 'absent');
  return w;
}

describe('importing a carrier number', () => {
  it('given a number of the carrier pool, then it is available, carries the carrier and NumberProvisioned is published', async () => {
    const { deps } = await world();

    const number = await importNumber(deps, admin, { e164: '+5072100001' });

    expect(number).toEqual({
      e164: '+5072100001',
      country: 'PA',
      type: 'local',
      carrier: 'sip-trunk',
      carrierName: 'Test Carrier',
      state: 'available',
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    expect((await deps.numbers.get('+5072100001'))?.voiceConnectorHost).toBe(HOST);
    expect(deps.events.published.map((e) => e.detailType)).toEqual(['numbers.NumberProvisioned']);
  });

  it('given a number not in any pool, then NumberNotAvailable and nothing is stored', async () => {
    const { deps } = await world();

    await expect(importNumber(deps, admin, { e164: '+5079999999' })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberNotAvailable' }),
    );
    expect(deps.numbers.items.size).toBe(0);
  });

  it('given the number is already imported, then NumberExists and one event only', async () => {
    const { deps } = await world();
    await importNumber(deps, admin, { e164: '+5072100001' });

    await expect(importNumber(deps, admin, { e164: '+5072100001' })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberExists' }),
    );
    expect(deps.events.published).toHaveLength(1);
  });

  it('given a non-admin, then Forbidden and nothing stored', async () => {
    const { deps } = await world();

    await expect(importNumber(deps, member, { e164: '+5072100001' })).rejects.toThrow(
      expect.objectContaining({ name: 'Forbidden' }),
    );
    expect(deps.numbers.items.size).toBe(0);
  });
});

describe('assigning a number', () => {
  it('given a Chime number, then a ToPhoneNumber rule routes it and the user hears NumberAssigned', async () => {
    const { deps, chime } = await withChimeNumber();

    const number = await assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ana' });

    expect(number).toMatchObject({
      state: 'assigned',
      assignedTo: { userId: 'u-ana', displayName: 'Ana' },
      assignedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(number).not.toHaveProperty('sipRuleId');
    expect([...chime.rules.values()]).toEqual([
      { id: expect.any(String), trigger: 'ToPhoneNumber', value: chimeNumber.e164, disabled: false },
    ]);
    expect(deps.events.published).toEqual([
      {
        detailType: 'numbers.NumberAssigned',
        data: { e164: chimeNumber.e164, userId: 'u-ana', country: 'US', carrier: 'chime' },
        audience: ['u-ana'],
      },
    ]);
  });

  it('given two trunk numbers of one carrier, then they share one RequestUriHostname rule, kept until the last goes', async () => {
    const { deps, chime } = await world();
    await importNumber(deps, admin, { e164: '+5072100001' });
    await importNumber(deps, admin, { e164: '+5072100002' });

    await assignNumber(deps, admin, { e164: '+5072100001', userId: 'u-ana' });
    await assignNumber(deps, admin, { e164: '+5072100002', userId: 'u-ben' });
    expect([...chime.rules.values()].map((r) => [r.trigger, r.value])).toEqual([['RequestUriHostname', HOST]]);

    await unassignNumber(deps, admin, { e164: '+5072100001' });
    expect(chime.rules.size).toBe(1);
    await releaseNumber(deps, admin, { e164: '+5072100002' });
    expect(chime.rules.size).toBe(0);
    expect(chime.calls).not.toContain('delete number +5072100002');
  });

  it('given an unknown user, then UserNotFound, no rule and no event', async () => {
    const { deps, chime } = await withChimeNumber();

    await expect(assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-nobody' })).rejects.toThrow(
      expect.objectContaining({ name: 'UserNotFound' }),
    );
    expect(chime.rules.size).toBe(0);
    expect(deps.events.published).toEqual([]);
    expect((await deps.numbers.get(chimeNumber.e164))?.state).toBe('available');
  });

  it('given an assigned number, then assigning again is NumberAssigned and changes nothing', async () => {
    const { deps } = await withChimeNumber();
    await assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ana' });

    await expect(assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ben' })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberAssigned' }),
    );
    expect((await deps.numbers.get(chimeNumber.e164))?.assignedTo?.userId).toBe('u-ana');
  });

  it('given a number still on order, or one not in the inventory, then NumberNotReady / NumberNotFound', async () => {
    const { deps } = await world();
    await deps.numbers.save({ ...chimeNumber, state: 'ordered' }, 'absent');

    await expect(assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ana' })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberNotReady' }),
    );
    await expect(assignNumber(deps, admin, { e164: '+12125559999', userId: 'u-ana' })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberNotFound' }),
    );
  });

  it('given a non-admin, then Forbidden and no rule', async () => {
    const { deps, chime } = await withChimeNumber();

    await expect(assignNumber(deps, member, { e164: chimeNumber.e164, userId: 'u-ana' })).rejects.toThrow(
      expect.objectContaining({ name: 'Forbidden' }),
    );
    expect(chime.rules.size).toBe(0);
  });
});

describe('unassigning and releasing', () => {
  it('given an assigned Chime number, when unassigned, then its rule is disabled and deleted and the owner hears NumberReleased', async () => {
    const { deps, chime } = await withChimeNumber();
    await assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ana' });

    const number = await unassignNumber(deps, admin, { e164: chimeNumber.e164 });

    expect(number.state).toBe('available');
    expect(number).not.toHaveProperty('assignedTo');
    expect(chime.calls.slice(-2)).toEqual([`disable rule ${chimeNumber.e164}`, `delete rule ${chimeNumber.e164}`]);
    expect(deps.events.published.at(-1)).toEqual({
      detailType: 'numbers.NumberReleased',
      data: { e164: chimeNumber.e164, userId: 'u-ana' },
      audience: ['u-ana'],
    });
  });

  it('given an unassigned number, when unassigned, then NumberNotAssigned', async () => {
    const { deps } = await withChimeNumber();

    await expect(unassignNumber(deps, admin, { e164: chimeNumber.e164 })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberNotAssigned' }),
    );
  });

  it('given an assigned Chime number, when released, then the rule goes first, then the number, and it stays as released', async () => {
    const { deps, chime } = await withChimeNumber();
    await assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ana' });

    const number = await releaseNumber(deps, admin, { e164: chimeNumber.e164 });

    expect(number).toMatchObject({ e164: chimeNumber.e164, state: 'released' });
    expect(chime.calls.slice(-3)).toEqual([
      `disable rule ${chimeNumber.e164}`,
      `delete rule ${chimeNumber.e164}`,
      `delete number ${chimeNumber.e164}`,
    ]);
    expect(deps.events.published.at(-1)?.audience).toEqual(['u-ana']);
  });

  it('given a released number, when released again, then NumberReleased and Chime is not asked', async () => {
    const { deps, chime } = await withChimeNumber();
    await releaseNumber(deps, admin, { e164: chimeNumber.e164 });
    const calls = chime.calls.length;

    await expect(releaseNumber(deps, admin, { e164: chimeNumber.e164 })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberReleased' }),
    );
    expect(chime.calls).toHaveLength(calls);
  });
});

describe('only admins change the inventory', () => {
  it('given a non-admin, when unassigning or releasing, then Forbidden and Chime is not asked', async () => {
    const { deps, chime } = await withChimeNumber();
    await assignNumber(deps, admin, { e164: chimeNumber.e164, userId: 'u-ana' });
    const calls = chime.calls.length;

    for (const attempt of [
      unassignNumber(deps, member, { e164: chimeNumber.e164 }),
      releaseNumber(deps, member, { e164: chimeNumber.e164 }),
    ]) {
      await expect(attempt).rejects.toThrow(expect.objectContaining({ name: 'Forbidden' }));
    }
    expect(chime.calls).toHaveLength(calls);
    expect((await deps.numbers.get(chimeNumber.e164))?.state).toBe('assigned');
  });
});

describe('who sees which numbers', () => {
  it('given numbers of Ana and Ben, then an admin sees both and Ana only hers', async () => {
    const { deps } = await world();
    await importNumber(deps, admin, { e164: '+5072100001' });
    await importNumber(deps, admin, { e164: '+5072100002' });
    await assignNumber(deps, admin, { e164: '+5072100001', userId: 'u-ana' });
    await assignNumber(deps, admin, { e164: '+5072100002', userId: 'u-ben' });

    expect((await listNumbers(deps, admin)).map((n) => n.e164)).toEqual(['+5072100001', '+5072100002']);
    expect((await listNumbers(deps, member)).map((n) => n.e164)).toEqual(['+5072100001']);
  });

  it('given Ana renames herself, then her number shows the new name', async () => {
    const { deps } = await world();
    await importNumber(deps, admin, { e164: '+5072100001' });
    await assignNumber(deps, admin, { e164: '+5072100001', userId: 'u-ana' });

    await renameUser(deps, { userId: 'u-ana', displayName: 'Ana María' });

    expect((await deps.numbers.get('+5072100001'))?.assignedTo).toEqual({ userId: 'u-ana', displayName: 'Ana María' });
    expect(await deps.directory.get('u-ana')).toEqual({ userId: 'u-ana', displayName: 'Ana María' });
  });
});
