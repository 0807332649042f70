import { randomUUID } from 'node:crypto';
import {
  candidates,
  countryOfNumber,
  needsDocuments,
  numberTypeOf,
  offeredTypes,
  PRODUCT_TYPES,
  type ProductType,
  parseSearch,
  supportedCountries,
} from './voice-catalog.ts';
import { badRequest, conflict, notFound, route, type VoiceRoute } from './voice-http.ts';
import { E164_PATTERN, optionalString, optionalStringList, paginate, queryEnum } from './voice-input.ts';
import { type StoredOrder, type StoredPhoneNumber, VoiceStore } from './voice-store.ts';

const PHONE_NUMBER_STATUSES = [
  'Cancelled',
  'PortinCancelRequested',
  'PortinInProgress',
  'AcquireInProgress',
  'AcquireFailed',
  'Unassigned',
  'Assigned',
  'ReleaseInProgress',
  'DeleteInProgress',
  'ReleaseFailed',
  'DeleteFailed',
] as const;
const ASSOCIATION_NAMES = ['SipRuleId', 'VoiceConnectorId', 'VoiceConnectorGroupId'] as const;

/** Whether a search may still offer `e164`: not in the inventory (deletion queue included), not in an open order. */
function isTaken(store: VoiceStore, e164: string): boolean {
  if (store.phoneNumbers.has(e164)) return true;
  for (const order of store.orders.values()) {
    if (order.Status !== 'Processing' && order.Status !== 'PendingDocuments') continue;
    if (order.OrderedPhoneNumbers.some((n) => n.E164PhoneNumber === e164 && n.Status !== 'Failed')) return true;
  }
  return false;
}

function describeOrder(order: StoredOrder) {
  const { dueAt: _dueAt, name: _name, ...wire } = order;
  return wire;
}

function existingNumber(store: VoiceStore, id: string): StoredPhoneNumber {
  const number = store.phoneNumbers.get(VoiceStore.e164(id));
  if (!number) throw notFound(`Phone number ${id} was not found.`);
  return number;
}

function productTypeOf(value: unknown, required: boolean): ProductType | undefined {
  if (value === undefined || value === null) {
    if (required) throw badRequest('ProductType is required.');
    return undefined;
  }
  if (!(PRODUCT_TYPES as readonly unknown[]).includes(value)) {
    throw badRequest(`ProductType "${String(value)}" is not one of ${PRODUCT_TYPES.join(', ')}.`);
  }
  return value as ProductType;
}

/** Creates an order: self-serve countries go Processing (due after the store's delay), others PendingDocuments. */
function createOrder(store: VoiceStore, input: Record<string, unknown>): StoredOrder {
  const productType = productTypeOf(input.ProductType, true) as ProductType;
  const numbers = optionalStringList(input, 'E164PhoneNumbers', 1, 500);
  if (!numbers) throw badRequest('E164PhoneNumbers is required.');
  const name = optionalString(input, 'Name', { max: 256, pattern: /^$|^[a-zA-Z0-9,._-]+(\s+[a-zA-Z0-9,._-]+)*$/ });
  const wanted = numbers.map((n) => {
    if (!E164_PATTERN.test(n)) throw badRequest(`${n} is not an E.164 phone number.`);
    return VoiceStore.e164(n);
  });
  if (new Set(wanted).size !== wanted.length) throw badRequest('E164PhoneNumbers lists a number twice.');
  let documents = false;
  for (const e164 of wanted) {
    const country = countryOfNumber(e164);
    if (!country) throw badRequest(`${e164} is not a number Amazon Chime SDK offers.`);
    const types = offeredTypes(country, productType);
    if (types.length === 0 && offeredTypes(country, 'SipMediaApplicationDialIn').length > 0) {
      throw badRequest(`For numbers outside the US, use the SipMediaApplicationDialIn product type (${e164}).`);
    }
    if (!types.includes(numberTypeOf(e164))) {
      throw badRequest(`${e164}: phone numbers in ${country} are not available from Amazon Chime SDK.`);
    }
    documents ||= needsDocuments(country);
  }
  const at = store.isoNow();
  const order: StoredOrder = {
    PhoneNumberOrderId: randomUUID(),
    ProductType: productType,
    Status: documents ? 'PendingDocuments' : 'Processing',
    OrderType: 'New',
    OrderedPhoneNumbers: wanted.map((e164) => ({
      E164PhoneNumber: e164,
      Status: isTaken(store, e164) ? ('Failed' as const) : ('Processing' as const),
    })),
    CreatedTimestamp: at,
    UpdatedTimestamp: at,
    ...(documents ? {} : { dueAt: store.now() + store.orderDelayMs }),
    ...(name ? { name } : {}),
  };
  store.orders.set(order.PhoneNumberOrderId, order);
  // Self-serve numbers are listed (AcquireInProgress) while the order runs; numbers waiting for
  // documents are not in the inventory at all.
  if (!documents) {
    for (const n of order.OrderedPhoneNumbers) {
      if (n.Status === 'Processing')
        store.phoneNumbers.set(n.E164PhoneNumber, store.newNumber(n.E164PhoneNumber, order));
    }
  }
  store.save();
  return order;
}

