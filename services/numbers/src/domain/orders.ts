import * as events from '@parley/events/numbers';
import { requireAdmin } from './access.ts';
import { NumberNotAvailable, OrderNotFound } from './errors.ts';
import { type Caller, countryOf, type Order, type PhoneNumber } from './model.ts';
import { listCountries } from './offers.ts';
import type { CarrierSource, Clock, EventSink, NumberRepository, OrderRepository, VoiceProvider } from './ports.ts';

export interface OrderDeps {
  orders: OrderRepository;
  numbers: NumberRepository;
  voice: VoiceProvider;
  carriers: CarrierSource;
  events: EventSink;
  clock: Clock;
}

const OPEN: readonly Order['status'][] = ['processing', 'pending-documents'];

/**
 * Orders numbers from Chime SDK Voice. Every number must be in a country Chime offers and not in
 * the inventory; the order is then placed, its numbers recorded as `ordered`, and the scheduled
 * poll (`pollOrders`) moves it on: never inside this request.
 */
export async function placeOrder(deps: OrderDeps, caller: Caller, input: { numbers: string[] }): Promise<Order> {
  requireAdmin(caller);
  const wanted = [...new Set(input.numbers)];
  const chimeCountries = new Set(
    (await listCountries(deps)).filter((o) => o.carrier === 'chime').map((o) => o.country as string),
  );
  const notOffered = wanted.filter((e164) => !chimeCountries.has(countryOf(e164) ?? ''));
  if (notOffered.length > 0) {
    throw new NumberNotAvailable(
      'Chime does not offer these numbers.',
      notOffered.map((e164) => ({ e164 })),
    );
  }
  const held = (await Promise.all(wanted.map((e164) => deps.numbers.get(e164)))).filter(
    (n): n is PhoneNumber => n !== undefined && n.state !== 'released',
  );
  if (held.length > 0) {
    throw new NumberNotAvailable(
      'These numbers are already in the inventory or on order.',
      held.map((n) => ({ e164: n.e164 })),
    );
  }
  const placed = await deps.voice.order(wanted);
  const now = deps.clock.now().toISOString();
  const order: Order = {
    id: placed.orderId,
    status: placed.status,
    numbers: placed.numbers,
    carrier: 'chime',
    createdAt: now,
    updatedAt: now,
  };
  await deps.orders.put(order);
  for (const e164 of wanted) {
    const country = countryOf(e164);
    if (!country) continue;
    await deps.numbers.save(
      {
        e164,
        country,
        type: /^\+18(00|33|44|55|66|77|88)/.test(e164) ? 'toll-free' : 'local',
        carrier: 'chime',
        state: 'ordered',
        orderId: order.id,
        createdAt: now,
      },
      'absent',
    );
  }
  await deps.events.publish(events.NumberOrdered, {
    orderId: order.id,
    numbers: wanted,
    carrier: 'chime',
    orderedBy: caller.userId,
    orderedAt: now,
  });
  return order;
}

export async function listOrders(deps: Pick<OrderDeps, 'orders'>, caller: Caller): Promise<Order[]> {
  requireAdmin(caller);
  return (await deps.orders.list()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getOrder(deps: Pick<OrderDeps, 'orders'>, caller: Caller, input: { orderId: string }) {
  requireAdmin(caller);
  const order = await deps.orders.get(input.orderId);
  if (!order) throw new OrderNotFound(`There is no order ${input.orderId}.`);
  return order;
}

/**
 * The scheduled poll: asks Chime about every open order, records what changed, and makes each
 * number Chime acquired `available` (NumberProvisioned); a number it failed to acquire leaves the
 * inventory. Idempotent: a number moves out of `ordered` once.
 */
export async function pollOrders(deps: OrderDeps): Promise<{ polled: number; provisioned: number; failed: number }> {
  const open = (await deps.orders.list()).filter((o) => OPEN.includes(o.status));
  let provisioned = 0;
  let failed = 0;
  for (const order of open) {
    const seen = await deps.voice.getOrder(order.id);
    const now = deps.clock.now().toISOString();
    for (const { e164, status } of seen.numbers) {
      const number = await deps.numbers.get(e164);
      if (number?.state !== 'ordered' || number.orderId !== order.id) continue;
      if (status === 'acquired') {
        if (await deps.numbers.save({ ...number, state: 'available' }, 'ordered')) {
          provisioned += 1;
          await deps.events.publish(events.NumberProvisioned, {
            e164,
            country: number.country,
            carrier: 'chime',
            orderId: order.id,
            provisionedAt: now,
          });
        }
      } else if (status === 'failed') {
        failed += 1;
        await deps.numbers.delete(e164);
      }
    }
    const changed = seen.status !== order.status || JSON.stringify(seen.numbers) !== JSON.stringify(order.numbers);
    if (changed) await deps.orders.put({ ...order, status: seen.status, numbers: seen.numbers, updatedAt: now });
  }
  return { polled: open.length, provisioned, failed };
}
