import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { countryOfNumber, type NumberType, numberTypeOf, type ProductType } from './voice-catalog.ts';

/**
 * The voice emulator's state, kept in the wire shapes of the Chime SDK Voice API (timestamps as
 * ISO 8601 strings, which is how the service model serialises them), persisted as one JSON file.
 */

export interface StoredAssociation {
  Name: 'SipRuleId' | 'VoiceConnectorId' | 'VoiceConnectorGroupId';
  Value: string;
  AssociatedTimestamp: string;
}

export interface StoredPhoneNumber {
  PhoneNumberId: string;
  E164PhoneNumber: string;
  PhoneNumberArn: string;
  Country: string;
  Type: NumberType;
  ProductType: ProductType;
  Status: 'AcquireInProgress' | 'Unassigned' | 'Assigned' | 'DeleteInProgress';
  Capabilities: Record<
    'InboundCall' | 'OutboundCall' | 'InboundSMS' | 'OutboundSMS' | 'InboundMMS' | 'OutboundMMS',
    boolean
  >;
  Associations: StoredAssociation[];
  CallingName?: string;
  CallingNameStatus?: 'Unassigned' | 'UpdateSucceeded';
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
  DeletionTimestamp?: string;
  OrderId: string;
  Name?: string;
}

export interface StoredOrder {
  PhoneNumberOrderId: string;
  ProductType: ProductType;
  Status: 'Processing' | 'PendingDocuments' | 'Successful' | 'Partial' | 'Failed';
  OrderType: 'New';
  OrderedPhoneNumbers: { E164PhoneNumber: string; Status: 'Processing' | 'Acquired' | 'Failed' }[];
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
  /** Devstack only (not on the wire): when a Processing order completes, epoch ms. */
  dueAt?: number;
  /** Devstack only: the order's Name, given to each of its numbers. */
  name?: string;
}

export interface StoredSipMediaApplication {
  SipMediaApplicationId: string;
  SipMediaApplicationArn: string;
  AwsRegion: string;
  Name: string;
  Endpoints: { LambdaArn: string }[];
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
}

export interface StoredSipRule {
  SipRuleId: string;
  Name: string;
  Disabled: boolean;
  TriggerType: 'ToPhoneNumber' | 'RequestUriHostname';
  TriggerValue: string;
  TargetApplications: { SipMediaApplicationId: string; Priority: number; AwsRegion: string }[];
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
}

export interface StoredOriginationRoute {
  Host: string;
  Port: number;
  Protocol: 'TCP' | 'UDP';
  Priority: number;
  Weight: number;
}

export interface StoredVoiceConnector {
  VoiceConnectorId: string;
  VoiceConnectorArn: string;
  AwsRegion: string;
  Name: string;
  OutboundHostName: string;
  RequireEncryption: boolean;
  IntegrationType?: string;
  NetworkType?: string;
  CreatedTimestamp: string;
  UpdatedTimestamp: string;
  /** Devstack keeps the connector's settings on the connector itself. */
  origination?: { Routes: StoredOriginationRoute[]; Disabled: boolean };
  termination?: {
    CpsLimit: number;
    DefaultPhoneNumber?: string;
    CallingRegions: string[];
    CidrAllowedList: string[];
    Disabled: boolean;
  };
}

interface VoiceState {
  phoneNumbers: Record<string, StoredPhoneNumber>;
  orders: Record<string, StoredOrder>;
  sipMediaApplications: Record<string, StoredSipMediaApplication>;
  sipRules: Record<string, StoredSipRule>;
  voiceConnectors: Record<string, StoredVoiceConnector>;
}

/** Deleted numbers sit in the deletion queue this long before they are gone (and can be ordered again). */
export const DELETION_QUEUE_MS = 7 * 24 * 60 * 60 * 1000;

export interface VoiceStoreOptions {
  file: string;
  region: string;
  accountId: string;
  now?: () => number;
  /** How long a self-serve (US) order stays Processing; 2 s by default. */
  orderDelayMs?: number;
}

/** State, clock and persistence shared by the emulator's modules. */
export class VoiceStore {
  readonly region: string;
  readonly accountId: string;
  readonly now: () => number;
  readonly orderDelayMs: number;
  readonly phoneNumbers: Map<string, StoredPhoneNumber>;
  readonly orders: Map<string, StoredOrder>;
  readonly sipMediaApplications: Map<string, StoredSipMediaApplication>;
  readonly sipRules: Map<string, StoredSipRule>;
  readonly voiceConnectors: Map<string, StoredVoiceConnector>;
  private readonly file: string;

