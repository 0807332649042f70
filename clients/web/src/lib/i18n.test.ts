import { describe, expect, it } from 'vitest';
import { detectLocale, format, translator } from './i18n.ts';
import { en } from './i18n-en.ts';
import { es } from './i18n-es.ts';

describe('i18n', () => {
  it('follows the browser until the user picks a language', () => {
    // Given browser languages and maybe a stored choice, then the detected locale is
    expect(detectLocale(['es-PA', 'en'], null)).toBe('es');
    expect(detectLocale(['de-CH', 'en-GB'], null)).toBe('en');
    expect(detectLocale(['fr'], null)).toBe('en');
    expect(detectLocale(['es-PA'], 'en')).toBe('en');
  });

  it('fills placeholders and has every key in Spanish', () => {
    // Given the dictionaries, then translating fills values and no Spanish string is empty
    expect(format('{name} is typing…', { name: 'Ada' })).toBe('Ada is typing…');
    expect(translator('es')('chats.unread', { count: 3 })).toBe('3 sin leer');
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(es).every((v) => v.trim().length > 0)).toBe(true);
  });
});
