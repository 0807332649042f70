import {
  AsYouType,
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import type { Billing, Rate } from './phone-model.ts';

/**
 * Phone numbers as people type them (any format, parsed with libphonenumber-js against a default
 * country), as they are shown (international format), and what a phone call costs as billed.
 */

/** What the dial pad knows about what was typed. */
export interface ParsedNumber {
  /** the number in E.164 once it is a possible number; undefined before */
  e164?: string;
  /** ISO 3166 alpha-2, when the number (or the default for a national one) says it */
  country?: string;
  /** as typed, grouped as the country writes it (international format once complete) */
  display: string;
  /** a number of a real range (not only the right length) */
  valid: boolean;
}

function asCountry(code: string | undefined): CountryCode | undefined {
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}

/** Keeps what a phone number can hold: digits, * and #, and a + when it was written first (or as 00). */
export function dialable(input: string): string {
  const digits = input.replace(/[^0-9*#]/g, '');
  if (/^[^0-9]*\+/.test(input)) return `+${digits}`;
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

/** The one country a calling code belongs to (+41 → CH); undefined when several share it (+1, +44). */
function countryOfCallingCode(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const countries = getCountries().filter((c) => getCountryCallingCode(c) === code);
  return countries.length === 1 ? countries[0] : undefined;
}

/** Parses a number typed or pasted in any format; a national one is read in `defaultCountry`. */
export function parseNumber(input: string, defaultCountry?: string): ParsedNumber {
  const typed = dialable(input);
  const region = typed.startsWith('+') ? undefined : asCountry(defaultCountry);
  if (!typed || /[*#]/.test(typed)) return { display: typed, valid: false };
  const formatter = new AsYouType(region);
  const display = formatter.input(typed);
  const parsed = parsePhoneNumberFromString(typed, region);
  if (!parsed?.isPossible()) {
    const country = formatter.getCountry() ?? countryOfCallingCode(formatter.getCallingCode()) ?? region;
    return { display, country, valid: false };
  }
  return {
    e164: parsed.number,
    country: parsed.country,
    display: parsed.formatInternational(),
    valid: parsed.isValid(),
  };
}

/** An E.164 number in international format ("+41 44 668 18 00"); anything else as it came. */
export function formatNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The country of an E.164 number, when its calling code says it. */
export function countryOfNumber(e164: string | undefined): string | undefined {
  return e164 ? parsePhoneNumberFromString(e164)?.country : undefined;
}

/** The seconds billed for `elapsed` seconds of a call: the first increment at once, then whole next increments. */
export function billedSeconds(elapsed: number, billing: Billing): number {
  if (!(elapsed >= 0)) return 0;
  const over = Math.max(0, elapsed - billing.firstSeconds);
  return billing.firstSeconds + Math.ceil(over / billing.nextSeconds) * billing.nextSeconds;
}

/** What `elapsed` seconds of a connected call cost as billed (to a hundredth of a cent). */
export function billedCost(elapsed: number, rate: Rate): number {
  const minutes = billedSeconds(elapsed, rate.billing) / 60;
  return Math.round(minutes * rate.ratePerMinute * 10_000) / 10_000;
}

/** "$0.04", "$0.035": money with at least two decimals and at most four. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(amount);
}