  constructor(options: VoiceStoreOptions) {
    this.file = options.file;
    this.region = options.region;
    this.accountId = options.accountId;
    this.now = options.now ?? Date.now;
    this.orderDelayMs = options.orderDelayMs ?? 2_000;
    const saved = readJsonFile<Partial<VoiceState>>(options.file, {});
    this.phoneNumbers = new Map(Object.entries(saved.phoneNumbers ?? {}));
    this.orders = new Map(Object.entries(saved.orders ?? {}));
    this.sipMediaApplications = new Map(Object.entries(saved.sipMediaApplications ?? {}));
    this.sipRules = new Map(Object.entries(saved.sipRules ?? {}));
    this.voiceConnectors = new Map(Object.entries(saved.voiceConnectors ?? {}));
  }

  /** The clock as an ISO 8601 timestamp. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  save(): void {
    const state: VoiceState = {
      phoneNumbers: Object.fromEntries(this.phoneNumbers),
      orders: Object.fromEntries(this.orders),
      sipMediaApplications: Object.fromEntries(this.sipMediaApplications),
      sipRules: Object.fromEntries(this.sipRules),
      voiceConnectors: Object.fromEntries(this.voiceConnectors),
    };
    writeJsonFile(this.file, state);
  }

  /** `+` plus digits: SIP rules, inventory and routing compare numbers in this form. */
  static e164(value: string): string {
    return value.startsWith('+') ? value : `+${value}`;
  }

  /**
   * Moves time-driven state on: Processing orders that are due complete, numbers whose deletion
   * queue time is over disappear. Called before every request and every directory lookup, so
   * nothing needs a timer.
   */
  settle(): void {
    const now = this.now();
    let changed = false;
    for (const order of this.orders.values()) {
      if (order.Status === 'Processing' && order.dueAt !== undefined && order.dueAt <= now) {
        this.complete(order);
        changed = true;
      }
    }
    for (const [id, number] of this.phoneNumbers) {
      const deletedAt = number.DeletionTimestamp ? Date.parse(number.DeletionTimestamp) : undefined;
      if (number.Status === 'DeleteInProgress' && deletedAt !== undefined && deletedAt + DELETION_QUEUE_MS <= now) {
        this.phoneNumbers.delete(id);
        changed = true;
      }
    }
    if (changed) this.save();
  }

  /** Completes an order: its numbers are acquired and join the inventory as Unassigned. */
  complete(order: StoredOrder): void {
    const at = this.isoNow();
    for (const ordered of order.OrderedPhoneNumbers) {
      if (ordered.Status === 'Failed') continue;
      const existing = this.phoneNumbers.get(ordered.E164PhoneNumber);
      // Another order got it first (possible for an order that waited for documents).
      ordered.Status = existing && existing.OrderId !== order.PhoneNumberOrderId ? 'Failed' : 'Acquired';
      if (ordered.Status === 'Failed') continue;
      this.phoneNumbers.set(ordered.E164PhoneNumber, {
        ...this.newNumber(ordered.E164PhoneNumber, order),
        ...(existing ? { CreatedTimestamp: existing.CreatedTimestamp } : {}),
        Status: 'Unassigned',
        UpdatedTimestamp: at,
      });
    }
    const acquired = order.OrderedPhoneNumbers.filter((n) => n.Status === 'Acquired').length;
    order.Status = acquired === order.OrderedPhoneNumbers.length ? 'Successful' : acquired === 0 ? 'Failed' : 'Partial';
    order.UpdatedTimestamp = at;
    delete order.dueAt;
  }

  /** A phone number record for `e164` ordered through `order` (status AcquireInProgress). */
  newNumber(e164: string, order: StoredOrder): StoredPhoneNumber {
    const at = this.isoNow();
    const country = countryOfNumber(e164) ?? 'US';
    return {
      PhoneNumberId: e164,
      E164PhoneNumber: e164,
      PhoneNumberArn: `arn:aws:chime:${this.region}:${this.accountId}:phone-number/${e164}`,
      Country: country,
      Type: numberTypeOf(e164),
      ProductType: order.ProductType,
      Status: 'AcquireInProgress',
      // Voice only: Chime's SIP media application numbers carry no SMS (Parley sends SMS through SNS).
      Capabilities: {
        InboundCall: true,
        OutboundCall: true,
        InboundSMS: false,
        OutboundSMS: false,
        InboundMMS: false,
        OutboundMMS: false,
      },
      Associations: [],
      ...(country === 'US' ? { CallingNameStatus: 'Unassigned' as const } : {}),
      CreatedTimestamp: at,
      UpdatedTimestamp: at,
      OrderId: order.PhoneNumberOrderId,
      ...(order.name ? { Name: order.name } : {}),
    };
  }
}
