import { describe, expect, it } from 'vitest';
import { getOrder, listOrders, placeOrder, pollOrders } from '../src/domain/orders.ts';
import { admin, member, world } from './memory.ts';

describe('ordering numbers from Chime', () => {
  it('given US numbers, then the order is processing, the numbers are ordered and NumberOrdered is published', async () => {
    const { deps } = await world();

    const order = await placeOrder(deps, admin, { numbers: ['+12125550101', '+12125550102'] });

    expect(order).toEqual({
      id: 'order-1',
      status: 'processing',
      numbers: [
        { e164: '+12125550101', status: 'processing' },
        { e164: '+12125550102', status: 'processing' },
      ],
      carrier: 'chime',
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
    expect((await deps.numbers.list()).map((n) => [n.e164, n.state, n.orderId])).toEqual([
      ['+12125550101', 'ordered', 'order-1'],
      ['+12125550102', 'ordered', 'order-1'],
    ]);
    expect(deps.events.published.map((e) => e.detailType)).toEqual(['numbers.NumberOrdered']);
    expect(await listOrders(deps, admin)).toEqual([order]);
    expect(await getOrder(deps, admin, { orderId: 'order-1' })).toEqual(order);
  });

  it('given a Swiss number, then the order waits in pending-documents, shown as such', async () => {
    const { deps } = await world();

    const order = await placeOrder(deps, admin, { numbers: ['+41215550009'] });

    expect(order.status).toBe('pending-documents');
    expect(order.numbers).toEqual([{ e164: '+41215550009', status: 'pending-documents' }]);
  });

  it('given a number of a country Chime does not offer, then NumberNotAvailable and no order is placed', async () => {
    const { deps, chime } = await world();

    await expect(placeOrder(deps, admin, { numbers: ['+12125550101', '+5072100001'] })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberNotAvailable', details: [{ e164: '+5072100001' }] }),
    );
    expect(chime.calls).toEqual([]);
    expect(deps.numbers.items.size).toBe(0);
  });

  it('given a number already in the inventory, then NumberNotAvailable', async () => {
    const { deps } = await world();
    await placeOrder(deps, admin, { numbers: ['+12125550101'] });

    await expect(placeOrder(deps, admin, { numbers: ['+12125550101'] })).rejects.toThrow(
      expect.objectContaining({ name: 'NumberNotAvailable' }),
    );
  });

  it('given a non-admin, then Forbidden for placing, listing and reading orders', async () => {
    const { deps, chime } = await world();

    for (const attempt of [
      placeOrder(deps, member, { numbers: ['+12125550101'] }),
      listOrders(deps, member),
      getOrder(deps, member, { orderId: 'order-1' }),
    ]) {
      await expect(attempt).rejects.toThrow(expect.objectContaining({ name: 'Forbidden' }));
    }
    expect(chime.calls).toEqual([]);
  });

  it('given an unknown order id, then OrderNotFound', async () => {
    const { deps } = await world();

    await expect(getOrder(deps, admin, { orderId: 'nope' })).rejects.toThrow(
      expect.objectContaining({ name: 'OrderNotFound' }),
    );
  });
});

describe('polling orders (the scheduled function)', () => {
  it('given Chime has not finished, then nothing moves and nothing is published', async () => {
    const { deps } = await world();
    await placeOrder(deps, admin, { numbers: ['+12125550101'] });

    expect(await pollOrders(deps)).toEqual({ polled: 1, provisioned: 0, failed: 0 });
    expect(deps.events.published.map((e) => e.detailType)).toEqual(['numbers.NumberOrdered']);
  });

  it('given Chime acquired one number and failed the other, then one is available (NumberProvisioned) and the other leaves the inventory', async () => {
    const { deps, chime, setNow } = await world();
    await placeOrder(deps, admin, { numbers: ['+12125550101', '+12125550102'] });
    chime.complete('order-1', ['+12125550102']);
    setNow('2026-12-01T10:01:00.000Z');

    expect(await pollOrders(deps)).toEqual({ polled: 1, provisioned: 1, failed: 1 });
    expect((await deps.numbers.list()).map((n) => [n.e164, n.state])).toEqual([['+12125550101', 'available']]);
    expect(await getOrder(deps, admin, { orderId: 'order-1' })).toMatchObject({
      status: 'partial',
      updatedAt: '2026-12-01T10:01:00.000Z',
      numbers: [
        { e164: '+12125550101', status: 'acquired' },
        { e164: '+12125550102', status: 'failed' },
      ],
    });
    expect(deps.events.published.at(-1)).toMatchObject({
      detailType: 'numbers.NumberProvisioned',
      data: { e164: '+12125550101', country: 'US', carrier: 'chime', orderId: 'order-1' },
    });
  });

  it('given a completed order polled twice, then NumberProvisioned is published once and the order is no longer polled', async () => {
    const { deps, chime } = await world();
    await placeOrder(deps, admin, { numbers: ['+12125550101'] });
    chime.complete('order-1');

    await pollOrders(deps);
    expect(await pollOrders(deps)).toEqual({ polled: 0, provisioned: 0, failed: 0 });
    expect(deps.events.published.filter((e) => e.detailType === 'numbers.NumberProvisioned')).toHaveLength(1);
  });
});