function updateNumber(store: VoiceStore, number: StoredPhoneNumber, input: Record<string, unknown>): void {
  if (number.Status === 'DeleteInProgress') throw badRequest(`${number.E164PhoneNumber} is in the deletion queue.`);
  if (number.Status === 'AcquireInProgress') throw badRequest(`${number.E164PhoneNumber} is not acquired yet.`);
  const productType = productTypeOf(input.ProductType, false);
  const callingName = optionalString(input, 'CallingName', { pattern: /^$|^[a-zA-Z0-9 ]{2,15}$/ });
  const name = optionalString(input, 'Name', { max: 256 });
  if (productType && productType !== number.ProductType) {
    if (offeredTypes(number.Country, productType).length === 0) {
      throw badRequest(`Numbers in ${number.Country} support the ${number.ProductType} product type only.`);
    }
    if (number.Associations.length > 0) {
      throw conflict(
        `${number.E164PhoneNumber} is associated with ${number.Associations[0]?.Name}; remove that first.`,
      );
    }
    number.ProductType = productType;
  }
  if (callingName !== undefined) {
    if (number.Country !== 'US') throw badRequest('CallingName is supported for US numbers only.');
    if (callingName === '') {
      delete number.CallingName;
      number.CallingNameStatus = 'Unassigned';
    } else {
      number.CallingName = callingName;
      number.CallingNameStatus = 'UpdateSucceeded';
    }
  }
  if (name !== undefined) number.Name = name;
  number.UpdatedTimestamp = store.isoNow();
  store.save();
}

/** Devstack only: identity documents are in, so a PendingDocuments order completes. */
export function completeDocuments(store: VoiceStore, orderId: string): void {
  const order = store.orders.get(orderId);
  if (!order) throw new Error(`No phone number order ${orderId}.`);
  if (order.Status !== 'PendingDocuments')
    throw new Error(`Order ${orderId} is ${order.Status}, not PendingDocuments.`);
  store.complete(order);
  store.save();
}

