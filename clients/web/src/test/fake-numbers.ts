import { NumberAssigned, NumberReleased } from '@parley/events/numbers';
import type { ServerFrame } from '@parley/realtime/frames';
import { error, type FakeWorld, json } from './fake-http.ts';
import { eventFrame } from './frames.ts';

/**
 * The numbers routes of the fake API (`/numbers/numbers/…`: the service's base, then its routes), with the documented shapes: countries and
 * their carriers, Chime's search and the SIP trunk's pool, orders that stay `processing` for a
 * few reads (Switzerland's wait for documents), imports, assignments and releases, admins only
 * where the service says so.
 */

type Country = 'CH' | 'PA' | 'SG' | 'US';

interface FakeCountry {
  country: Country;
  name: string;
  dialCode: string;
  carrier: 'chime' | 'sip-trunk';
  carrierName?: string;
  types: ('local' | 'toll-free')[];
  documentsRequired: boolean;
}

export interface FakeNumber {
  e164: string;
  country: Country;
  type: 'local' | 'toll-free';
  carrier: 'chime' | 'sip-trunk';
  carrierName?: string;
  state: 'available' | 'ordered' | 'assigned' | 'released';
  assignedTo?: { userId: string; displayName: string };
  orderId?: string;
  createdAt: string;
  assignedAt?: string;
}

interface FakeOrder {
  id: string;
  status: 'processing' | 'pending-documents' | 'successful' | 'failed' | 'partial';
  numbers: { e164: string; status: string }[];
  carrier: 'chime';
  createdAt: string;
  updatedAt: string;
  reads: number;
}

/** Who is asking, and whom an assignment may name. */
export interface NumbersCaller {
  id: string;
  roles?: string[];
}

const COUNTRIES: FakeCountry[] = [
  {
    country: 'CH',
    name: 'Switzerland',
    dialCode: '+41',
    carrier: 'chime',
    types: ['local', 'toll-free'],
    documentsRequired: true,
  },
  {
    country: 'PA',
    name: 'Panama',
    dialCode: '+507',
    carrier: 'sip-trunk',
    carrierName: 'Istmo Telecom',
    types: ['local'],
    documentsRequired: false,
  },
  {
    country: 'SG',
    name: 'Singapore',
    dialCode: '+65',
    carrier: 'sip-trunk',
    carrierName: 'Istmo Telecom',
    types: ['local'],
    documentsRequired: false,
  },
  {
    country: 'US',
    name: 'United States',
    dialCode: '+1',
    carrier: 'chime',
    types: ['local', 'toll-free'],
    documentsRequired: false,
  },
];

export class FakeNumbers {
  readonly countries = COUNTRIES;
  /** what each country offers now: Chime's search results, or the SIP trunk's free pool */
  readonly offered: Record<Country, string[]> = {
    CH: ['+41446681800', '+41446681801'],
    PA: ['+50761234567', '+50761234568'],
    SG: ['+6561234567', '+6561234568'],
    US: ['+12065550100', '+12065550101'],
  };
  readonly inventory = new Map<string, FakeNumber>();
  readonly orders = new Map<string, FakeOrder>();
  /** reads of a `processing` order that still answer `processing` before it succeeds */
  orderReadsUntilDone = 1;
  /** set to make `GET /numbers` answer 500 */
  failList = false;
  private readonly world: FakeWorld;
  private readonly displayNameOf: (userId: string) => string | undefined;

  constructor(world: FakeWorld, displayNameOf: (userId: string) => string | undefined) {
    this.world = world;
    this.displayNameOf = displayNameOf;
  }

  /** A number already in the inventory (imported or ordered before the test). */
  add(e164: string, state: FakeNumber['state'] = 'available', assignedTo?: string): FakeNumber {
    const country = countryOf(e164);
    const offer = COUNTRIES.find((c) => c.country === country);
    if (!country || !offer) throw new Error(`no country for ${e164}`);
    const number: FakeNumber = {
      e164,
      country,
      type: 'local',
      carrier: offer.carrier,
      ...(offer.carrierName ? { carrierName: offer.carrierName } : {}),
      state: assignedTo ? 'assigned' : state,
      createdAt: this.world.now(),
    };
    if (assignedTo) this.assignTo(number, assignedTo);
    this.inventory.set(e164, number);
    this.offered[country] = this.offered[country].filter((n) => n !== e164);
    return number;
  }

  /** The frame notifications pushes to the new owner of a number. */
  assignedFrame(e164: string): ServerFrame {
    const n = this.inventory.get(e164);
    if (!n?.assignedTo) throw new Error(`${e164} is not assigned`);
    return eventFrame(NumberAssigned, { e164, userId: n.assignedTo.userId, country: n.country, carrier: n.carrier });
  }

