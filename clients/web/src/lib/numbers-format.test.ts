import { describe, expect, it } from 'vitest';
import { countryName, flagOf, formatPhone } from './numbers-format.ts';

describe('numbers format', () => {
  it('given ISO codes, when flagged, then each becomes its two regional-indicator letters', () => {
    expect([flagOf('CH'), flagOf('pa'), flagOf('SG'), flagOf('US')]).toEqual(['🇨🇭', '🇵🇦', '🇸🇬', '🇺🇸']);
    expect(flagOf('XYZ')).toBe('');
  });

  it('given E.164 numbers of the four countries, when formatted, then each is grouped the way its country writes it', () => {
    expect(formatPhone('+41446681800')).toBe('+41 44 668 18 00');
    expect(formatPhone('+50761234567')).toBe('+507 6123 4567');
    expect(formatPhone('+5072123456')).toBe('+507 212 3456');
    expect(formatPhone('+6561234567')).toBe('+65 6123 4567');
    expect(formatPhone('+12065550100')).toBe('+1 206 555 0100');
  });

  it('given a number of another country or of an unexpected length, when formatted, then it is shown as it came', () => {
    expect(formatPhone('+447700900123')).toBe('+447700900123');
    expect(formatPhone('+6512345')).toBe('+6512345');
    expect(formatPhone('not a number')).toBe('not a number');
  });

  it('given a locale, when a country is named, then the name is in that language, else the fallback', () => {
    expect(countryName('CH', 'es')).toBe('Suiza');
    expect(countryName('SG', 'en')).toBe('Singapore');
    expect(countryName('X1', 'en', 'Nowhere')).toBe('Nowhere');
  });
});
