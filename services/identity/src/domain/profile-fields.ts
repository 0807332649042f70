import { lineText, nameText } from '@parley/events/text';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import * as z from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts';

/** Request field rules shared by handlers (400 with details) and use cases. */

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((e) => e.toLowerCase());

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must have at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must have at most ${PASSWORD_MAX_LENGTH} characters`);

/** A mailed link's token (43 base64url characters); the bounds only keep junk away from the table. */
export const EmailLinkToken = z
  .string()
  .min(16, 'must be the token from the link')
  .max(128, 'must be the token from the link')
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the token from the link');

/** No control or BiDi override characters, and at least one visible one (`@parley/events/text`). */
export const DisplayName = nameText(80);

/** No control or BiDi override characters; may be empty. */
export const StatusMessage = lineText(140);

/** BCP 47 language tag, canonicalized ("de-ch" → "de-CH"). */
export const Locale = z
  .string()
  .max(35)
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as de-CH' });
    return z.NEVER;
  });

/** IANA time zone, canonical spelling ("europe/zurich" → "Europe/Zurich"). */
export const TimeZone = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Zurich' });
      return z.NEVER;
    }
  });

// Numbers that can receive a text message; premium-rate and similar are refused (SMS pumping).
const SMS_CAPABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', undefined]);

/**
 * A mobile number in international form, returned as E.164 ("+41 79 123 45 67" → "+41791234567").
 * Built in a pure-marked function so a handler that never uses it (or ProfileChanges) does not
 * bundle libphonenumber's metadata (~45 KB zipped, ADR 0022).
 */
export const MobileNumber = /* @__PURE__ */ (() =>
  z
    .string()
    .max(32)
    .transform((value, ctx) => {
      const parsed = parsePhoneNumberFromString(value);
      if (!parsed?.isValid() || !value.trim().startsWith('+')) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a valid phone number in international form, e.g. +41791234567',
        });
        return z.NEVER;
      }
      if (!SMS_CAPABLE.has(parsed.getType())) {
        ctx.addIssue({ code: 'custom', message: 'must be a mobile number' });
        return z.NEVER;
      }
      return parsed.number;
    }))();

/** An avatar id returned by POST /me/avatar. */
export const AvatarId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be an avatarId from POST /me/avatar');

/** PATCH /me: every field optional; `null` clears an optional one. */
export const ProfileChanges = /* @__PURE__ */ (() =>
  z
    .strictObject({
      displayName: DisplayName.optional(),
      statusMessage: StatusMessage.nullable().optional(),
      locale: Locale.nullable().optional(),
      timeZone: TimeZone.nullable().optional(),
      mobileNumber: MobileNumber.nullable().optional(),
      avatarId: AvatarId.nullable().optional(),
    })
    .refine((c) => Object.keys(c).length > 0, 'name at least one field to change'))();
export type ProfileChanges = z.infer<typeof ProfileChanges>;

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** POST /me/avatar */
export const AvatarUploadRequest = z.strictObject({
  contentType: z.enum(AVATAR_TYPES),
  size: z.number().int().min(1).max(AVATAR_MAX_BYTES, 'must be at most 2 MB (2097152 bytes)'),
});
export type AvatarUploadRequest = z.infer<typeof AvatarUploadRequest>;
