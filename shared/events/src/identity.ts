import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { E164, Id } from './ids.ts';

export const UserRegistered = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.UserRegistered',
  version: 1,
  description: 'A person created a Parley account.',
  data: z.object({
    userId: Id,
    displayName: z.string().min(1).max(80),
    email: z.email(),
    roles: z.array(z.string()),
    registeredAt: z.iso.datetime(),
  }),
});

export const ProfileUpdated = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.ProfileUpdated',
  version: 1,
  description: 'A user changed their public profile or contact details.',
  data: z.object({
    userId: Id,
    displayName: z.string().min(1).max(80),
    statusMessage: z.string().max(140).optional(),
    locale: z.string().max(35).optional(),
    timeZone: z.string().max(64).optional(),
    mobileNumber: z.string().optional(),
    /** whether the owner proved `mobileNumber` is theirs with a code sent to it; only then does Parley text it */
    mobileVerified: z.boolean().optional(),
    changed: z.array(z.string()),
  }),
});

export const MobileVerificationRequested = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.MobileVerificationRequested',
  version: 1,
  description:
    'A user asked to verify a mobile number: notifications texts it the one-time code (valid until expiresAt).',
  data: z.object({
    userId: Id,
    mobileNumber: E164,
    /** the 6-digit one-time code, short-lived and useless once confirmed or expired */
    code: z.string().regex(/^\d{6}$/),
    expiresAt: z.iso.datetime(),
  }),
});

export const ContactAdded = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.ContactAdded',
  version: 1,
  description: 'A user added another user to their contacts.',
  data: z.object({ userId: Id, contactId: Id, addedAt: z.iso.datetime() }),
});

export const ContactRemoved = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.ContactRemoved',
  version: 1,
  description: 'A user removed another user from their contacts.',
  data: z.object({ userId: Id, contactId: Id, removedAt: z.iso.datetime() }),
});

export const UserBlocked = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.UserBlocked',
  version: 1,
  description:
    'A user blocked another: no direct messages, calls, signals, presence or typing between them until unblocked.',
  data: z.object({ userId: Id, blockedId: Id, blockedAt: z.iso.datetime() }),
});

export const UserUnblocked = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.UserUnblocked',
  version: 1,
  description: 'A user lifted their block of another.',
  data: z.object({ userId: Id, blockedId: Id, unblockedAt: z.iso.datetime() }),
});

export const SessionRevoked = defineEvent({
  source: 'parley.identity',
  detailType: 'identity.SessionRevoked',
  version: 1,
  description:
    'A session ended (logout, revocation, or refresh-token reuse); live connections of that session should close.',
  data: z.object({ userId: Id, sessionId: Id, reason: z.enum(['logout', 'revoked', 'reuse-detected', 'expired']) }),
});
