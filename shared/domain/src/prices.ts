/**
 * The price table of everything Parley bills that calling's PSTN rate table does not price (ADR 0021):
 * SMS by destination country, a WhatsApp message, the meeting attendee-minute, a phone number's month, storage. Data, not
 * logic: each row says where its figure comes from (`source`) and when it was read (`asOf`), so a
 * reviewer can check it against the provider's page and a change is one reviewed line. Prices are
 * integer micro-USD per unit (1 USD = 1 000 000), what Parley pays (list prices, no discounts).
 *
 * Phone minutes are priced by calling's `rate-table.ts` (by destination and number type, with billing
 * increments): that stays their one source, and the ledger takes the amount calling computed.
 */

/** One row: a price in integer micro-USD per `unit`, with its provenance. */
export interface PriceRow {
  unit: string;
  unitPriceMicros: number;
  /** the provider's price page (or contract) the figure is read from */
  source: string;
  /** when the figure was read, `YYYY-MM-DD` */
  asOf: string;
}

const SMS_SOURCE =
  'https://aws.amazon.com/end-user-messaging/pricing/ (transactional SMS, outbound, incl. carrier fees)';
const sms = (unitPriceMicros: number): PriceRow => ({
  unit: 'sms-segment',
  unitPriceMicros,
  source: SMS_SOURCE,
  asOf: '2026-11-02',
});

/**
 * SMS per segment, by destination country (ISO 3166 alpha-2), with its country calling code (what
 * notifications knows of a number). `+1` is priced as the US row (Canada's price is within a tenth).
 */
export const SMS_PRICES: Readonly<Record<string, PriceRow & { callingCode: string }>> = {
  US: { ...sms(8_830), callingCode: '1' },
  CH: { ...sms(58_400), callingCode: '41' },
  PA: { ...sms(50_500), callingCode: '507' },
  SG: { ...sms(37_100), callingCode: '65' },
  GB: { ...sms(35_500), callingCode: '44' },
  DE: { ...sms(92_300), callingCode: '49' },
  FR: { ...sms(71_500), callingCode: '33' },
  ES: { ...sms(69_000), callingCode: '34' },
};

/** An SMS to a country without a row: the dearest rows' order of magnitude, so the ledger never under-counts. */
export const SMS_DEFAULT_PRICE: PriceRow = sms(100_000);

/** The row (and country) of an SMS to a number of `callingCode`; `country` is undefined for the default row. */
export function smsPriceFor(callingCode: string): { country?: string; row: PriceRow } {
  const entry = Object.entries(SMS_PRICES).find(([, row]) => row.callingCode === callingCode);
  return entry ? { country: entry[0], row: entry[1] } : { row: SMS_DEFAULT_PRICE };
}

/**
 * One WhatsApp message Parley sends: a reply in a whatsapp conversation (ADR 0029). Meta prices per
 * message since 2025-07-01 and charges nothing for a non-template (service) message, which can only be
 * sent inside the 24 h customer service window a person's own message opens, which is all Parley
 * sends; what remains is the provider's per-message fee: AWS End User Messaging Social USD 0.005 (the
 * same as Twilio's WhatsApp fee). One price for every country: Meta's fee, the part that varies by
 * country, is zero here.
 */
export const WHATSAPP_MESSAGE: PriceRow = {
  unit: 'message',
  unitPriceMicros: 5_000,
  source:
    'https://aws.amazon.com/end-user-messaging/pricing/ (WhatsApp: AWS per-message fee, USD 0.005) + https://developers.facebook.com/docs/whatsapp/pricing (Meta per-message pricing: service messages inside the customer service window free)',
  asOf: '2026-12-03',
};

/** One attendee-minute of a Chime SDK meeting (an app call has two attendees; a phone call's meeting too). */
export const ATTENDEE_MINUTE: PriceRow = {
  unit: 'attendee-minute',
  unitPriceMicros: 1_700,
  source: 'https://aws.amazon.com/chime/chime-sdk/pricing/ (meetings, per attendee-minute)',
  asOf: '2026-11-02',
};

/**
 * A phone number's month, by carrier: the reference figures. The numbers service prices each number
 * from its stage's carrier configuration (SSM), which is what its `numbers.UsageRecorded` carries.
 */
export const NUMBER_MONTH: Readonly<Record<'chime' | 'sip-trunk', PriceRow>> = {
  chime: {
    unit: 'number-month',
    unitPriceMicros: 1_000_000,
    source: 'https://aws.amazon.com/chime/chime-sdk/pricing/ (PSTN, local number per month)',
    asOf: '2026-11-02',
  },
  'sip-trunk': {
    unit: 'number-month',
    unitPriceMicros: 1_500_000,
    source: 'the SIP-trunk carrier contract (DID per month, PA and SG)',
    asOf: '2026-11-02',
  },
};

/** A GB-month of S3 Standard storage: voicemail recordings in calling's audio bucket. */
export const STORAGE_GB_MONTH: PriceRow = {
  unit: 'gigabyte-month',
  unitPriceMicros: 23_000,
  source: 'https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB)',
  asOf: '2026-11-02',
};

/** Micro-USD per USD. */
export const MICROS_PER_USD = 1_000_000;

/** USD to integer micro-USD, rounded half up (the one rounding a usage line gets). */
export function toMicros(usd: number): number {
  // toPrecision(12) drops the binary tail first (0.0000125 USD × 1e6 = 12.499999… → 12.5 → 13)
  return Math.round(Number((usd * MICROS_PER_USD).toPrecision(12)));
}

/** Integer micro-USD to USD (for display and for prices stated in USD). */
export function fromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}
