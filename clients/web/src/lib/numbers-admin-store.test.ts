import { describe, expect, it } from 'vitest';
import { apiFor, FakeServer } from '../test/harness.ts';
import { AdminNumbersStore } from './numbers-admin-store.ts';
import { numbersApi } from './numbers-api.ts';

function adminStore() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  ada.roles = ['admin', 'user'];
  const store = new AdminNumbersStore({ numbers: numbersApi(apiFor(server, ada.id)), orderPollMs: 5 });
  return { server, store };
}

describe('the admin numbers store', () => {
  it('given an order the carrier works on, when placed, then it is read again until done and the inventory follows', async () => {
    // Given an order that stays processing for three reads
    const { server, store } = adminStore();
    server.numbers.orderReadsUntilDone = 3;
    await store.search('US', 'local');

    // When two numbers are ordered
    await store.order(['+12065550100', '+12065550101']);

    // Then the order shows as processing, then successful, and both numbers end up free in the inventory
    expect(store.state.get().order.value?.status).toBe('processing');
    expect(store.state.get().search.results).toEqual([]);
    await expect.poll(() => store.state.get().order.value?.status).toBe('successful');
    await expect
      .poll(() => store.state.get().numbers.value?.map((n) => [n.e164, n.state]))
      .toEqual([
        ['+12065550100', 'available'],
        ['+12065550101', 'available'],
      ]);
    expect(server.calls.filter((c) => c.path.startsWith('/numbers/numbers/orders/')).length).toBe(4);
  });

  it('given a read of the order lost on the way, when polling, then the order is still followed to the end', async () => {
    // Given an order placed
    const { server, store } = adminStore();
    await store.order(['+12065550100']);

    // When the next read fails at the network level
    server.failNext = 1;

    // Then polling goes on and ends with the order complete
    await expect.poll(() => store.state.get().order.value?.status).toBe('successful');
  });

  it('given a number nobody offers, when ordered, then the refusal is kept and no order is followed', async () => {
    // Given the admin store
    const { server, store } = adminStore();

    // When a number that is not on offer is ordered
    await store.order(['+12065559999']);

    // Then the error is kept for the screen, and nothing was created
    expect(store.state.get().order).toMatchObject({ status: 'idle', error: { code: 'number_not_available' } });
    expect(server.numbers.orders.size).toBe(0);
  });

  it('given an assignment the service refuses, when made, then the error names the number and the action', async () => {
    // Given a number already assigned
    const { server, store } = adminStore();
    const bob = server.addUser('Bob Tan');
    server.numbers.add('+6561234567', 'assigned', bob.id);
    await store.load();

    // When it is assigned again
    const done = await store.assign('+6561234567', bob.id);

    // Then it did not go through, and the screen knows why and where
    expect(done).toBe(false);
    expect(store.state.get().actionError).toMatchObject({
      e164: '+6561234567',
      action: 'assigning',
      error: { code: 'number_assigned' },
    });
    expect(store.state.get().busy).toEqual({});
  });
});
