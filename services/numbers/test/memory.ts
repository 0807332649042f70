import type { EventData, EventDefinition } from '@parley/events/define-event';
import type { DirectoryRepository } from '../src/domain/directory.ts';
import { NumberNotAvailable } from '../src/domain/errors.ts';
import type { CarrierConfig, PhoneNumber } from '../src/domain/model.ts';
import type {
  CarrierSource,
  ChimeOrder,
  EventSink,
  NumberRepository,
  OrderRepository,
  UsageLedger,
  VoiceProvider,
} from '../src/domain/ports.ts';

/** In-memory directory with the adapter's semantics (upsert by userId), and a log of every write. */
export function memoryDirectory(): DirectoryRepository & {
  users: Map<string, { userId: string; displayName: string; registeredAt: string }>;
  writes: string[];
} {
  const users = new Map<string, { userId: string; displayName: string; registeredAt: string }>();
  const writes: string[] = [];
  return {
    users,
    writes,
    async upsert(user) {
      writes.push(user.userId);
      users.set(user.userId, { ...user });
    },
    async rename(userId, displayName) {
      const user = users.get(userId);
      if (!user) return;
      writes.push(userId);
      users.set(userId, { ...user, displayName });
    },
    async get(userId) {
      const user = users.get(userId);
      return user ? { userId: user.userId, displayName: user.displayName } : undefined;
    },
  };
}

/** In-memory inventory with the adapter's conditional writes. */
export function memoryNumbers(): NumberRepository & { items: Map<string, PhoneNumber> } {
  const items = new Map<string, PhoneNumber>();
  return {
    items,
    async get(e164) {
      const n = items.get(e164);
      return n ? structuredClone(n) : undefined;
    },
    async list() {
      return [...items.values()].map((n) => structuredClone(n)).sort((a, b) => a.e164.localeCompare(b.e164));
    },
    async save(number, expected) {
      const stored = items.get(number.e164);
      const ok = expected === 'absent' ? !stored || stored.state === 'released' : stored?.state === expected;
      if (ok) items.set(number.e164, structuredClone(number));
      return ok;
    },
    async delete(e164) {
      items.delete(e164);
    },
  };
}

export function memoryOrders(): OrderRepository & { items: Map<string, ChimeOrderLike> } {
  const items = new Map<string, ChimeOrderLike>();
  return {
    items,
    async get(id) {
      const o = items.get(id);
      return o ? structuredClone(o) : undefined;
    },
    async list() {
      return [...items.values()].map((o) => structuredClone(o));
    },
    async put(order) {
      items.set(order.id, structuredClone(order));
    },
  };
}
type ChimeOrderLike = Awaited<ReturnType<OrderRepository['list']>>[number];

export function memoryUsage(): UsageLedger & { marks: string[] } {
  const marks: string[] = [];
  return {
    marks,
    async has(e164, period) {
      return marks.includes(`${e164}#${period}`);
    },
    async mark(e164, period) {
      marks.push(`${e164}#${period}`);
    },
  };
}

