/**
 * How phone numbers and their countries are shown: international format, a flag drawn by the
 * system's emoji font (no image assets), the country's name in the reader's language.
 */

/** The flag emoji for an ISO 3166-1 alpha-2 code: two regional-indicator letters; '' for anything else. */
export function flagOf(country: string): string {
  const code = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return '';
  const base = 0x1f1e6 - 'A'.charCodeAt(0);
  return String.fromCodePoint(base + code.charCodeAt(0), base + code.charCodeAt(1));
}

/**
 * Digit groups after the country code, per country code and national length, as each country writes
 * them (CH +41 44 668 18 00, SG +65 6123 4567, PA +507 6123 4567, US +1 206 555 0100).
 */
const GROUPS: Record<string, Record<number, number[]>> = {
  '1': { 10: [3, 3, 4] },
  '41': { 9: [2, 3, 2, 2] },
  '65': { 8: [4, 4] },
  '507': { 7: [3, 4], 8: [4, 4] },
};

/** An E.164 number in international format; a number of another country is shown as it came. */
export function formatPhone(e164: string): string {
  const digits = /^\+(\d+)$/.exec(e164)?.[1];
  if (!digits) return e164;
  for (const [code, byLength] of Object.entries(GROUPS)) {
    if (!digits.startsWith(code)) continue;
    const national = digits.slice(code.length);
    const groups = byLength[national.length];
    if (!groups) return e164;
    const parts: string[] = [];
    let at = 0;
    for (const size of groups) {
      parts.push(national.slice(at, at + size));
      at += size;
    }
    return `+${code} ${parts.join(' ')}`;
  }
  return e164;
}

/** A country's name in `locale` (Intl), else `fallback` (the API's English name), else the code. */
export function countryName(country: string, locale: string, fallback?: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(country.toUpperCase());
    if (name && name !== country.toUpperCase()) return name;
  } catch {
    // an invalid code or an engine without DisplayNames: the fallback below
  }
  return fallback ?? country;
}
