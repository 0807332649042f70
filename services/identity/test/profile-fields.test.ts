import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from '../src/domain/passwords.ts';
import { AvatarUploadRequest, Email, MobileNumber, ProfileChanges } from '../src/domain/profile-fields.ts';

describe('profile fields', () => {
  it('normalizes emails to lowercase and refuses non-emails', () => {
    expect(Email.parse('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(Email.safeParse('alice').success).toBe(false);
  });

  it('accepts mobile numbers of Switzerland, Panama and Singapore as E.164', () => {
    expect(MobileNumber.parse('+41 79 123 45 67')).toBe('+41791234567');
    expect(MobileNumber.parse('+507 6123-4567')).toBe('+50761234567');
    expect(MobileNumber.parse('+65 9123 4567')).toBe('+6591234567');
  });

  it('refuses national-format, invalid, landline and premium-rate numbers', () => {
    for (const n of ['079 123 45 67', '+4179', '+41 44 668 18 00', '+41 900 123 456', 'call me']) {
      expect(MobileNumber.safeParse(n).success, n).toBe(false);
    }
  });

  it('validates time zones and locales with Intl, and refuses unknown or extra fields', () => {
    expect(ProfileChanges.safeParse({ timeZone: 'Asia/Singapore' }).success).toBe(true);
    expect(ProfileChanges.safeParse({ timeZone: 'Mars/Olympus_Mons' }).success).toBe(false);
    expect(ProfileChanges.safeParse({ locale: 'es-PA' }).success).toBe(true);
    expect(ProfileChanges.safeParse({ locale: 'not a locale!' }).success).toBe(false);
    expect(ProfileChanges.safeParse({ roles: ['admin'] }).success).toBe(false);
    expect(ProfileChanges.safeParse({ email: 'x@example.com' }).success).toBe(false);
    expect(ProfileChanges.safeParse({}).success).toBe(false);
    expect(ProfileChanges.safeParse({ displayName: 'a\u0007b' }).success).toBe(false);
  });

  it('allows avatars of PNG, JPEG or WebP up to 2 MB only', () => {
    expect(AvatarUploadRequest.safeParse({ contentType: 'image/png', size: 2 * 1024 * 1024 }).success).toBe(true);
    expect(AvatarUploadRequest.safeParse({ contentType: 'image/png', size: 2 * 1024 * 1024 + 1 }).success).toBe(false);
    expect(AvatarUploadRequest.safeParse({ contentType: 'image/svg+xml', size: 10 }).success).toBe(false);
  });
});

describe('common passwords', () => {
  it('ships well over the top 3000 (ASVS 6.2.4) and refuses them case-insensitively', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(3000);
    expect(isCommonPassword('Password1')).toBe(true);
    expect(isCommonPassword('sunshine')).toBe(true);
    expect(isCommonPassword('correct horse battery')).toBe(false);
  });
});
