import { describe, expect, it } from 'vitest';
import { passwordWeakness } from '../src/domain/passwords.ts';

const anna = { email: 'anna.lopez@example.com', displayName: 'José Álvarez' };
const weakness = (password: string, account = anna) => passwordWeakness(password, account);

describe('password weakness (ASVS 5.0 6.2.4, 6.2.11)', () => {
  it('refuses whitespace only, a repeated character and fewer than 4 distinct characters', () => {
    expect(weakness('        ')).toBe('whitespace');
    expect(weakness('\t \u00a0   \u3000 ')).toBe('whitespace');
    expect(weakness('aaaaaaaa')).toBe('repeated');
    expect(weakness('AaAaAaAa')).toBe('repeated');
    expect(weakness('abababab')).toBe('few-distinct');
    expect(weakness('abcabcabc')).toBe('few-distinct');
    expect(weakness('abcdabcd')).toBeUndefined();
  });

  it('refuses the most common passwords', () => {
    expect(weakness('password1')).toBe('common');
    expect(weakness('Sunshine')).toBe('common');
  });

  it('refuses the email, its local part and the display name anywhere in it, ignoring case, accents and spaces', () => {
    for (const password of [
      'anna.lopez@example.com',
      'ANNA.LOPEZ@EXAMPLE.COM',
      'anna.lopez2026',
      'my anna.lopez!',
      'josé álvarez',
      'JoseAlvarez!',
      'jose alvarez 99',
    ])
      expect(weakness(password), password).toBe('personal');
  });

  it('ignores personal words shorter than 4 characters', () => {
    expect(weakness('a fine passphrase', { email: 'ab@x.io', displayName: 'Bo' })).toBeUndefined();
    expect(weakness('bo knows passwords', { email: 'bob@x.io', displayName: 'Bo' })).toBeUndefined();
    expect(weakness('ab@x.io is mine', { email: 'ab@x.io', displayName: 'Bo' })).toBe('personal');
  });

  it('refuses the name of the service', () => {
    expect(weakness('parley123')).toBe('context');
    expect(weakness('My Parley Password')).toBe('context');
    expect(weakness('P a r l e y 2026')).toBe('context');
  });

  it('accepts a passphrase that is none of these', () => {
    expect(weakness('correct horse battery')).toBeUndefined();
    expect(weakness('Zürich-Panamá-2026')).toBeUndefined();
  });
});
