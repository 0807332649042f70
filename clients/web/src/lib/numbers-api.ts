import type { EventData } from '@parley/events/define-event';
import type { NumberProvisioned } from '@parley/events/numbers';
import type { ApiClient } from './api-client.ts';
import { itemsOf } from './model.ts';

/**
 * The numbers service's routes (`/api/numbers/numbers/…`: the service's base, then its routes) as the client uses them, JSON in and the client's
 * types out. Readers are tolerant: an item without the fields a screen needs is left out rather
 * than shown half-made; unknown states and extra fields are ignored.
 */

/** The carriers, as the event catalog names them. */
export type NumberCarrier = EventData<typeof NumberProvisioned>['carrier'];
export type NumberType = 'local' | 'toll-free';
export type NumberState = 'available' | 'ordered' | 'assigned' | 'released';
export type OrderStatus = 'processing' | 'pending-documents' | 'successful' | 'failed' | 'partial';

/** A country Parley offers numbers in, and through which carrier. */
export interface NumberCountry {
  /** ISO 3166-1 alpha-2 (`SG`) */
  country: string;
  name: string;
  /** `+65` */
  dialCode: string;
  carrier: NumberCarrier;
  carrierName?: string;
  types: NumberType[];
  /** the carrier needs identity documents before the number works (Switzerland) */
  documentsRequired: boolean;
}

/** A number the carrier offers that nobody has ordered yet. */
export interface AvailableNumber {
  e164: string;
  country: string;
  type: NumberType;
  carrier: NumberCarrier;
}

export interface NumberOrder {
  id: string;
  status: OrderStatus;
  numbers: { e164: string; status: string }[];
  carrier: string;
  createdAt: string;
  updatedAt: string;
}

/** A number in the organisation's inventory. */
export interface PhoneNumber {
  e164: string;
  country: string;
  type: NumberType;
  carrier: NumberCarrier;
  carrierName?: string;
  state: NumberState;
  assignedTo?: { userId: string; displayName: string };
  orderId?: string;
  createdAt: string;
  assignedAt?: string;
}

export interface NumbersApi {
  /** the countries offered (any signed-in user) */
  listCountries(): Promise<NumberCountry[]>;
  /** numbers an admin can order or import in a country */
  searchAvailable(country: string, type: NumberType): Promise<AvailableNumber[]>;
  createOrder(numbers: string[]): Promise<NumberOrder>;
  listOrders(): Promise<NumberOrder[]>;
  getOrder(id: string): Promise<NumberOrder>;
  /** registers a number the carrier already gave us (the SIP trunk's pool) */
  importNumber(e164: string, carrier: NumberCarrier): Promise<PhoneNumber>;
  /** admins: every number; anyone else: their own */
  listNumbers(): Promise<PhoneNumber[]>;
  assign(e164: string, userId: string): Promise<PhoneNumber>;
  unassign(e164: string): Promise<PhoneNumber>;
  release(e164: string): Promise<PhoneNumber>;
}

const enc = encodeURIComponent;
/** the numbers service's own base (`/api/numbers` on devstack); its routes start with `/numbers` too */
const SERVICE = '/numbers';
const STATES: readonly string[] = ['available', 'ordered', 'assigned', 'released'];
const STATUSES: readonly string[] = ['processing', 'pending-documents', 'successful', 'failed', 'partial'];

type Raw = Record<string, unknown>;
const obj = (raw: unknown): Raw | undefined =>
  raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Raw) : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const carrierOf = (value: unknown): NumberCarrier => (value === 'sip-trunk' ? 'sip-trunk' : 'chime');
const typeOf = (value: unknown): NumberType => (value === 'toll-free' ? 'toll-free' : 'local');

export function readCountry(raw: unknown): NumberCountry | undefined {
  const o = obj(raw);
  const country = str(o?.country);
  const dialCode = str(o?.dialCode);
  if (!o || !country || !dialCode) return undefined;
  const types = Array.isArray(o.types) ? o.types.filter((t) => t === 'local' || t === 'toll-free') : [];
  return {
    country,
    name: str(o.name) ?? country,
    dialCode,
    carrier: carrierOf(o.carrier),
    ...(str(o.carrierName) ? { carrierName: str(o.carrierName) } : {}),
    types: types.length ? types : ['local'],
    documentsRequired: o.documentsRequired === true,
  };
}