/** Countries, search, orders and the inventory. */
export function numberRoutes(store: VoiceStore): VoiceRoute[] {
  return [
    route('ListSupportedPhoneNumberCountries', 'GET /phone-number-countries', ({ query }) => {
      const productType = queryEnum(query, 'product-type', PRODUCT_TYPES);
      if (!productType) throw badRequest('ProductType is required.');
      return { status: 200, body: { PhoneNumberCountries: supportedCountries(productType) } };
    }),
    route('SearchAvailablePhoneNumbers', 'GET /search?type=phone-numbers', ({ query }) => {
      const pool = candidates(parseSearch(query)).filter((e164) => !isTaken(store, e164));
      const { page, NextToken } = paginate(pool, query, 500, 100);
      return { status: 200, body: { E164PhoneNumbers: page, NextToken } };
    }),
    route('CreatePhoneNumberOrder', 'POST /phone-number-orders', ({ body }) => ({
      status: 201,
      body: { PhoneNumberOrder: describeOrder(createOrder(store, body)) },
    })),
    route('GetPhoneNumberOrder', 'GET /phone-number-orders/{PhoneNumberOrderId}', ({ params }) => {
      const order = store.orders.get(params.PhoneNumberOrderId ?? '');
      if (!order) throw notFound(`Phone number order ${params.PhoneNumberOrderId} was not found.`);
      return { status: 200, body: { PhoneNumberOrder: describeOrder(order) } };
    }),
    route('ListPhoneNumberOrders', 'GET /phone-number-orders', ({ query }) => {
      const orders = [...store.orders.values()].sort((a, b) => a.CreatedTimestamp.localeCompare(b.CreatedTimestamp));
      const { page, NextToken } = paginate(orders, query, 500, 100);
      return { status: 200, body: { PhoneNumberOrders: page.map(describeOrder), NextToken } };
    }),
    route('ListPhoneNumbers', 'GET /phone-numbers', ({ query }) => {
      const status = queryEnum(query, 'status', PHONE_NUMBER_STATUSES);
      const productType = queryEnum(query, 'product-type', PRODUCT_TYPES);
      const filterName = queryEnum(query, 'filter-name', ASSOCIATION_NAMES);
      const filterValue = query.get('filter-value');
      if ((filterName === undefined) !== (filterValue === null)) {
        throw badRequest('FilterName and FilterValue go together.');
      }
      const numbers = [...store.phoneNumbers.values()]
        .filter((n) => !status || n.Status === status)
        .filter((n) => !productType || n.ProductType === productType)
        .filter((n) => !filterName || n.Associations.some((a) => a.Name === filterName && a.Value === filterValue))
        .sort((a, b) => a.E164PhoneNumber.localeCompare(b.E164PhoneNumber));
      const { page, NextToken } = paginate(numbers, query, 500, 100);
      return { status: 200, body: { PhoneNumbers: page, NextToken } };
    }),
    route('GetPhoneNumber', 'GET /phone-numbers/{PhoneNumberId}', ({ params }) => ({
      status: 200,
      body: { PhoneNumber: existingNumber(store, params.PhoneNumberId ?? '') },
    })),
    route('UpdatePhoneNumber', 'POST /phone-numbers/{PhoneNumberId}', ({ params, body }) => {
      const number = existingNumber(store, params.PhoneNumberId ?? '');
      updateNumber(store, number, body);
      return { status: 200, body: { PhoneNumber: number } };
    }),
    route('DeletePhoneNumber', 'DELETE /phone-numbers/{PhoneNumberId}', ({ params }) => {
      const number = existingNumber(store, params.PhoneNumberId ?? '');
      if (number.Status === 'DeleteInProgress') throw badRequest(`${number.E164PhoneNumber} is already deleted.`);
      if (number.Status === 'AcquireInProgress') throw badRequest(`${number.E164PhoneNumber} is not acquired yet.`);
      if (number.Associations.length > 0) {
        const [first] = number.Associations;
        throw badRequest(
          `${number.E164PhoneNumber} is associated with ${first?.Name} ${first?.Value}; remove that association first.`,
          'PhoneNumberAssociationsExist',
        );
      }
      const at = store.isoNow();
      Object.assign(number, { Status: 'DeleteInProgress', DeletionTimestamp: at, UpdatedTimestamp: at });
      store.save();
      return { status: 204 };
    }),
    route('RestorePhoneNumber', 'POST /phone-numbers/{PhoneNumberId}?operation=restore', ({ params }) => {
      const number = existingNumber(store, params.PhoneNumberId ?? '');
      if (number.Status !== 'DeleteInProgress')
        throw badRequest(`${number.E164PhoneNumber} is not in the deletion queue.`);
      number.Status = 'Unassigned';
      delete number.DeletionTimestamp;
      number.UpdatedTimestamp = store.isoNow();
      store.save();
      return { status: 200, body: { PhoneNumber: number } };
    }),
  ];
}
