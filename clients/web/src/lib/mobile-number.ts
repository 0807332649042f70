import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js';
import { countryOfNumber } from './phone-format.ts';

/** Where the organisation's people live, and a few neighbours: a time zone's country. */
const COUNTRY_OF_ZONE: Record<string, string> = {
  'Europe/Zurich': 'CH',
  'America/Panama': 'PA',
  'Asia/Singapore': 'SG',
  'Europe/Berlin': 'DE',
  'Europe/Vienna': 'AT',
  'Europe/Paris': 'FR',
  'Europe/Rome': 'IT',
  'Europe/Madrid': 'ES',
  'Europe/London': 'GB',
  'America/Bogota': 'CO',
  'America/Costa_Rica': 'CR',
  'America/Mexico_City': 'MX',
  'Asia/Kuala_Lumpur': 'MY',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Los_Angeles': 'US',
};

const known = new Set<string>(getCountries());

/**
 * The country a national number is read in: that of my mobile number, else of my time zone, else
 * the region of my browser's language ("de-CH" → CH).
 */
export function homeCountry(person: {
  mobileNumber?: string;
  timeZone?: string;
  languages?: readonly string[];
}): string | undefined {
  const fromNumber = countryOfNumber(person.mobileNumber);
  if (fromNumber) return fromNumber;
  const fromZone = person.timeZone ? COUNTRY_OF_ZONE[person.timeZone] : undefined;
  if (fromZone) return fromZone;
  for (const tag of person.languages ?? []) {
    const region = tag.split('-')[1]?.toUpperCase();
    if (region && known.has(region)) return region;
  }
  return undefined;
}

/** "079 123 45 67" in CH → "+41791234567"; undefined when it is not a valid number. */
export function toE164(input: string, country: string | undefined): string | undefined {
  const region = country && known.has(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input.trim(), region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** "Switzerland" for CH in the reader's language. */
export function countryName(country: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}