export function readAvailable(raw: unknown): AvailableNumber | undefined {
  const o = obj(raw);
  const e164 = str(o?.e164);
  if (!o || !e164) return undefined;
  return { e164, country: str(o.country) ?? '', type: typeOf(o.type), carrier: carrierOf(o.carrier) };
}

export function readOrder(raw: unknown): NumberOrder | undefined {
  const o = obj(obj(raw)?.order) ?? obj(raw);
  const id = str(o?.id);
  if (!o || !id || typeof o.status !== 'string' || !STATUSES.includes(o.status)) return undefined;
  const numbers = (Array.isArray(o.numbers) ? o.numbers : []).flatMap((n) => {
    const e164 = str(obj(n)?.e164);
    return e164 ? [{ e164, status: str(obj(n)?.status) ?? '' }] : [];
  });
  const createdAt = str(o.createdAt) ?? '';
  return {
    id,
    status: o.status as OrderStatus,
    numbers,
    carrier: str(o.carrier) ?? 'chime',
    createdAt,
    updatedAt: str(o.updatedAt) ?? createdAt,
  };
}

export function readNumber(raw: unknown): PhoneNumber | undefined {
  const o = obj(obj(raw)?.number) ?? obj(raw);
  const e164 = str(o?.e164);
  if (!o || !e164 || typeof o.state !== 'string' || !STATES.includes(o.state)) return undefined;
  const assigned = obj(o.assignedTo);
  const userId = str(assigned?.userId);
  return {
    e164,
    country: str(o.country) ?? '',
    type: typeOf(o.type),
    carrier: carrierOf(o.carrier),
    ...(str(o.carrierName) ? { carrierName: str(o.carrierName) } : {}),
    state: o.state as NumberState,
    ...(userId ? { assignedTo: { userId, displayName: str(assigned?.displayName) ?? userId } } : {}),
    ...(str(o.orderId) ? { orderId: str(o.orderId) } : {}),
    createdAt: str(o.createdAt) ?? '',
    ...(str(o.assignedAt) ? { assignedAt: str(o.assignedAt) } : {}),
  };
}

/** An answer that should have held one item but did not: a server error, not an empty result. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The numbers service answered without ${what}`);
  return value;
}

export function numbersApi(api: ApiClient): NumbersApi {
  const list = async <T>(path: string, read: (raw: unknown) => T | undefined, query?: Record<string, string>) =>
    itemsOf(await api.request<unknown>('GET', path, { query })).flatMap((raw) => read(raw) ?? []);
  const one = async (method: string, path: string, body?: unknown) =>
    required(readNumber(await api.request<unknown>(method, path, { body })), 'a number');
  return {
    listCountries: () => list(`${SERVICE}/numbers/countries`, readCountry),
    searchAvailable: (country, type) => list(`${SERVICE}/numbers/available`, readAvailable, { country, type }),
    async createOrder(numbers) {
      return required(
        readOrder(await api.request<unknown>('POST', `${SERVICE}/numbers/orders`, { body: { numbers } })),
        'an order',
      );
    },
    listOrders: () => list(`${SERVICE}/numbers/orders`, readOrder),
    async getOrder(id) {
      return required(readOrder(await api.request<unknown>('GET', `${SERVICE}/numbers/orders/${enc(id)}`)), 'an order');
    },
    importNumber: (e164, carrier) => one('POST', `${SERVICE}/numbers/imports`, { e164, carrier }),
    listNumbers: () => list(`${SERVICE}/numbers`, readNumber),
    assign: (e164, userId) => one('PUT', `${SERVICE}/numbers/${enc(e164)}/assignment`, { userId }),
    unassign: (e164) => one('DELETE', `${SERVICE}/numbers/${enc(e164)}/assignment`),
    release: (e164) => one('DELETE', `${SERVICE}/numbers/${enc(e164)}`),
  };
}
