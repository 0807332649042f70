/** Countries Parley has numbers in: Chime SDK Voice's (US, CH) and a SIP-trunk carrier's (PA, SG). */
export const COUNTRIES = ['CH', 'PA', 'SG', 'US'] as const;
export type Country = (typeof COUNTRIES)[number];
export type Carrier = 'chime' | 'sip-trunk';
export type NumberType = 'local' | 'toll-free';
export type NumberState = 'available' | 'ordered' | 'assigned' | 'released';
export type OrderStatus = 'processing' | 'pending-documents' | 'successful' | 'failed' | 'partial';
export type OrderedNumberStatus = 'processing' | 'pending-documents' | 'acquired' | 'failed';

/** International dialling codes of the countries above (E.164 prefixes, without the `+`). */
export const DIAL_CODES: Record<Country, string> = { CH: '41', PA: '507', SG: '65', US: '1' };

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** The country whose dialling code starts `e164`, if it is one of Parley's. */
export function countryOf(e164: string): Country | undefined {
  return COUNTRIES.find((c) => e164.startsWith(`+${DIAL_CODES[c]}`));
}

export function isCountry(value: string): value is Country {
  return (COUNTRIES as readonly string[]).includes(value);
}

/** A number of the inventory, as stored (the API view drops the routing fields). */
export interface PhoneNumber {
  e164: string;
  country: Country;
  type: NumberType;
  carrier: Carrier;
  carrierName?: string;
  state: NumberState;
  assignedTo?: { userId: string; displayName: string };
  orderId?: string;
  createdAt: string;
  assignedAt?: string;
  /** the SIP rule routing this number to calling's SIP media application while assigned */
  sipRuleId?: string;
  /** sip-trunk numbers: the Voice Connector outbound host their carrier sends calls to */
  voiceConnectorHost?: string;
}

/** What the API shows of a number. */
export type NumberView = Omit<PhoneNumber, 'sipRuleId' | 'voiceConnectorHost'>;

export function numberView(n: PhoneNumber): NumberView {
  const { sipRuleId: _rule, voiceConnectorHost: _host, ...view } = n;
  return view;
}

/** A Chime SDK Voice phone number order; its id is Chime's PhoneNumberOrderId. */
export interface Order {
  id: string;
  status: OrderStatus;
  numbers: { e164: string; status: OrderedNumberStatus }[];
  carrier: 'chime';
  createdAt: string;
  updatedAt: string;
}

/** A SIP-trunk carrier of the stage: who it is, which numbers it gave Parley, where it sends their calls. */
export interface TrunkCarrier {
  name: string;
  voiceConnectorId: string;
  /** `<id>.voiceconnector.chime.aws`: the RequestUriHostname its calls arrive with */
  outboundHost: string;
  numbers: Partial<Record<Country, string[]>>;
}

/** A monthly price of one number, per country and carrier. */
export interface NumberPrice {
  country: Country;
  carrier: Carrier;
  monthly: number;
  currency: string;
}

/** The stage's carrier configuration (data, read at init; see the adapters' carrier-config). */
export interface CarrierConfig {
  /** countries whose Chime orders wait for identity documents (`pending-documents`) */
  chimeDocumentsRequired: Country[];
  carriers: TrunkCarrier[];
  prices: NumberPrice[];
}

/** Who is asking, from the token. */
export interface Caller {
  userId: string;
  roles: readonly string[];
}