  /** The frame notifications pushes to the former owner of a number. */
  releasedFrame(e164: string, userId: string): ServerFrame {
    return eventFrame(NumberReleased, { e164, userId });
  }

  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  route(method: string, servicePath: string, q: URLSearchParams, body: any, me: NumbersCaller): Response | undefined {
    // `/numbers` is the service's base (as `/identity` is identity's); its routes start with `/numbers` too.
    if (!servicePath.startsWith('/numbers/')) return undefined;
    const path = servicePath.slice('/numbers'.length);
    if (path !== '/numbers' && !path.startsWith('/numbers/')) return undefined;
    if (method === 'GET' && path === '/numbers/countries') return json(200, { items: this.countries });
    const admin = me.roles?.includes('admin') ?? false;
    if (method === 'GET' && path === '/numbers') {
      if (this.failList) return error(500, 'internal_error', 'Internal error');
      const all = [...this.inventory.values()];
      return json(200, { items: admin ? all : all.filter((n) => n.assignedTo?.userId === me.id) });
    }
    if (!admin) return error(403, 'forbidden', 'Only admins can manage phone numbers');
    if (method === 'GET' && path === '/numbers/available') {
      const offer = COUNTRIES.find(
        (c) => c.country === q.get('country') && c.types.includes((q.get('type') ?? 'local') as 'local'),
      );
      if (!offer) return error(400, 'country_not_offered', 'Parley offers no such numbers there');
      const type = q.get('type') ?? 'local';
      const items = this.offered[offer.country].map((e164) => ({
        e164,
        country: offer.country,
        type,
        carrier: offer.carrier,
      }));
      return json(200, { items });
    }
    if (method === 'POST' && path === '/numbers/orders') return this.order(body.numbers ?? []);
    if (method === 'GET' && path === '/numbers/orders')
      return json(200, { items: [...this.orders.values()].map(view) });
    const orderMatch = /^\/numbers\/orders\/([^/]+)$/.exec(path);
    if (method === 'GET' && orderMatch) return this.readOrder(orderMatch[1] ?? '');
    if (method === 'POST' && path === '/numbers/imports') return this.importNumber(body.e164);
    const assignment = /^\/numbers\/([^/]+)\/assignment$/.exec(path);
    const numberMatch = /^\/numbers\/([^/]+)$/.exec(path);
    const e164 = decodeURIComponent(assignment?.[1] ?? numberMatch?.[1] ?? '');
    const number = this.inventory.get(e164);
    if (!number) return error(404, 'number_not_found', 'No such number');
    if (number.state === 'released') return error(409, 'number_released', 'That number was released');
    if (assignment && method === 'PUT') {
      if (number.state === 'assigned') return error(409, 'number_assigned', 'That number is assigned');
      if (!this.displayNameOf(body.userId)) return error(404, 'user_not_found', 'No such user');
      this.assignTo(number, body.userId);
      return json(200, { number });
    }
    if (assignment && method === 'DELETE') {
      Object.assign(number, { state: 'available', assignedTo: undefined, assignedAt: undefined });
      return json(200, { number });
    }
    if (numberMatch && method === 'DELETE') {
      Object.assign(number, { state: 'released', assignedTo: undefined, assignedAt: undefined });
      return json(200, { number });
    }
    return undefined;
  }

  private assignTo(number: FakeNumber, userId: string): void {
    number.state = 'assigned';
    number.assignedTo = { userId, displayName: this.displayNameOf(userId) ?? userId };
    number.assignedAt = this.world.now();
  }

  private order(numbers: string[]): Response {
    const countries = numbers.map(countryOf);
    const missing = numbers.filter((e164, i) => {
      const country = countries[i];
      const offer = COUNTRIES.find((c) => c.country === country);
      return !country || offer?.carrier !== 'chime' || !this.offered[country].includes(e164);
    });
    if (numbers.length === 0 || missing.length) {
      return error(422, 'number_not_available', `Not available: ${missing.join(', ')}`);
    }
    const waiting = countries.includes('CH');
    const at = this.world.now();
    const order: FakeOrder = {
      id: `order${this.world.next()}`,
      status: waiting ? 'pending-documents' : 'processing',
      numbers: numbers.map((e164) => ({ e164, status: waiting ? 'pending-documents' : 'processing' })),
      carrier: 'chime',
      createdAt: at,
      updatedAt: at,
      reads: 0,
    };
    this.orders.set(order.id, order);
    for (const e164 of numbers) {
      const added = this.add(e164, 'ordered');
      added.orderId = order.id;
    }
    return json(201, { order: view(order) });
  }

  private readOrder(id: string): Response {
    const order = this.orders.get(id);
    if (!order) return error(404, 'order_not_found', 'No such order');
    order.reads += 1;
    if (order.status === 'processing' && order.reads > this.orderReadsUntilDone) {
      order.status = 'successful';
      order.updatedAt = this.world.tick();
      for (const n of order.numbers) {
        n.status = 'acquired';
        const stored = this.inventory.get(n.e164);
        if (stored) stored.state = 'available';
      }
    }
    return json(200, { order: view(order) });
  }

  private importNumber(e164: string): Response {
    if (this.inventory.get(e164) && this.inventory.get(e164)?.state !== 'released') {
      return error(409, 'number_exists', 'That number is already in the inventory');
    }
    const country = countryOf(e164);
    const offer = COUNTRIES.find((c) => c.country === country);
    if (!country || offer?.carrier !== 'sip-trunk' || !this.offered[country].includes(e164)) {
      return error(422, 'number_not_available', 'That number is not in the carrier’s pool');
    }
    return json(201, { number: this.add(e164) });
  }
}

function view({ reads: _reads, ...order }: FakeOrder) {
  return order;
}

function countryOf(e164: string): Country | undefined {
  return COUNTRIES.find((c) => e164.startsWith(c.dialCode))?.country;
}
