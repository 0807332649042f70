import { type NumberType as LibNumberType, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  type Billing,
  COUNTRY_RATES,
  INBOUND_DEFAULT,
  INBOUND_RATES,
  PREMIUM_RATE,
  type RateRow,
  REGION_OF,
  REGION_RATES,
  SATELLITE_RATE,
  WORLD_RATE,
} from './rate-table.ts';

export type { Billing } from './rate-table.ts';

/** The kinds of number the API names (`numberType` of the quote). */
export type NumberType =
  | 'fixed'
  | 'mobile'
  | 'fixed-or-mobile'
  | 'premium'
  | 'satellite'
  | 'toll-free'
  | 'shared-cost'
  | 'other';

/** A price: per minute, in USD, with the carrier's billing increments. */
export interface Tariff {
  ratePerMinute: number;
  currency: 'USD';
  billing: Billing;
}

/** What a minute to one number costs: the quote's price fields. */
export interface Rate extends Tariff {
  /** ISO 3166 alpha-2, or null for international networks (satellite, +882/+883) and unparseable input */
  country: string | null;
  numberType: NumberType;
}

export interface InboundRate extends Tariff {
  country: string;
}

/** Country calling codes of satellite and international networks (Inmarsat, Iridium, Thuraya, +882/+883 carriers). */
export const SATELLITE_CODES: readonly string[] = ['870', '881', '882', '883'];

/** What libphonenumber knows about a number, in the domain's words. */
export interface ParsedNumber {
  e164: string;
  /** null for the non-geographic "001" region and numbers no country claims */
  country: string | null;
  callingCode: string;
  valid: boolean;
  libType: LibNumberType | undefined;
  numberType: NumberType;
}

/** The country calling code of satellite/international networks, or undefined. Prefix-free codes make `startsWith` exact. */
export function satelliteCode(e164: string): string | undefined {
  return SATELLITE_CODES.find((code) => e164.startsWith(`+${code}`));
}

export function parseNumber(e164: string): ParsedNumber | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return undefined;
  const libType = parsed.getType();
  // libphonenumber leaves `country` unset for the non-geographic "001" region (+800, +870, +881, +882, +883, +979…)
  const nonGeographic = !parsed.country && satelliteCode(`+${parsed.countryCallingCode}`) !== undefined;
  return {
    e164: parsed.number,
    country: parsed.country ?? null,
    callingCode: parsed.countryCallingCode,
    valid: parsed.isValid(),
    libType,
    numberType: nonGeographic ? 'satellite' : toNumberType(libType),
  };
}

function toNumberType(type: LibNumberType | undefined): NumberType {
  switch (type) {
    case 'FIXED_LINE':
      return 'fixed';
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE_OR_MOBILE':
      return 'fixed-or-mobile';
    case 'PREMIUM_RATE':
      return 'premium';
    case 'TOLL_FREE':
      return 'toll-free';
    case 'SHARED_COST':
      return 'shared-cost';
    default:
      // VOIP, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL, unknown
      return 'other';
  }
}

const tariff = (r: RateRow): Tariff => ({ ratePerMinute: r.ratePerMinute, currency: 'USD', billing: { ...r.billing } });

/**
 * The price of a minute to `e164`. A country's own row first, then its region's, then the world's.
 * A fixed-or-mobile number (NANP) is priced as the dearer of the two, so the quote is never low;
 * toll-free and other numbers at the fixed rate (a toll-free number abroad is not free to dial).
 * Anything is priced, even what the guard refuses: premium and satellite at their own rows,
 * unparseable input at the world's mobile rate.
 */
export function rateFor(e164: string): Rate {
  if (satelliteCode(e164)) return { country: null, numberType: 'satellite', ...tariff(SATELLITE_RATE) };
  const parsed = parseNumber(e164);
  if (!parsed) return { country: null, numberType: 'other', ...tariff(WORLD_RATE.mobile) };
  return { country: parsed.country, numberType: parsed.numberType, ...tariff(rowFor(parsed)) };
}

function rowFor({ country, numberType }: ParsedNumber): RateRow {
  if (numberType === 'satellite') return SATELLITE_RATE;
  if (numberType === 'premium' || numberType === 'shared-cost') return PREMIUM_RATE;
  const rows = (country && (COUNTRY_RATES[country] ?? regionRows(country))) || WORLD_RATE;
  if (numberType === 'mobile') return rows.mobile;
  if (numberType === 'fixed-or-mobile')
    return rows.mobile.ratePerMinute > rows.fixed.ratePerMinute ? rows.mobile : rows.fixed;
  return rows.fixed;
}

function regionRows(country: string) {
  const region = REGION_OF[country];
  return region ? REGION_RATES[region] : undefined;
}

/** What a minute of a call to a Parley number of `country` costs (for the ledger). */
export function inboundRateFor(country: string): InboundRate {
  return { country, ...tariff(INBOUND_RATES[country.toUpperCase()] ?? INBOUND_DEFAULT) };
}

/**
 * The seconds a call of `durationSeconds` is billed: nothing for an unanswered (0 s) call, else the
 * first increment in full and every started increment after it.
 */
export function billedSeconds(billing: Billing, durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  if (durationSeconds <= billing.firstSeconds) return billing.firstSeconds;
  return (
    billing.firstSeconds +
    Math.ceil((durationSeconds - billing.firstSeconds) / billing.nextSeconds) * billing.nextSeconds
  );
}

/** A call's cost: billed seconds × the per-minute rate, rounded to 4 decimals. */
export function costOf(rate: Tariff, durationSeconds: number): { amount: number; currency: 'USD' } {
  const amount = (billedSeconds(rate.billing, durationSeconds) * rate.ratePerMinute) / 60;
  return { amount: round4(amount), currency: rate.currency };
}

/** Rounds to 4 decimals, half up, without binary-fraction surprises (0.00005 → 0.0001). */
export function round4(value: number): number {
  return Math.round((value + Number.EPSILON) * 10_000) / 10_000;
}
