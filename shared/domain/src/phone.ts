/** Phone numbers as the domain needs them, whatever service holds them. */

// ITU country calling codes are prefix-free: 1 and 7 are one digit, these are two, all others three.
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** The country calling code of an E.164 number (`+41791234567` → `41`): the key of notifications' per-country SMS cap and of the SMS price table. */
export function callingCode(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}
