import type { EventData, EventDefinition } from '@parley/events/define-event';
import type {
  CarrierConfig,
  NumberState,
  NumberType,
  Order,
  OrderedNumberStatus,
  OrderStatus,
  PhoneNumber,
} from './model.ts';

/** Port: the inventory of numbers. */
export interface NumberRepository {
  get(e164: string): Promise<PhoneNumber | undefined>;
  list(): Promise<PhoneNumber[]>;
  /** Writes `number` if its stored state is still `expected` (`absent`: not stored, or released); false if not. */
  save(number: PhoneNumber, expected: NumberState | 'absent'): Promise<boolean>;
  delete(e164: string): Promise<void>;
}

/** Port: phone number orders. */
export interface OrderRepository {
  get(id: string): Promise<Order | undefined>;
  list(): Promise<Order[]>;
  put(order: Order): Promise<void>;
}

/** Port: which (number, month) charges were already recorded. */
export interface UsageLedger {
  has(e164: string, period: string): Promise<boolean>;
  mark(e164: string, period: string, at: string): Promise<void>;
}

/** What Chime SDK Voice says of an order. */
export interface ChimeOrder {
  orderId: string;
  status: OrderStatus;
  numbers: { e164: string; status: OrderedNumberStatus }[];
}

/** Port: Chime SDK Voice (numbers, orders, the SIP rules that route numbers to calling). */
export interface VoiceProvider {
  /** Countries and number types Chime offers for SIP media application dial-in. */
  countries(): Promise<{ country: string; types: NumberType[] }[]>;
  search(country: string, type: NumberType, areaCode?: string): Promise<string[]>;
  /** Orders numbers; refused numbers throw NumberNotAvailable. */
  order(numbers: readonly string[]): Promise<ChimeOrder>;
  getOrder(orderId: string): Promise<ChimeOrder>;
  /** Creates the rule sending this trigger to calling's SIP media application, or finds the one there is. */
  ensureRule(rule: { name: string; trigger: 'ToPhoneNumber' | 'RequestUriHostname'; value: string }): Promise<string>;
  /** Disables, then deletes, a rule (gone already: nothing to do). */
  removeRule(ruleId: string): Promise<void>;
  deleteNumber(e164: string): Promise<void>;
}

/** Port: the stage's carrier and price configuration. */
export interface CarrierSource {
  config(): Promise<CarrierConfig>;
}

/** Port: the numbers' copy of who exists. */
export interface UserLookup {
  get(userId: string): Promise<{ userId: string; displayName: string } | undefined>;
}

/** Port: publishes events (EventBridge in production). */
export interface EventSink {
  publish<E extends EventDefinition>(
    event: E,
    data: EventData<E>,
    options?: { audience?: readonly string[]; eventId?: string },
  ): Promise<unknown>;
}

export interface Clock {
  now(): Date;
}