/** A Chime SDK Voice stand-in with the emulator's rules: one rule per trigger, rules disabled before deletion. */
export function fakeVoice(
  options: { countries?: { country: string; types: ('local' | 'toll-free')[] }[]; searchable?: string[] } = {},
) {
  const rules = new Map<string, { id: string; trigger: string; value: string; disabled: boolean }>();
  const orders = new Map<string, ChimeOrder>();
  const owned = new Set<string>();
  const calls: string[] = [];
  let next = 1;
  const voice: VoiceProvider = {
    async countries() {
      return (
        options.countries ?? [
          { country: 'US', types: ['local', 'toll-free'] },
          { country: 'CH', types: ['local'] },
        ]
      );
    },
    async search() {
      return (options.searchable ?? ['+12125550101', '+12125550102']).filter((n) => !owned.has(n));
    },
    async order(numbers) {
      if (numbers.some((n) => owned.has(n))) throw new NumberNotAvailable('owned');
      const orderId = `order-${next++}`;
      const swiss = numbers.some((n) => n.startsWith('+41'));
      const order: ChimeOrder = {
        orderId,
        status: swiss ? 'pending-documents' : 'processing',
        numbers: numbers.map((e164) => ({ e164, status: swiss ? 'pending-documents' : 'processing' })),
      };
      orders.set(orderId, order);
      calls.push(`order ${numbers.join(',')}`);
      return structuredClone(order);
    },
    async getOrder(orderId) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      return structuredClone(order);
    },
    async ensureRule({ trigger, value }) {
      const found = [...rules.values()].find((r) => r.trigger === trigger && r.value === value);
      if (found) return found.id;
      const id = `rule-${next++}`;
      rules.set(id, { id, trigger, value, disabled: false });
      calls.push(`create rule ${trigger} ${value}`);
      return id;
    },
    async removeRule(ruleId) {
      const rule = rules.get(ruleId);
      if (!rule) return;
      rule.disabled = true;
      calls.push(`disable rule ${rule.value}`);
      rules.delete(ruleId);
      calls.push(`delete rule ${rule.value}`);
    },
    async deleteNumber(e164) {
      calls.push(`delete number ${e164}`);
      owned.delete(e164);
    },
  };
  return {
    voice,
    rules,
    calls,
    /** Chime finishing an order: every number acquired (or the ones listed failed). */
    complete(orderId: string, failed: string[] = []) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      order.numbers = order.numbers.map((n) => ({
        e164: n.e164,
        status: failed.includes(n.e164) ? 'failed' : 'acquired',
      }));
      order.status = failed.length === 0 ? 'successful' : failed.length === order.numbers.length ? 'failed' : 'partial';
      for (const n of order.numbers) if (n.status === 'acquired') owned.add(n.e164);
    },
  };
}

export const HOST = 'abcdefghij0123456789ab.voiceconnector.chime.aws';

export const carrierConfig: CarrierConfig = {
  chimeDocumentsRequired: ['CH'],
  carriers: [
    {
      name: 'Test Carrier',
      voiceConnectorId: 'abcdefghij0123456789ab',
      outboundHost: HOST,
      numbers: { PA: ['+5072100001', '+5072100002'], SG: ['+6531000001'] },
    },
  ],
  prices: [
    { country: 'US', carrier: 'chime', monthly: 1, currency: 'USD' },
    { country: 'PA', carrier: 'sip-trunk', monthly: 4, currency: 'USD' },
  ],
};

export function staticCarriers(config: CarrierConfig = carrierConfig): CarrierSource {
  return { config: async () => structuredClone(config) };
}

/** Collects what was published, in order. */
export function memoryEvents(): EventSink & {
  published: { detailType: string; data: unknown; audience?: readonly string[]; eventId?: string }[];
} {
  const published: { detailType: string; data: unknown; audience?: readonly string[]; eventId?: string }[] = [];
  return {
    published,
    async publish<E extends EventDefinition>(
      event: E,
      data: EventData<E>,
      options: { audience?: readonly string[]; eventId?: string } = {},
    ) {
      event.data.parse(data);
      published.push({ detailType: event.detailType, data, ...options });
      return 'id';
    },
  };
}

export const admin = { userId: 'u-admin', roles: ['admin', 'user'] };
export const member = { userId: 'u-ana', roles: ['user'] };

/** Every port of the service in memory, the directory knowing Ana. */
export async function world(options: Parameters<typeof fakeVoice>[0] = {}) {
  const directory = memoryDirectory();
  await directory.upsert({ userId: 'u-ana', displayName: 'Ana', registeredAt: '2026-11-01T00:00:00.000Z' });
  await directory.upsert({ userId: 'u-ben', displayName: 'Ben', registeredAt: '2026-11-01T00:00:00.000Z' });
  const chime = fakeVoice(options);
  let now = new Date('2026-12-01T10:00:00.000Z');
  return {
    chime,
    deps: {
      numbers: memoryNumbers(),
      orders: memoryOrders(),
      usage: memoryUsage(),
      voice: chime.voice,
      carriers: staticCarriers(),
      users: directory,
      directory,
      events: memoryEvents(),
      clock: { now: () => now },
    },
    setNow(at: string) {
      now = new Date(at);
    },
  };
}
